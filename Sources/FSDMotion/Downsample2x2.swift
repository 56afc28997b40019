/// 2x2 box downsampling of a luma plane: each output pixel is the rounded mean of a 2x2 block.
///
/// For small frames (under 1000 px wide: most dashcams' 640x360 web copies, our 640x480 samples),
/// where a 4x4 plane would leave 160 px across and a pitch of 0.5° under one plane pixel: the 2x2
/// plane of a 640x480 clip costs what the 4x4 plane of Tesla's 1280x960 does. Scalar, as the 4x4
/// one is (the compiler vectorises it). Trailing odd rows and columns are dropped.
public enum Downsample2x2 {
  public static func outputSize(width: Int, height: Int) -> (width: Int, height: Int) { (width / 2, height / 2) }

  public static func scalar(_ source: LumaView, into target: PlaneBuffer) {
    let (outWidth, outHeight) = outputSize(width: source.width, height: source.height)
    precondition(target.width == outWidth && target.height == outHeight, "target must be the downsampled size")
    for outY in 0..<outHeight {
      let out = target.base + outY * outWidth
      let top = source.row(outY * 2), bottom = source.row(outY * 2 + 1)
      for outX in 0..<outWidth {
        let x = outX * 2
        let sum = Int(top[x]) + Int(top[x + 1]) + Int(bottom[x]) + Int(bottom[x + 1])
        out[outX] = UInt8((sum + 2) >> 2)
      }
    }
  }
}
