import FSDDomain
import FSDStore
import Foundation

/// The telemetry around one event, times relative to its peak: what the card's plot and
/// "what the driver did" line are drawn from.
public struct TelemetryWindow: Sendable, Equatable {
  public struct Sample: Sendable, Equatable {
    /// Seconds from the event's peak (negative before it).
    public var tS: Double
    public var speedMPS: Double?
    /// Longitudinal acceleration, + forward, and lateral, + left, by the rule every view shares
    /// (`StoredTelemetry.acceleration`: vehicle frame, else the drive's calibrated axis, else
    /// — longitudinal only — d(speed)/dt), so the card and the report show the same curve.
    public var accelLongMPS2: Double?
    public var accelLatMPS2: Double?
    public var brakePressed: Bool?
    /// 0...1.
    public var accelerator: Double?
    public var steeringDeg: Double?
    /// Nil where the source did not say.
    public var autopilot: AutopilotMode?

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
    let calibration = try event.driveId.flatMap { try store.axisCalibration(driveID: $0) }
    var samples = Self.samples(telemetry, calibrationJSON: calibration)
    samples.sort { $0.tS < $1.tS }
    return TelemetryWindow(samples: samples, source: telemetry.source)
  }

  /// The stored channels as samples (the store has already cut the window and set tS to the peak).
  static func samples(_ telemetry: StoredTelemetry, calibrationJSON: String? = nil) -> [Sample] {
    func finite(_ values: [Float], _ index: Int) -> Double? {
      index < values.count && values[index].isFinite ? Double(values[index]) : nil
    }
    let longitudinal = telemetry.acceleration(lateral: false, calibrationJSON: calibrationJSON).valuesMPS2
    let lateral = telemetry.acceleration(lateral: true, calibrationJSON: calibrationJSON).valuesMPS2
    var samples: [Sample] = []
    for index in 0..<telemetry.sampleCount {
      var sample = Sample(tS: Double(telemetry.tS[index]))
      sample.speedMPS = finite(telemetry.speedMPS, index)
      sample.accelLongMPS2 = longitudinal[index]
      sample.accelLatMPS2 = lateral[index]
      if index < telemetry.brake.count, telemetry.brake[index] != 255 { sample.brakePressed = telemetry.brake[index] == 1 }
      sample.accelerator = finite(telemetry.accelerator, index)
      sample.steeringDeg = finite(telemetry.steeringDeg, index)
      if index < telemetry.autopilot.count { sample.autopilot = AutopilotMode(storageCode: telemetry.autopilot[index]) }
      samples.append(sample)
    }
    return samples
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
