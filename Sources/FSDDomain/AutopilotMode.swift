/// Which driver-assistance feature was engaged (docs/formats.md section 4's `autopilot_state`;
/// the raw values are the SEI record's names, which `events.autopilot_state` stores).
public enum AutopilotMode: String, Sendable, Codable, CaseIterable {
  case none = "NONE"
  case selfDriving = "SELF_DRIVING"
  case autosteer = "AUTOSTEER"
  case tacc = "TACC"

  /// FSD, Autosteer or TACC: the car, not the driver, is controlling speed.
  public var isEngaged: Bool { self != .none }

  /// The byte `telemetry.autopilot` stores per sample (docs/schema.md): 0 NONE, 1 SELF_DRIVING,
  /// 2 AUTOSTEER, 3 TACC; `unknownStorageCode` where the source did not say.
  public var storageCode: UInt8 { UInt8(Self.allCases.firstIndex(of: self) ?? 0) }
  public static let unknownStorageCode: UInt8 = 255

  /// The mode a stored byte stands for; nil for unknown (255) or a code no version wrote.
  public init?(storageCode: UInt8) {
    guard Int(storageCode) < Self.allCases.count else { return nil }
    self = Self.allCases[Int(storageCode)]
  }

  /// On the review card: "engaged (self-driving)", "Autosteer", "TACC only", "off (manual)".
  public var title: String {
    switch self {
    case .none: "off (manual)"
    case .selfDriving: "engaged (self-driving)"
    case .autosteer: "Autosteer"
    case .tacc: "TACC only"
    }
  }
}
