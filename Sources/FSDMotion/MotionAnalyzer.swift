/// Turns a stream of decoded luma frames into a `MotionSeries`.
///
/// The caller keeps the previous frame alive (FFmpeg frames are reference-counted, so that costs
/// no copy) and hands both planes in. Ego-motion is computed on the estimator's own
/// downsampled copy; mafd either at full resolution (equal to scdet's; a full-resolution SAD
/// costs about 0.34 ms a frame, 15 % of a 1280x960 decode on its own) or on the downsampled
/// planes (about 0.01 ms), which is what analysis decoding uses.
public struct MotionAnalyzer {
  public private(set) var series = MotionSeries()
  let kernels: MotionKernels
  let fullResolutionMAFD: Bool
  private var estimator: EgoMotionEstimator?
  /// The series index of the estimator's first frame (its warm-up is revised from there).
  private var estimatorStart = 0

  /// The kernels are chosen once per stream, as FFmpeg's scene_sad does.
  public init(expectedFrames: Int = 0, kernels: MotionKernels = .simd, fullResolutionMAFD: Bool = true) {
    self.kernels = kernels
    self.fullResolutionMAFD = fullResolutionMAFD
    series.reserveCapacity(expectedFrames)
  }

  public mutating func add(frame: LumaView, previous: LumaView?, ptsSeconds: Double) {
    var mafd = 0.0
    if fullResolutionMAFD, let previous, previous.width == frame.width, previous.height == frame.height {
      mafd = MAFD.value(sad: kernels.sad(previous, frame), pixelCount: frame.pixelCount)
    }
    // A size change mid-stream starts the ego-motion estimate afresh.
    if estimator?.geometry.sourceWidth != frame.width || estimator?.geometry.sourceHeight != frame.height {
      estimator = EgoMotionEstimator(width: frame.width, height: frame.height, kernels: kernels)
      estimatorStart = series.frameCount
    }
    record(estimator!.add(frame), mafd: mafd, ptsSeconds: ptsSeconds)
  }

  /// Adds a frame that a decoding thread has already downsampled for `geometry` (the stream's:
  /// `MotionKernels.downsample(_:for:into:)`). Its series equals `add(frame:previous:ptsSeconds:)`'s
  /// for the same frames, with mafd measured on the downsampled planes (so only without
  /// `fullResolutionMAFD`).
  public mutating func add(downsampled plane: PlaneBuffer, geometry: MotionGeometry, ptsSeconds: Double) {
    precondition(!fullResolutionMAFD, "full-resolution mafd needs the frames themselves")
    if estimator?.geometry != geometry {
      estimator = EgoMotionEstimator(width: geometry.sourceWidth, height: geometry.sourceHeight, kernels: kernels)
      estimatorStart = series.frameCount
    }
    record(estimator!.add(downsampled: plane), mafd: 0, ptsSeconds: ptsSeconds)
  }

  private mutating func record(_ motion: FrameMotion, mafd: Double, ptsSeconds: Double) {
    let mafd = fullResolutionMAFD ? mafd : motion.downsampledMAFD
    series.append(ptsSeconds: ptsSeconds, mafd: mafd, motion: motion)
    if let revised = estimator!.takeRevisedWarmUp() { series.revise(from: estimatorStart, revised) }
  }
}
