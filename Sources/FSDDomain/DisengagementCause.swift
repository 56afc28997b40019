/// What the driver did just before (or at) a disengagement.
public enum DisengagementCause: String, Codable, Sendable, CaseIterable {
  case brakePedal = "brake_pedal"
  case steering, accelerator, unknown

  /// In sentences: "brake pedal".
  public var title: String {
    switch self {
    case .brakePedal: "brake pedal"
    default: rawValue
    }
  }

  /// In an 80-column table: "pedal", "wheel", "accel.".
  public var shortTitle: String {
    switch self {
    case .brakePedal: "pedal"
    case .steering: "wheel"
    case .accelerator: "accel."
    case .unknown: "unknown"
    }
  }
}
