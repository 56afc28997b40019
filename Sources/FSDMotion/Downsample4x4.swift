/// 4x4 box downsampling of a luma plane: each output pixel is the rounded mean of a 4x4 block.
///
/// Everything after this step (projections, matching) works on a plane with 1/16 of the pixels,
/// which is what keeps the motion core far below decode time. Trailing rows and columns that do
/// not fill a whole block are dropped. `simd` is the one ingest uses; `scalar` is its twin.
public enum Downsample4x4 {
  public typealias Function = (LumaView, PlaneBuffer) -> Void

  public static func outputSize(width: Int, height: Int) -> (width: Int, height: Int) { (width / 4, height / 4) }

  public static func scalar(_ source: LumaView, into target: PlaneBuffer) {
    let (outWidth, outHeight) = outputSize(width: source.width, height: source.height)
    precondition(target.width == outWidth && target.height == outHeight, "target must be the downsampled size")
    for outY in 0..<outHeight {
      let out = target.base + outY * outWidth
      for outX in 0..<outWidth {
        var sum = 0
        for dy in 0..<4 {
          let row = source.row(outY * 4 + dy) + outX * 4
          sum += Int(row[0]) + Int(row[1]) + Int(row[2]) + Int(row[3])
        }
        out[outX] = UInt8((sum + 8) >> 4)
      }
    }
  }

  /// Four source rows are summed as `SIMD16<UInt16>` (16 columns → 4 output pixels). Adjacent
  /// lanes are then added by reinterpreting the vector as 8×UInt32 and adding its low and high
  /// halves (no lane shuffles, which Swift's SIMD types lower poorly); two such steps over 64
  /// columns give 16 block sums that are narrowed and stored as one `SIMD16<UInt8>`.
  public static func simd(_ source: LumaView, into target: PlaneBuffer) {
    let (outWidth, outHeight) = outputSize(width: source.width, height: source.height)
    precondition(target.width == outWidth && target.height == outHeight, "target must be the downsampled size")
    let wideBlocks = outWidth / 16
    for outY in 0..<outHeight {
      let r0 = UnsafeRawPointer(source.row(outY &* 4)), r1 = UnsafeRawPointer(source.row(outY &* 4 &+ 1))
      let r2 = UnsafeRawPointer(source.row(outY &* 4 &+ 2)), r3 = UnsafeRawPointer(source.row(outY &* 4 &+ 3))
      let out = UnsafeMutableRawPointer(target.base + outY &* outWidth)

      @inline(__always) func columnSums(_ x: Int) -> SIMD16<UInt16> {
        var sum = SIMD16<UInt16>(truncatingIfNeeded: r0.loadUnaligned(fromByteOffset: x, as: SIMD16<UInt8>.self))
        sum &+= SIMD16<UInt16>(truncatingIfNeeded: r1.loadUnaligned(fromByteOffset: x, as: SIMD16<UInt8>.self))
        sum &+= SIMD16<UInt16>(truncatingIfNeeded: r2.loadUnaligned(fromByteOffset: x, as: SIMD16<UInt8>.self))
        sum &+= SIMD16<UInt16>(truncatingIfNeeded: r3.loadUnaligned(fromByteOffset: x, as: SIMD16<UInt8>.self))
        return sum
      }
      /// Sums of adjacent lane pairs of `a` then `b`, as 16 lanes.
      @inline(__always) func pairSums(_ a: SIMD16<UInt16>, _ b: SIMD16<UInt16>) -> SIMD16<UInt16> {
        let wa = unsafeBitCast(a, to: SIMD8<UInt32>.self), wb = unsafeBitCast(b, to: SIMD8<UInt32>.self)
        return SIMD16(lowHalf: SIMD8<UInt16>(truncatingIfNeeded: (wa & 0xFFFF) &+ (wa &>> 16)),
                      highHalf: SIMD8<UInt16>(truncatingIfNeeded: (wb & 0xFFFF) &+ (wb &>> 16)))
      }
      var block = 0
      while block < wideBlocks {
        let x = block &* 64
        let pairs0 = pairSums(columnSums(x), columnSums(x &+ 16))
        let pairs1 = pairSums(columnSums(x &+ 32), columnSums(x &+ 48))
        let quads = pairSums(pairs0, pairs1)
        let means = SIMD16<UInt8>(truncatingIfNeeded: (quads &+ 8) &>> 4)
        out.storeBytes(of: means, toByteOffset: block &* 16, as: SIMD16<UInt8>.self)
        block &+= 1
      }
      // An output width that is not a multiple of 16 (1448 / 4 = 362): the last pixels one by one.
      var outX = wideBlocks &* 16
      while outX < outWidth {
        var total = 0
        for row in [r0, r1, r2, r3] {
          let bytes = row.assumingMemoryBound(to: UInt8.self) + outX &* 4
          total &+= Int(bytes[0]) &+ Int(bytes[1]) &+ Int(bytes[2]) &+ Int(bytes[3])
        }
        out.storeBytes(of: UInt8((total &+ 8) &>> 4), toByteOffset: outX, as: UInt8.self)
        outX &+= 1
      }
    }
  }
}
