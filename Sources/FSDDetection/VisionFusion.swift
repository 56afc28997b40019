import FSDDomain
import Foundation

/// One event per real event when telemetry and vision both saw it: the telemetry event stays
/// (its magnitudes and timing are the better ones) and becomes `source = both`, with the vision
/// onset's difference recorded in its rule as the timing cross-check. Vision events telemetry
/// does not confirm are dropped: where telemetry exists it is the authority.
public enum VisionFusion {
  /// Vision and telemetry onsets of one event agree within this (s).
  public static let matchWindowS = 1.0

  /// A fused brake's rule records the camera's peak pitch in these words, which is how stored
  /// fused brakes calibrate later vision-only ones (`VisionBrakeCalibration`).
  static func pitchText(_ pitchHeights: Double) -> String {
    String(format: ", pitch %.2f%% of height", pitchHeights * 100)
  }

  /// The camera's peak pitch (picture heights) a fused brake's rule records, if any.
  public static func pitch(inRule rule: String?) -> Double? {
    guard let rule, let range = rule.range(of: #"pitch [0-9.]+% of height"#, options: .regularExpression) else { return nil }
    let text = rule[range].dropFirst("pitch ".count).prefix { $0 != "%" }
    return Double(text).map { $0 / 100 }
  }

  /// Telemetry events (times on the same clock as the vision series'), each confirmed by the
  /// nearest unused vision event of its kind within `matchWindowS`.
  public static func confirm(_ telemetryEvents: [DetectedEvent], with visionEvents: [DetectedEvent]) -> [DetectedEvent] {
    guard !visionEvents.isEmpty else { return telemetryEvents }
    var used = Set<Int>()
    return telemetryEvents.map { event in
      let candidates = visionEvents.indices.filter {
        !used.contains($0) && visionEvents[$0].kind == event.kind && abs(visionEvents[$0].onsetS - event.onsetS) <= matchWindowS
      }
      guard let best = candidates.min(by: { abs(visionEvents[$0].onsetS - event.onsetS) < abs(visionEvents[$1].onsetS - event.onsetS) })
      else { return event }
      used.insert(best)
      var fused = event
      fused.source = .both
      fused.rule += String(format: "; vision onset %+.2fs", visionEvents[best].onsetS - event.onsetS)
      if event.kind == .brake, let pitch = visionEvents[best].visionPeakPitchHeights {
        fused.visionPeakPitchHeights = pitch
        fused.rule += pitchText(pitch)
      }
      return fused
    }
  }
}
