/// 4x4 box downsampling of a luma plane: each output pixel is the rounded mean of a 4x4 block.
///
/// Everything after this step (projections, matching) works on a plane with 1/16 of the pixels,
/// which is what keeps the motion core far below decode time. Trailing rows and columns that do
/// not fill a whole block are dropped.
///
/// Scalar only, by measurement: the compiler vectorises this loop, and a hand-written SIMD16
/// version (four rows summed as SIMD16<UInt16>, lanes paired through 8×UInt32) ran at 0.84–1.05x
/// of it in tools/bench, so it was removed (git history has it: 286c9db).
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
}
