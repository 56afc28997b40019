/// The driver's judgement of an event (docs/statistics.md).
public enum Verdict: String, Codable, Sendable, CaseIterable {
  /// The car reacted to nothing real.
  case phantom
  /// A real hazard.
  case justified
  case unsure
}

/// A verdict to filter by, or `untagged` (never tagged, or untagged since): what `--verdict`
/// takes and what summaries count by.
public enum VerdictFilter: Sendable, Equatable, Hashable, CaseIterable, Codable {
  case verdict(Verdict)
  case untagged

  public static var allCases: [VerdictFilter] { Verdict.allCases.map(VerdictFilter.verdict) + [.untagged] }

  /// `phantom`, `justified`, `unsure` or `untagged`.
  public init?(rawValue: String) {
    if rawValue == "untagged" { self = .untagged; return }
    guard let verdict = Verdict(rawValue: rawValue) else { return nil }
    self = .verdict(verdict)
  }

  public var rawValue: String {
    switch self {
    case .verdict(let verdict): verdict.rawValue
    case .untagged: "untagged"
    }
  }

  public init(from decoder: Decoder) throws {
    let text = try decoder.singleValueContainer().decode(String.self)
    guard let value = VerdictFilter(rawValue: text) else {
      throw DecodingError.dataCorrupted(.init(codingPath: decoder.codingPath, debugDescription: "not a verdict: \(text)"))
    }
    self = value
  }

  public func encode(to encoder: Encoder) throws {
    var container = encoder.singleValueContainer()
    try container.encode(rawValue)
  }
}
