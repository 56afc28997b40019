import FSDDetection
import FSDStore
import Foundation

/// One event per real event when telemetry and vision both saw it: the telemetry event stays
/// (its magnitudes and timing are the better ones) and becomes `source = both`, with the vision
/// onset's difference recorded in its rule as the timing cross-check. Vision events telemetry
/// does not confirm are dropped: where telemetry exists it is the authority.
enum VisionFusion {
  /// Vision and telemetry onsets of one event agree within this (s).
  static let matchWindowS = 1.0

  /// `visionEvents` with their peak magnitudes: a fused brake's rule records its peak pitch, which
  /// calibrates vision-only brakes to g (`VisionBrakeCalibration`).
  static func confirm(_ telemetryEvents: [EventRecord], with visionMagnitudes: [VisionEventDetector.VisionEvent])
    -> [EventRecord] {
    let visionEvents = visionMagnitudes.map(\.event)
    guard !visionEvents.isEmpty else { return telemetryEvents }
    var used = Set<Int>()
    return telemetryEvents.map { event in
      guard let onset = ClipClock.utcSeconds(event.onsetUtc) else { return event }
      let candidates = visionEvents.indices.filter {
        !used.contains($0) && visionEvents[$0].kind.rawValue == event.kind
          && abs(visionEvents[$0].onsetS - onset) <= matchWindowS
      }
      guard let best = candidates.min(by: { abs(visionEvents[$0].onsetS - onset) < abs(visionEvents[$1].onsetS - onset) })
      else { return event }
      used.insert(best)
      var fused = event
      fused.source = "both"
      let lag = visionEvents[best].onsetS - onset
      fused.rule = (event.rule ?? "") + String(format: "; vision onset %+.2fs", lag)
      if event.kind == "brake" {
        fused.rule! += String(format: ", pitch %.2f%% of height", visionMagnitudes[best].peakMagnitude * 100)
      }
      return fused
    }
  }
}
