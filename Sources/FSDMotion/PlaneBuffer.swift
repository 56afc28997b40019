/// An 8-bit plane the motion core owns: the downsampled copy of a frame's luma.
///
/// Allocated once per stream (geometry is fixed for a stream) and overwritten every frame, so
/// analysis allocates nothing per frame. Not thread-safe: one analyzer, one task.
public final class PlaneBuffer {
  public let width: Int
  public let height: Int
  public let base: UnsafeMutablePointer<UInt8>

  public init(width: Int, height: Int) {
    precondition(width >= 0 && height >= 0)
    self.width = width
    self.height = height
    base = .allocate(capacity: max(1, width * height))
    base.initialize(repeating: 0, count: max(1, width * height))
  }

  deinit { base.deallocate() }

  /// Valid while this buffer lives; rows are `width` bytes apart.
  public var view: LumaView { LumaView(base: UnsafePointer(base), strideBytes: width, width: width, height: height) }
}

extension LumaView {
  /// The rectangle `x..<x+width`, `y..<y+height` of this plane, walked by the same stride.
  public func region(_ rect: PlaneRect) -> LumaView {
    precondition(rect.x >= 0 && rect.y >= 0 && rect.x + rect.width <= width && rect.y + rect.height <= height,
                 "region must lie inside the plane")
    return LumaView(base: base + rect.y * strideBytes + rect.x, strideBytes: strideBytes,
                    width: rect.width, height: rect.height)
  }
}

/// A pixel rectangle inside a plane.
public struct PlaneRect: Sendable, Equatable {
  public var x: Int, y: Int, width: Int, height: Int
  public init(x: Int, y: Int, width: Int, height: Int) {
    self.x = x; self.y = y; self.width = width; self.height = height
  }
  public var centerX: Double { Double(x) + Double(width) / 2 }
  public var centerY: Double { Double(y) + Double(height) / 2 }
}
