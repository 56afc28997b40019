/// Integral projections of a plane: the sum of every row and the sum of every column.
///
/// A global vertical image shift moves the row profile, a horizontal one the column profile, so
/// matching 1-D profiles (`ProjectionMatch`) finds the shift at a tiny fraction of the cost of
/// 2-D block matching. Sums are exact integers; `simd` and `scalar` must agree bit for bit.
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

  public static func columnSumsScalar(_ plane: LumaView, into sums: UnsafeMutablePointer<UInt32>) {
    for x in 0..<plane.width { sums[x] = 0 }
    for y in 0..<plane.height {
      let row = plane.row(y)
      for x in 0..<plane.width { sums[x] &+= UInt32(row[x]) }
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

  /// Column sums: each 16-column strip is walked down the rows with `SIMD16<UInt16>` lanes, which
  /// are widened into the UInt32 output before they can overflow.
  public static func columnSumsSIMD(_ plane: LumaView, into sums: UnsafeMutablePointer<UInt32>) {
    let vectorWidth = plane.width & ~15
    let out = UnsafeMutableRawPointer(sums)
    var x = 0
    while x < vectorWidth {
      var wide = SIMD16<UInt32>(repeating: 0)
      var lanes = SIMD16<UInt16>(repeating: 0)
      var adds = 0
      for y in 0..<plane.height {
        lanes &+= SIMD16<UInt16>(truncatingIfNeeded: UnsafeRawPointer(plane.row(y)).loadUnaligned(
          fromByteOffset: x, as: SIMD16<UInt8>.self))
        adds &+= 1
        if adds == addsPerFlush {
          wide &+= SIMD16<UInt32>(truncatingIfNeeded: lanes)
          lanes = .zero
          adds = 0
        }
      }
      wide &+= SIMD16<UInt32>(truncatingIfNeeded: lanes)
      out.storeBytes(of: wide, toByteOffset: x &* 4, as: SIMD16<UInt32>.self)
      x &+= 16
    }
    while x < plane.width {
      var total: UInt32 = 0
      for y in 0..<plane.height { total &+= UInt32(plane.row(y)[x]) }
      sums[x] = total
      x &+= 1
    }
  }
}
