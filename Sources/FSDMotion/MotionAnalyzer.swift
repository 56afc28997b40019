/// Turns a stream of decoded luma frames into a `MotionSeries`.
///
/// The caller keeps the previous frame alive (FFmpeg frames are reference-counted, so that costs
/// no copy) and hands both planes in; the analyzer itself holds no pixels.
public struct MotionAnalyzer {
  public private(set) var series = MotionSeries()
  let sad: SADKernel.Function

  /// The kernel is chosen once per stream, as FFmpeg's scene_sad does.
  public init(expectedFrames: Int = 0, kernel: @escaping SADKernel.Function = SADKernel.simd) {
    self.sad = kernel
    series.reserveCapacity(expectedFrames)
  }

  public mutating func add(frame: LumaView, previous: LumaView?, ptsSeconds: Double) {
    var mafd = 0.0
    if let previous, previous.width == frame.width, previous.height == frame.height {
      mafd = MAFD.value(sad: sad(previous, frame), pixelCount: frame.pixelCount)
    }
    series.append(ptsSeconds: ptsSeconds, mafd: mafd)
  }
}
