/// The per-frame motion metrics of one clip, in frame (presentation) order.
///
/// Columns are parallel arrays so they store compactly and plot directly. Units:
/// - `ptsSeconds`: frame time in seconds (pts × time base, never index ÷ nominal rate);
/// - `mafd`: scdet-compatible mean absolute luma difference to the previous frame, percent of full
///   scale (0 for the first frame);
/// - `dx`, `dy`: global shift of the distant scene since the previous frame, in full-resolution
///   pixels, + = content moved right / down. Yaw to the left moves the scene right; a nose-down
///   pitch moves it up (negative dy);
/// - `expansion`: image scale change since the previous frame in per mille (‰); forward motion
///   expands the picture about the focus of expansion, so this is proportional to speed ÷ depth;
/// - `brightness`: mean luma, 0–255;
/// - `confidence`: 0–1, how well the shift estimates fit this frame (0 for the first frame).
public struct MotionSeries: Sendable, Equatable {
  public var ptsSeconds: [Double] = []
  public var mafd: [Float] = []
  public var dx: [Float] = []
  public var dy: [Float] = []
  public var expansion: [Float] = []
  public var brightness: [Float] = []
  public var confidence: [Float] = []

  public init() {}

  /// A series with only time and mafd (ego-motion columns zero): older stores, tiny frames.
  public init(ptsSeconds: [Double], mafd: [Float]) {
    precondition(ptsSeconds.count == mafd.count, "columns must have one value per frame")
    self.ptsSeconds = ptsSeconds
    self.mafd = mafd
    let zeros = [Float](repeating: 0, count: mafd.count)
    dx = zeros; dy = zeros; expansion = zeros; brightness = zeros; confidence = zeros
  }

  public init(ptsSeconds: [Double], mafd: [Float], dx: [Float], dy: [Float], expansion: [Float],
              brightness: [Float], confidence: [Float]) {
    let count = ptsSeconds.count
    precondition([mafd.count, dx.count, dy.count, expansion.count, brightness.count, confidence.count]
      .allSatisfy { $0 == count }, "columns must have one value per frame")
    self.ptsSeconds = ptsSeconds
    self.mafd = mafd
    self.dx = dx
    self.dy = dy
    self.expansion = expansion
    self.brightness = brightness
    self.confidence = confidence
  }

  public var frameCount: Int { ptsSeconds.count }

  public mutating func reserveCapacity(_ frames: Int) {
    ptsSeconds.reserveCapacity(frames)
    for keyPath in [\MotionSeries.mafd, \.dx, \.dy, \.expansion, \.brightness, \.confidence] {
      self[keyPath: keyPath].reserveCapacity(frames)
    }
  }

  public mutating func append(ptsSeconds pts: Double, mafd value: Double, motion: FrameMotion = FrameMotion()) {
    ptsSeconds.append(pts)
    mafd.append(Float(value))
    dx.append(Float(motion.dxPixels))
    dy.append(Float(motion.dyPixels))
    expansion.append(Float(motion.expansionPerMille))
    brightness.append(Float(motion.brightness))
    confidence.append(Float(motion.confidence))
  }
}

extension MotionSeries {
  /// Replaces the ego-motion columns of frames `start...` with better estimates of the same frames
  /// (the estimator's warm-up); time, mafd and brightness stay.
  public mutating func revise(from start: Int, _ motions: [FrameMotion]) {
    for (offset, motion) in motions.enumerated() where start + offset < frameCount {
      let index = start + offset
      dx[index] = Float(motion.dxPixels)
      dy[index] = Float(motion.dyPixels)
      expansion[index] = Float(motion.expansionPerMille)
      confidence[index] = Float(motion.confidence)
    }
  }
}

/// The ego-motion estimates of one frame against the previous one (units as in `MotionSeries`).
public struct FrameMotion: Sendable, Equatable {
  public var dxPixels = 0.0
  public var dyPixels = 0.0
  public var expansionPerMille = 0.0
  public var brightness = 0.0
  public var confidence = 0.0
  /// mafd computed on the 4x4-downsampled planes (block means), for when full resolution costs
  /// more than the analysis budget allows.
  public var downsampledMAFD = 0.0
  public init() {}
}
