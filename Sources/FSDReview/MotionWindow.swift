import FSDStore
import Foundation

/// The camera's view of an event when there is no telemetry: the stored per-frame motion series
/// of its front clip around the peak, turned into what a vision event was found by.
public struct MotionWindow: Sendable, Equatable {
  public struct Sample: Sendable, Equatable {
    /// Seconds from the peak.
    public var tS: Double
    /// Nose-down pitch, % of the picture height (the scene moves up when the nose dips under
    /// braking), against its trend in the seconds before the event (from 5 s to 1.5 s before the
    /// peak), carried on.
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
    // Zero = the trend of the seconds before the event, carried on: the integrated pitch drifts
    // while the scene looms (up to a few % of the height in those seconds), and the detector judges
    // a dip against that drift, so the plot shows what it judged. With under a second of footage
    // before, the level of what there is. Yaw rate smoothed over ±4 frames.
    let before = samples.filter { $0.tS < -1.5 }
    let (level, slopePerS) = before.count >= 2 && before.last!.tS - before.first!.tS >= 1
      ? Self.line(before.map(\.tS), before.map(\.pitchPercent))
      : (Self.mean(samples.prefix { $0.tS < -halfWidthS + 1 }.map(\.pitchPercent)), 0)
    let raw = samples.map(\.yawPercentPerS)
    for index in samples.indices {
      samples[index].pitchPercent -= level + slopePerS * samples[index].tS
      let near = raw[max(0, index - 4)...min(raw.count - 1, index + 4)]
      samples[index].yawPercentPerS = near.reduce(0, +) / Double(near.count)
    }
    return MotionWindow(samples: samples)
  }

  static func mean(_ values: [Double]) -> Double {
    values.isEmpty ? 0 : values.reduce(0, +) / Double(values.count)
  }

  /// Least-squares line through (x, y): its value at x = 0 and its slope.
  static func line(_ x: [Double], _ y: [Double]) -> (atZero: Double, slope: Double) {
    let n = Double(x.count), sx = x.reduce(0, +), sy = y.reduce(0, +)
    let sxx = x.reduce(0) { $0 + $1 * $1 }, sxy = zip(x, y).reduce(0) { $0 + $1.0 * $1.1 }
    let denominator = n * sxx - sx * sx
    let slope = denominator > 0 ? (n * sxy - sx * sy) / denominator : 0
    return ((sy - slope * sx) / n, slope)
  }
}
