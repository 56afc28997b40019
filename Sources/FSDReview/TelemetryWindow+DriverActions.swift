import FSDStore
import Foundation

extension TelemetryWindow {
  /// Pedals and steering wheel in the window, in words (the wheel turns under FSD too).
  public func driverActions() -> String? {
    guard !samples.isEmpty else { return nil }
    var actions: [String] = []
    if let first = samples.first(where: { $0.brakePressed == true }) {
      actions.append(String(format: "brake pedal at %+.1f s", first.tS))
    }
    let pedal = samples.compactMap(\.accelerator).max() ?? 0
    if pedal >= 0.05, let first = samples.first(where: { ($0.accelerator ?? 0) >= 0.05 }) {
      actions.append(String(format: "accelerator %.0f %% at %+.1f s", pedal * 100, first.tS))
    }
    let steering = samples.compactMap(\.steeringDeg)
    if let low = steering.min(), let high = steering.max(), high - low >= 15 {
      actions.append(String(format: "steering wheel %.0f° to %.0f°", low, high))
    }
    let hasPedalData = samples.contains { $0.brakePressed != nil || $0.accelerator != nil }
    if actions.isEmpty { return hasPedalData ? "no pedal or steering input" : nil }
    return actions.joined(separator: ", ")
  }
}
