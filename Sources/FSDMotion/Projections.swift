/// Row sums of a plane (the frame's brightness is their total). Sums are exact integers; `simd`
/// and `scalar` must agree bit for bit.
public enum Projections {
  public typealias Function = (LumaView, UnsafeMutablePointer<UInt32>) -> Void

  /// 255 × 257 = 65,535: a UInt16 lane may take this many bytes before it must be folded.
  static let addsPerFlush = 257

  public static func rowSumsScalar(_ plane: LumaView, into sums: UnsafeMutablePointer<UInt32>) {
    for y in 0..<plane.height {
      let row = plane.row(y)
      var total: UInt32 = 0
      for x in 0..<plane.width { total &+= UInt32(row[x]) }
      sums[y] = total
    }
  }

  /// Row sums: 16 bytes at a time into `SIMD16<UInt16>` lanes, one horizontal fold per row.
  public static func rowSumsSIMD(_ plane: LumaView, into sums: UnsafeMutablePointer<UInt32>) {
    let vectorWidth = plane.width & ~15
    for y in 0..<plane.height {
      let row = UnsafeRawPointer(plane.row(y))
      var total: UInt32 = 0
      var lanes = SIMD16<UInt16>(repeating: 0)
      var adds = 0
      var x = 0
      while x < vectorWidth {
        lanes &+= SIMD16<UInt16>(truncatingIfNeeded: row.loadUnaligned(fromByteOffset: x, as: SIMD16<UInt8>.self))
        adds &+= 1
        if adds == addsPerFlush {
          total &+= SIMD16<UInt32>(truncatingIfNeeded: lanes).wrappedSum()
          lanes = .zero
          adds = 0
        }
        x &+= 16
      }
      total &+= SIMD16<UInt32>(truncatingIfNeeded: lanes).wrappedSum()
      let bytes = plane.row(y)
      while x < plane.width { total &+= UInt32(bytes[x]); x &+= 1 }
      sums[y] = total
    }
  }
}
