import FSDStore
import Foundation

/// The telemetry around one event, times relative to its peak: what the card's plot and
/// "what the driver did" line are drawn from.
public struct TelemetryWindow: Sendable, Equatable {
  public struct Sample: Sendable, Equatable {
    /// Seconds from the event's peak (negative before it).
    public var tS: Double
    public var speedMPS: Double?
    /// Longitudinal acceleration, + forward; from the source when it gives one (CSV), else
    /// d(speed)/dt (raw SEI axes need the drive's calibration, and speed is what the driver feels).
    public var accelLongMPS2: Double?
    public var accelLatMPS2: Double?
    public var brakePressed: Bool?
    /// 0...1.
    public var accelerator: Double?
    public var steeringDeg: Double?
    /// 0 NONE, 1 SELF_DRIVING, 2 AUTOSTEER, 3 TACC; nil unknown.
    public var autopilot: UInt8?

    public init(tS: Double) { self.tS = tS }
  }

  public var samples: [Sample]
  /// Telemetry source (`sei`, `csv_canonical`, ...), nil when there is none.
  public var source: String?

  public init(samples: [Sample], source: String?) {
    self.samples = samples
    self.source = source
  }

  public static let empty = TelemetryWindow(samples: [], source: nil)

  /// Loads ±`halfWidthS` around the event's peak from the stored 10 Hz telemetry of its drive's
  /// front clips (a window may straddle two clips).
  public static func load(for event: EventRecord, from store: Store, halfWidthS: Double = 5) throws -> TelemetryWindow {
    guard let telemetry = try store.telemetryAround(event, halfWidthS: halfWidthS) else { return .empty }
    var samples = Self.samples(telemetry)
    samples.sort { $0.tS < $1.tS }
    fillAccelerationFromSpeed(&samples)
    return TelemetryWindow(samples: samples, source: telemetry.source)
  }

  /// The stored channels as samples (the store has already cut the window and set tS to the peak).
  static func samples(_ telemetry: StoredTelemetry) -> [Sample] {
    func finite(_ values: [Float], _ index: Int) -> Double? {
      index < values.count && values[index].isFinite ? Double(values[index]) : nil
    }
    var samples: [Sample] = []
    for index in 0..<telemetry.sampleCount {
      var sample = Sample(tS: Double(telemetry.tS[index]))
      sample.speedMPS = finite(telemetry.speedMPS, index)
      sample.accelLongMPS2 = finite(telemetry.accelLongMPS2, index)
      sample.accelLatMPS2 = finite(telemetry.accelLatMPS2, index)
      if index < telemetry.brake.count, telemetry.brake[index] != 255 { sample.brakePressed = telemetry.brake[index] == 1 }
      sample.accelerator = finite(telemetry.accelerator, index)
      sample.steeringDeg = finite(telemetry.steeringDeg, index)
      if index < telemetry.autopilot.count, telemetry.autopilot[index] != 255 { sample.autopilot = telemetry.autopilot[index] }
      samples.append(sample)
    }
    return samples
  }

  /// Where the source has no longitudinal acceleration, the central difference of speed.
  static func fillAccelerationFromSpeed(_ samples: inout [Sample]) {
    guard samples.count >= 3, samples.allSatisfy({ $0.accelLongMPS2 == nil }) else { return }
    let speeds = samples.map(\.speedMPS)
    for index in samples.indices {
      let before = max(0, index - 1), after = min(samples.count - 1, index + 1)
      guard let v0 = speeds[before], let v1 = speeds[after], samples[after].tS > samples[before].tS else { continue }
      samples[index].accelLongMPS2 = (v1 - v0) / (samples[after].tS - samples[before].tS)
    }
  }

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
