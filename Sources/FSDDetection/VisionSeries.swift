/// The motion core's per-frame series for a whole drive, on one clock: what vision-only detection
/// reads. Plain arrays (the motion core's units, see `MotionSeries` and docs/schema.md), so
/// detection needs neither the motion core nor the store.
public struct VisionSeries: Sendable, Equatable {
  /// Frame times (s), ascending, on the drive's clock (clip start + pts).
  public var timeS: [Double] = []
  /// Distant-scene shift per frame, full-resolution pixels, + = right / down.
  public var dxPixels: [Double] = []
  public var dyPixels: [Double] = []
  /// Forward expansion of the scene per frame (‰: speed over depth, 0 when standing).
  public var expansionPerMille: [Double] = []
  /// 0–1 per frame.
  public var confidence: [Double] = []
  /// Frame difference (mafd, luma levels) per frame: where it leaps, the footage was cut.
  public var mafd: [Double] = []
  /// Index of each appended clip's first frame: each clip is measured by its own estimator run.
  public var clipStartIndices: [Int] = []
  /// Picture size the shifts are measured in.
  public var frameWidth: Int
  public var frameHeight: Int

  public init(frameWidth: Int, frameHeight: Int) {
    self.frameWidth = frameWidth
    self.frameHeight = frameHeight
  }

  public var count: Int { timeS.count }

  /// Appends one clip's frames; `startS` is the clip's start on the drive clock.
  public mutating func append(startS: Double, ptsS: [Double], dx: [Float], dy: [Float], expansion: [Float],
                              confidence frameConfidence: [Float], mafd frameDifference: [Float]) {
    precondition(ptsS.count == dx.count && dx.count == dy.count && dy.count == frameConfidence.count
                 && expansion.count == dy.count && frameDifference.count == dy.count)
    clipStartIndices.append(timeS.count)
    for index in ptsS.indices {
      let time = startS + ptsS[index]
      // Overlapping clips (the car writes a new file a little before the old one ends): keep order.
      if let last = timeS.last, time <= last { continue }
      timeS.append(time)
      dxPixels.append(Double(dx[index]))
      dyPixels.append(Double(dy[index]))
      expansionPerMille.append(Double(expansion[index]))
      confidence.append(Double(frameConfidence[index]))
      mafd.append(Double(frameDifference[index]))
    }
  }
}
