/// A read-only view of an 8-bit luma plane that someone else owns (an FFmpeg frame, a test buffer).
///
/// Rows are `strideBytes` apart, which may be more than `width` (FFmpeg pads rows for alignment),
/// so kernels must walk rows by stride and never read a plane as one contiguous run of pixels.
/// The view is valid only while its owner keeps the memory alive: never store one.
public struct LumaView {
  public let base: UnsafePointer<UInt8>
  public let strideBytes: Int
  public let width: Int
  public let height: Int

  public init(base: UnsafePointer<UInt8>, strideBytes: Int, width: Int, height: Int) {
    precondition(width >= 0 && height >= 0 && strideBytes >= width, "stride must cover the width")
    self.base = base
    self.strideBytes = strideBytes
    self.width = width
    self.height = height
  }

  public var pixelCount: Int { width * height }

  @inline(__always)
  public func row(_ y: Int) -> UnsafePointer<UInt8> { base + y * strideBytes }
}
