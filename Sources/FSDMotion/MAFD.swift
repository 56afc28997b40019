/// Mean absolute frame difference, defined exactly as FFmpeg's `scdet` filter defines
/// `lavfi.scd.mafd`: SAD of the luma planes × 100 / pixel count / 2^bitdepth.
///
/// It is a percentage of full scale: 0 for identical frames, 100 if every pixel jumped from black
/// to white. The first frame of a stream has no predecessor; like scdet we report 0 for it.
public enum MAFD {
  public static let bitDepth = 8

  public static func value(sad: UInt64, pixelCount: Int) -> Double {
    guard pixelCount > 0 else { return 0 }
    return Double(sad) * 100.0 / Double(pixelCount) / Double(1 << bitDepth)
  }

  public static func between(_ previous: LumaView, _ current: LumaView,
                             kernel: SADKernel.Function = SADKernel.simd) -> Double {
    value(sad: kernel(previous, current), pixelCount: current.pixelCount)
  }
}
