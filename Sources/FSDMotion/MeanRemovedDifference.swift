/// Sum of |a − b − offset| over two planes of the same size: the frame difference left after a
/// global brightness step (`offset` = mean(a) − mean(b), rounded) is taken out.
///
/// A tunnel entrance or a cloud changes every pixel by about the same amount; plain SAD calls that
/// motion, this does not. Divided by pixel count and mean brightness it becomes the
/// brightness-normalised change the analyzer uses to flag frames its shift estimates cannot
/// explain (glare, a wiper, a cut).
public enum MeanRemovedDifference {
  public typealias Function = (LumaView, LumaView, Int) -> UInt64

  /// |Δ| ≤ 510 after the offset: 128 adds keep a UInt16 lane below 65,536.
  static let blocksPerFlush = 128

  public static func scalar(_ a: LumaView, _ b: LumaView, offset: Int) -> UInt64 {
    precondition(a.width == b.width && a.height == b.height, "planes must have the same size")
    let offset = max(-255, min(255, offset))
    var total: UInt64 = 0
    for y in 0..<a.height {
      let rowA = a.row(y), rowB = b.row(y)
      for x in 0..<a.width { total &+= UInt64(abs(Int(rowA[x]) - Int(rowB[x]) - offset)) }
    }
    return total
  }

  /// Bytes are widened to `SIMD16<Int16>` (the difference minus the offset needs a sign and 10
  /// bits), |d| is max(d, −d), and the magnitudes accumulate in `SIMD16<UInt16>`.
  public static func simd(_ a: LumaView, _ b: LumaView, offset: Int) -> UInt64 {
    precondition(a.width == b.width && a.height == b.height, "planes must have the same size")
    let offset = max(-255, min(255, offset))
    let offsetLanes = SIMD16<Int16>(repeating: Int16(offset))
    let vectorWidth = a.width & ~15
    var total: UInt64 = 0
    var lanes = SIMD16<UInt16>(repeating: 0)
    var blocks = 0
    for y in 0..<a.height {
      let rowA = UnsafeRawPointer(a.row(y)), rowB = UnsafeRawPointer(b.row(y))
      var x = 0
      while x < vectorWidth {
        let va = SIMD16<Int16>(truncatingIfNeeded: rowA.loadUnaligned(fromByteOffset: x, as: SIMD16<UInt8>.self))
        let vb = SIMD16<Int16>(truncatingIfNeeded: rowB.loadUnaligned(fromByteOffset: x, as: SIMD16<UInt8>.self))
        let d = va &- vb &- offsetLanes
        lanes &+= SIMD16<UInt16>(truncatingIfNeeded: pointwiseMax(d, 0 &- d))
        blocks &+= 1
        if blocks == blocksPerFlush {
          total &+= UInt64(SIMD16<UInt32>(truncatingIfNeeded: lanes).wrappedSum())
          lanes = .zero
          blocks = 0
        }
        x &+= 16
      }
      let tailA = a.row(y), tailB = b.row(y)
      while x < a.width {
        total &+= UInt64(abs(Int(tailA[x]) - Int(tailB[x]) - offset))
        x &+= 1
      }
    }
    return total &+ UInt64(SIMD16<UInt32>(truncatingIfNeeded: lanes).wrappedSum())
  }
}
