/// How speeds are shown to the driver: km/h or mph (`--units metric|imperial`).
public struct SpeedUnit: Sendable, Equatable {
  /// Display units per m/s.
  public let perMPS: Double
  public let label: String

  public static let kmh = SpeedUnit(perMPS: 3.6, label: "km/h")
  /// 1 mph = 0.44704 m/s exactly.
  public static let mph = SpeedUnit(perMPS: 1 / 0.44704, label: "mph")
}
