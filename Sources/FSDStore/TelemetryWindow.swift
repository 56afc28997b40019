import FSDDomain
import Foundation

/// The telemetry around one event, times relative to its peak: what the review card's plot and
/// "what the driver did" line, `fsdlog event` and the report's trace chart are all drawn from, with
/// one acceleration rule (`StoredTelemetry.acceleration`).
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
  /// Where each acceleration came from (vehicle frame, calibrated axis, d(speed)/dt).
  public var longitudinalSource = AccelerationSource.unknown
  public var lateralSource = AccelerationSource.unknown

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
    return TelemetryWindow(telemetry, calibrationJSON: calibration)
  }

  /// The window from stored telemetry already cut to it, `tS` relative to the peak.
  init(_ telemetry: StoredTelemetry, calibrationJSON: String?) {
    let longitudinal = telemetry.acceleration(lateral: false, calibrationJSON: calibrationJSON)
    let lateral = telemetry.acceleration(lateral: true, calibrationJSON: calibrationJSON)
    self.init(samples: Self.samples(telemetry, longitudinal: longitudinal.valuesMPS2, lateral: lateral.valuesMPS2)
      .sorted { $0.tS < $1.tS }, source: telemetry.source)
    longitudinalSource = longitudinal.source
    lateralSource = lateral.source
  }

  /// The stored channels as samples (the store has already cut the window and set tS to the peak).
  static func samples(_ telemetry: StoredTelemetry, longitudinal: [Double?], lateral: [Double?]) -> [Sample] {
    func finite(_ values: [Float], _ index: Int) -> Double? {
      index < values.count && values[index].isFinite ? Double(values[index]) : nil
    }
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
}
