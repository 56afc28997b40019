/// Who started an event: `fsd` when assistance was engaged at onset and the driver's pedal or
/// steering did not come first; `unknown` when the telemetry lacks the state (or, for a
/// disengagement, every driver input), and for every event the camera alone found.
public enum Initiator: String, Codable, Sendable, CaseIterable {
  case fsd, driver, unknown

  /// On the review card: "FSD-initiated".
  public var title: String {
    switch self {
    case .fsd: "FSD-initiated"
    case .driver: "driver-initiated"
    case .unknown: "initiator unknown"
    }
  }

  /// After an event's title in the report: "brake by FSD"; empty when unknown.
  public var byline: String {
    switch self {
    case .fsd: " by FSD"
    case .driver: " by the driver"
    case .unknown: ""
    }
  }
}
