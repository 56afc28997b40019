/// The FSD / Autopilot state as the SEI record carries it (docs/formats.md section 4, field 10).
public enum AutopilotState: Int, Codable, Sendable, CaseIterable {
  case none = 0
  case selfDriving = 1
  case autosteer = 2
  case tacc = 3

  /// The name used in scenario files and CSVs: `none`, `self_driving`, `autosteer`, `tacc`.
  public var scenarioName: String {
    switch self {
    case .none: "none"
    case .selfDriving: "self_driving"
    case .autosteer: "autosteer"
    case .tacc: "tacc"
    }
  }

  /// Accepts the scenario names and the SEI export names (`SELF_DRIVING`), case-insensitively.
  public init?(scenarioName: String) {
    let wanted = scenarioName.lowercased()
    guard let match = Self.allCases.first(where: { $0.scenarioName == wanted }) else { return nil }
    self = match
  }

  /// FSD or Autosteer: leaving one of these while moving is a disengagement (docs/detection.md).
  public var steers: Bool { self == .selfDriving || self == .autosteer }
  /// Any driver-assistance state (the car, not the driver, is in charge of speed).
  public var engaged: Bool { self != .none }
}

/// The gear as the SEI record carries it (docs/formats.md section 4, field 2).
public enum GearState: Int, Codable, Sendable {
  case park = 0
  case drive = 1
  case reverse = 2
  case neutral = 3
}

/// The cameras a TeslaCam writes; the raw value is the file-name suffix.
public enum CameraName: String, Codable, Sendable, CaseIterable {
  case front, back, left_repeater, right_repeater, left_pillar, right_pillar
}
