/// The per-frame motion metrics of one clip, in frame (presentation) order.
///
/// Columns are parallel arrays so they store compactly and plot directly.
/// Later metrics (dx, dy, expansion, brightness, confidence) become more columns here.
public struct MotionSeries: Sendable, Equatable {
  /// Frame time in seconds: pts × time base, never index ÷ nominal rate.
  public var ptsSeconds: [Double] = []
  /// `scdet`-compatible mean absolute luma difference to the previous frame (0 for the first).
  public var mafd: [Float] = []

  public init() {}

  public init(ptsSeconds: [Double], mafd: [Float]) {
    precondition(ptsSeconds.count == mafd.count, "columns must have one value per frame")
    self.ptsSeconds = ptsSeconds
    self.mafd = mafd
  }

  public var frameCount: Int { ptsSeconds.count }

  public mutating func reserveCapacity(_ frames: Int) {
    ptsSeconds.reserveCapacity(frames)
    mafd.reserveCapacity(frames)
  }

  public mutating func append(ptsSeconds pts: Double, mafd value: Double) {
    ptsSeconds.append(pts)
    mafd.append(Float(value))
  }
}
