import FSDDomain
import Foundation

/// Turns a vision-only brake's nose-down pitch into g, once telemetry has been seen for the car:
/// every fused brake (`source = both`) pairs a telemetry peak deceleration with the camera's peak
/// pitch, and pitch per g is a property of the car's suspension and camera. The median over at
/// least `minimumPairs` fused brakes is used; with fewer, vision magnitudes stay in picture units.
public struct VisionBrakeCalibration: Equatable, Sendable {
  /// Peak pitch (picture heights) per g of peak deceleration.
  public let pitchPerG: Double
  public let pairs: Int

  public static let minimumPairs = 3

  /// From fused brakes' (peak deceleration, peak pitch) pairs; nil with too few to trust.
  public init?(fusedBrakes: [(peakDecelG: Double, pitchHeights: Double)]) {
    let ratios = fusedBrakes.compactMap { pair -> Double? in
      pair.peakDecelG > 0.05 && pair.pitchHeights > 0 ? pair.pitchHeights / pair.peakDecelG : nil
    }.sorted()
    guard ratios.count >= Self.minimumPairs else { return nil }
    pitchPerG = ratios[ratios.count / 2]
    pairs = ratios.count
  }

  /// A fused brake's pair, when it has both figures.
  public static func pair(of event: DetectedEvent) -> (peakDecelG: Double, pitchHeights: Double)? {
    guard event.kind == .brake, event.source == .both, let g = event.peakDecelG, let pitch = event.visionPeakPitchHeights
    else { return nil }
    return (g, pitch)
  }

  /// Sets a vision-only brake's peak deceleration and severity from its peak pitch.
  public func apply(to event: inout DetectedEvent, config: DetectionConfig) {
    guard event.kind == .brake, event.source == .vision, let pitch = event.visionPeakPitchHeights else { return }
    let g = (pitch / pitchPerG * 100).rounded() / 100
    event.peakDecelG = g
    event.severity = config.brakeSeverity(peakG: g)
    event.rule += String(
      format: "; ≈%.2f g, calibrated on %d fused brakes (pitch %.2f%% of height per g)", g, pairs, pitchPerG * 100)
  }
}
