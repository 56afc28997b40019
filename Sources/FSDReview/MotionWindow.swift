import FSDStore
import Foundation

/// The camera's view of an event when there is no telemetry: the stored per-frame motion series
/// of its front clip around the peak, turned into what a vision event was found by.
public struct MotionWindow: Sendable, Equatable {
  public struct Sample: Sendable, Equatable {
    /// Seconds from the peak.
    public var tS: Double
    /// Nose-down pitch since the window opened, % of the picture height (the scene moves up when
    /// the nose dips under braking), with the first second's level as zero.
    public var pitchPercent: Double
    /// Sideways turn rate of the distant scene, % of the picture width per second (smoothed over
    /// 0.25 s): a swerve is a burst out and back.
    public var yawPercentPerS: Double
  }

  public var samples: [Sample]

  /// ±`halfWidthS` around the peak from the clip's stored series; nil without ego-motion columns.
  public static func load(for event: EventRecord, clip: ClipRecord?, peakOffsetS: Double?, from store: Store,
                          halfWidthS: Double = 5) throws -> MotionWindow? {
    guard let clipID = clip?.id, let peak = peakOffsetS, let height = clip?.height, let width = clip?.width,
          height > 0, width > 0, let motion = try store.motion(clipID: clipID), motion.hasEgoMotion else { return nil }
    let indices = motion.ptsSeconds.indices.filter { abs(motion.ptsSeconds[$0] - peak) <= halfWidthS }
    guard indices.count > 2 else { return nil }
    var pitchRows = 0.0
    var samples: [Sample] = []
    for (position, index) in indices.enumerated() {
      pitchRows -= Double(motion.dy[index])  // content moving up (negative dy) is the nose going down
      let frameS = position > 0 ? motion.ptsSeconds[index] - motion.ptsSeconds[indices[position - 1]] : 1.0 / 36
      samples.append(Sample(tS: motion.ptsSeconds[index] - peak, pitchPercent: 100 * pitchRows / Double(height),
                            yawPercentPerS: 100 * Double(motion.dx[index]) / Double(width) / max(frameS, 1e-3)))
    }
    // Zero = the level of the window's first second; yaw rate smoothed over ±4 frames.
    let baseline = samples.prefix { $0.tS < -halfWidthS + 1 }.map(\.pitchPercent)
    let level = baseline.isEmpty ? 0 : baseline.reduce(0, +) / Double(baseline.count)
    let raw = samples.map(\.yawPercentPerS)
    for index in samples.indices {
      samples[index].pitchPercent -= level
      let near = raw[max(0, index - 4)...min(raw.count - 1, index + 4)]
      samples[index].yawPercentPerS = near.reduce(0, +) / Double(near.count)
    }
    return MotionWindow(samples: samples)
  }
}
