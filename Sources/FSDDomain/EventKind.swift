/// What happened: the four event kinds docs/detection.md defines. The raw value is what the
/// database, JSON and CSV outputs and the CLI's `--kind` carry; the titles are what people read.
/// Adding a kind: a case here with its titles and properties, the detector that finds it, docs/detection.md
/// (docs/architecture.md, "To add an event kind").
public enum EventKind: String, Codable, Sendable, CaseIterable {
  case brake, swerve, disengagement, override

  /// In sentences and the report's event list ("accelerator override").
  public var title: String {
    switch self {
    case .brake: "brake"
    case .swerve: "swerve"
    case .disengagement: "disengagement"
    case .override: "accelerator override"
    }
  }

  /// In an 80-column table ("disengage").
  public var shortTitle: String {
    switch self {
    case .disengagement: "disengage"
    default: rawValue
    }
  }

  /// A maneuver the car makes (brake, swerve): the kinds asked "phantom or justified?" when FSD
  /// made them, and the ones the camera alone can see.
  public var isManeuver: Bool { self == .brake || self == .swerve }

  /// The driver taking over from the assistance whoever is recorded as its initiator (ending it,
  /// overriding it); a maneuver is a takeover only when the driver made it while assistance was
  /// engaged (`Incident.isTakeover`). A switch, so that a new kind answers here.
  public var isTakeoverByItself: Bool {
    switch self {
    case .disengagement, .override: true
    case .brake, .swerve: false
    }
  }
}
