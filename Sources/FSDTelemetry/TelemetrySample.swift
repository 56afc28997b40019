import FSDDomain

/// One telemetry reading in SI units, from SEI or a CSV. Every field but the time is optional:
/// sources carry different subsets (Tessie has speed only; Track Mode has no pedal flag).
public struct TelemetrySample: Sendable, Equatable {
  /// Seconds: UTC seconds since 1970 when the series is absolute, else seconds from its start.
  public var timeS: Double
  public var speedMPS: Double?
  /// Raw accelerometer axes as the source names them (SEI x/y/z); which is longitudinal is
  /// decided by `AxisCalibration`.
  public var accelXMPS2: Double?
  public var accelYMPS2: Double?
  public var accelZMPS2: Double?
  /// Already in the vehicle frame (+ forward, + left), when the source says so (CSV dialects).
  public var accelLongMPS2: Double?
  public var accelLatMPS2: Double?
  public var brakePedal: Bool?
  /// 0...1
  public var acceleratorPedal: Double?
  /// + left.
  public var steeringDeg: Double?
  public var autopilot: AutopilotMode?
  public var latitudeDeg: Double?
  public var longitudeDeg: Double?
  public var headingDeg: Double?

  public init(timeS: Double) { self.timeS = timeS }

  /// The real-valued readings (all but the time, the pedal flag and the assistance state):
  /// cleaning a series walks this list, and `TelemetryStorage` (FSDIngest) pairs each with its
  /// stored column, which its test checks for every reading here.
  public static var readings: [WritableKeyPath<TelemetrySample, Double?>] {
    [\.speedMPS, \.accelXMPS2, \.accelYMPS2, \.accelZMPS2, \.accelLongMPS2, \.accelLatMPS2, \.acceleratorPedal,
     \.steeringDeg, \.latitudeDeg, \.longitudeDeg, \.headingDeg]
  }
}

/// A time-ordered run of samples from one source.
public struct TelemetrySeries: Sendable, Equatable {
  public enum Source: String, Sendable, Codable {
    case sei
    case canonicalCSV = "csv_canonical"
    case teslaSEICSV = "csv_tesla_sei"
    case trackModeCSV = "csv_track_mode"
    case openpilotCSV = "csv_openpilot"
    case tessieCSV = "csv_tessie"
  }

  public var source: Source
  /// True when `timeS` values are UTC epoch seconds; false when they count from the series start
  /// (Track Mode, Tesla's SEI export) and must be placed on a clip's clock.
  public var isAbsoluteTime: Bool
  public var samples: [TelemetrySample]

  public init(source: Source, isAbsoluteTime: Bool, samples: [TelemetrySample]) {
    self.source = source
    self.isAbsoluteTime = isAbsoluteTime
    self.samples = samples
  }
}
