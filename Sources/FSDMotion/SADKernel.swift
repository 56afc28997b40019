/// Sum of absolute differences between two luma planes of the same size: the core of `mafd`.
///
/// Two implementations of one function: `simd` is the one ingest uses, `scalar` is its twin that
/// tests compare it with on random input and the benchmark measures it against.
/// The SIMD form follows what was measured on this machine (tools/bench, README "Speed"): `SIMD16<UInt8>`
/// loaded unaligned, |a−b| as max−min (no widening needed for the difference), accumulated in
/// `SIMD16<UInt16>` lanes that are folded into a 64-bit total before they can overflow.
public enum SADKernel {
  public typealias Function = (LumaView, LumaView) -> UInt64

  /// 255 × 257 = 65,535: after this many 16-byte blocks a UInt16 lane may be full.
  static let blocksPerFlush = 257

  public static func scalar(_ a: LumaView, _ b: LumaView) -> UInt64 {
    precondition(a.width == b.width && a.height == b.height, "planes must have the same size")
    var total: UInt64 = 0
    for y in 0..<a.height {
      let rowA = a.row(y), rowB = b.row(y)
      var rowSum: UInt64 = 0
      for x in 0..<a.width {
        let pa = rowA[x], pb = rowB[x]
        rowSum &+= UInt64(pa > pb ? pa &- pb : pb &- pa)
      }
      total &+= rowSum
    }
    return total
  }

  public static func simd(_ a: LumaView, _ b: LumaView) -> UInt64 {
    precondition(a.width == b.width && a.height == b.height, "planes must have the same size")
    let width = a.width
    let vectorWidth = width & ~15
    var total: UInt64 = 0
    var lanes = SIMD16<UInt16>(repeating: 0)
    var blocksInLanes = 0
    for y in 0..<a.height {
      let rowA = UnsafeRawPointer(a.row(y)), rowB = UnsafeRawPointer(b.row(y))
      var x = 0
      while x < vectorWidth {
        let va = rowA.loadUnaligned(fromByteOffset: x, as: SIMD16<UInt8>.self)
        let vb = rowB.loadUnaligned(fromByteOffset: x, as: SIMD16<UInt8>.self)
        let diff = pointwiseMax(va, vb) &- pointwiseMin(va, vb)
        lanes &+= SIMD16<UInt16>(truncatingIfNeeded: diff)
        blocksInLanes &+= 1
        if blocksInLanes == blocksPerFlush {
          total &+= foldLanes(lanes)
          lanes = SIMD16<UInt16>(repeating: 0)
          blocksInLanes = 0
        }
        x &+= 16
      }
      // Tail pixels of a width that is not a multiple of 16 (none for Tesla's 1280 or 1448).
      let tailA = a.row(y), tailB = b.row(y)
      while x < width {
        let pa = tailA[x], pb = tailB[x]
        total &+= UInt64(pa > pb ? pa &- pb : pb &- pa)
        x &+= 1
      }
    }
    return total &+ foldLanes(lanes)
  }

  @inline(__always)
  static func foldLanes(_ lanes: SIMD16<UInt16>) -> UInt64 {
    let wide = SIMD16<UInt32>(truncatingIfNeeded: lanes)
    return UInt64(wide.wrappedSum())
  }
}
