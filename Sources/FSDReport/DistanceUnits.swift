/// Kilometres or miles: the report's distances and rates per 1,000 of them.
public enum DistanceUnits: String, Sendable, CaseIterable, Codable {
  case metric, imperial

  public static let metresPerMile = 1609.344

  public var metresPerUnit: Double { self == .metric ? 1000 : Self.metresPerMile }
  /// "km" or "mi".
  public var distanceLabel: String { self == .metric ? "km" : "mi" }
  /// "km/h" or "mph".
  public var speedLabel: String { self == .metric ? "km/h" : "mph" }
  /// Factor from m/s to the speed unit.
  public var speedFactor: Double { self == .metric ? 3.6 : 3600 / Self.metresPerMile }

  public func distance(_ metres: Double) -> Double { metres / metresPerUnit }
}
