import FSDDetection
import FSDStore
import Foundation

/// Turns a vision-only brake's nose-down pitch into g, once telemetry has been seen for the car:
/// every fused brake (`source = both`) pairs a telemetry peak deceleration with the camera's peak
/// pitch, and pitch per g is a property of the car's suspension and camera. The median over at
/// least `minimumPairs` fused brakes is used; with fewer, vision magnitudes stay in picture units.
struct VisionBrakeCalibration: Equatable {
  /// Peak pitch (picture heights) per g of peak deceleration.
  let pitchPerG: Double
  let pairs: Int

  static let minimumPairs = 3

  /// The fused rule carries the vision peak as "pitch X% of height" (VisionFusion writes it).
  static func pitch(inRule rule: String?) -> Double? {
    guard let rule, let range = rule.range(of: #"pitch [0-9.]+% of height"#, options: .regularExpression) else { return nil }
    let text = rule[range].dropFirst("pitch ".count).prefix { $0 != "%" }
    return Double(text).map { $0 / 100 }
  }

  /// From fused brakes already stored (outside `excludingDrives`, which are being redone) and
  /// those of this run.
  static func from(store: Store, excludingDrives: Set<Int64>, runEvents: [EventRecord]) throws -> VisionBrakeCalibration? {
    let stored = try store.events(EventFilter(kind: "brake")).filter { event in
      event.source == "both" && !(event.driveId.map(excludingDrives.contains) ?? false)
    }
    let ratios = (stored + runEvents.filter { $0.kind == "brake" && $0.source == "both" }).compactMap { event -> Double? in
      guard let g = event.peakDecelG, g > 0.05, let pitch = pitch(inRule: event.rule), pitch > 0 else { return nil }
      return pitch / g
    }.sorted()
    guard ratios.count >= minimumPairs else { return nil }
    return VisionBrakeCalibration(pitchPerG: ratios[ratios.count / 2], pairs: ratios.count)
  }

  /// Sets a vision brake's peak deceleration and severity from its peak pitch.
  func apply(to record: inout EventRecord, peakPitch: Double, config: DetectionConfig) {
    let g = (peakPitch / pitchPerG * 100).rounded() / 100
    record.peakDecelG = g
    record.severity = g >= config.emergencyG ? "emergency" : g >= config.hardG ? "hard" : "mild"
    record.rule = (record.rule ?? "") + String(
      format: "; ≈%.2f g, calibrated on %d fused brakes (pitch %.2f%% of height per g)", g, pairs, pitchPerG * 100)
  }
}
