/// 2-D block matching: the sum of absolute differences between one 16-pixel-wide block of the
/// current plane and the previous plane at every shift of a square search window.
///
/// One implementation, a plain loop: the compiler turns its 16-byte rows into x86's PSADBW, and it
/// ran 1.9x as fast as a hand-written SIMD16 twin (max−min, widened into UInt16 lanes) in
/// tools/bench (0.0011 against 0.0021 ms a block), so the SIMD form was removed, as the 4x4
/// downsample's was.
///
/// `costs[(dy + radius) * (2 radius + 1) + (dx + radius)]` is the SAD of the current block at
/// (x, y) against the previous plane at (x − centerX − dx, y − centerY − dy): content that moved
/// by (centerX + dx, centerY + dy) pixels (right and down positive) costs least. A window position
/// that would read outside the previous plane costs `UInt32.max`.
public enum BlockMatch {
  public typealias Function = (_ previous: LumaView, _ current: LumaView, _ block: Block,
                               _ costs: UnsafeMutablePointer<UInt32>) -> Void

  /// Block width in pixels: one `SIMD16<UInt8>` per row.
  public static let blockWidth = 16

  /// One block and its search window.
  public struct Block: Sendable, Equatable {
    public var x: Int, y: Int, height: Int
    /// Where the search is centred (the shift predicted from the previous frame).
    public var centerX: Int, centerY: Int
    public var radius: Int
    public init(x: Int, y: Int, height: Int, centerX: Int, centerY: Int, radius: Int) {
      self.x = x; self.y = y; self.height = height
      self.centerX = centerX; self.centerY = centerY; self.radius = radius
    }
    public var side: Int { 2 * radius + 1 }
  }

  @inline(__always)
  static func referenceOrigin(_ block: Block, dx: Int, dy: Int, in plane: LumaView) -> (x: Int, y: Int)? {
    let x = block.x - block.centerX - dx, y = block.y - block.centerY - dy
    guard x >= 0, y >= 0, x + blockWidth <= plane.width, y + block.height <= plane.height else { return nil }
    return (x, y)
  }

  public static func costs(_ previous: LumaView, _ current: LumaView, _ block: Block,
                            _ costs: UnsafeMutablePointer<UInt32>) {
    precondition(block.x >= 0 && block.y >= 0 && block.x + blockWidth <= current.width
                 && block.y + block.height <= current.height, "block must lie inside the plane")
    for dy in -block.radius...block.radius {
      for dx in -block.radius...block.radius {
        let index = (dy + block.radius) * block.side + dx + block.radius
        guard let origin = referenceOrigin(block, dx: dx, dy: dy, in: previous) else { costs[index] = .max; continue }
        var total: UInt32 = 0
        for row in 0..<block.height {
          let now = current.row(block.y + row) + block.x, before = previous.row(origin.y + row) + origin.x
          for column in 0..<blockWidth {
            let a = now[column], b = before[column]
            total &+= UInt32(a > b ? a &- b : b &- a)
          }
        }
        costs[index] = total
      }
    }
  }

  /// The best shift in a block's cost window, refined below a pixel on each axis with a parabola
  /// through its neighbours, and a confidence: 0 when the best lies on the window's edge (the true
  /// shift may lie outside it: never a number pinned at the search limit), when the block is flat
  /// (`minimumTexture`: mean cost per pixel over the window), or when the minimum is not well
  /// below the mean. (A mean, not a median: sorting every block's window cost more than matching.)
  public static func best(_ costs: UnsafePointer<UInt32>, _ block: Block, minimumTexture: Double = 2.0)
    -> (dx: Double, dy: Double, confidence: Double) {
    let side = block.side, count = side * side
    var bestIndex = 0, total = 0.0, inside = 0
    for index in 0..<count {
      if costs[index] < costs[bestIndex] { bestIndex = index }
      if costs[index] != .max { total += Double(costs[index]); inside += 1 }
    }
    let minimum = costs[bestIndex]
    guard minimum != .max, inside > count / 2 else { return (0, 0, 0) }
    let mean = total / Double(inside)
    let pixels = Double(blockWidth * block.height)
    let row = bestIndex / side, column = bestIndex % side
    var dx = Double(column - block.radius + block.centerX), dy = Double(row - block.radius + block.centerY)
    guard row > 0, row < side - 1, column > 0, column < side - 1, mean / pixels >= minimumTexture else {
      return (dx, dy, 0)
    }
    func refine(_ left: UInt32, _ center: UInt32, _ right: UInt32) -> Double {
      guard left != .max, right != .max else { return 0 }
      let l = Double(left), c = Double(center), r = Double(right)
      let curvature = l - 2 * c + r
      return curvature > 0 ? max(-0.5, min(0.5, (l - r) / (2 * curvature))) : 0
    }
    dx += refine(costs[bestIndex - 1], minimum, costs[bestIndex + 1])
    dy += refine(costs[bestIndex - side], minimum, costs[bestIndex + side])
    return (dx, dy, max(0, min(1, 1 - Double(minimum) / mean)))
  }
}
