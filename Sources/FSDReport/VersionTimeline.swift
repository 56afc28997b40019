import FSDStore

/// The driver's FSD release record as a step function of the car-local date: a day belongs to the
/// latest version installed on or before it; days before the first record to "unknown version".
public struct VersionTimeline: Sendable {
  public static let unknown = "unknown version"

  /// (since YYYY-MM-DD, version), sorted by date.
  public let steps: [(sinceLocal: String, version: String)]

  public init(_ records: [FSDVersionRecord]) {
    steps = records.map { ($0.sinceLocal, $0.version) }.sorted { $0.sinceLocal < $1.sinceLocal }
  }

  public init(steps: [(sinceLocal: String, version: String)]) {
    self.steps = steps.sorted { $0.sinceLocal < $1.sinceLocal }
  }

  /// The version in force at a car-local time or date (ISO text; only its date part is read).
  public func version(at localTime: String) -> String {
    let day = String(localTime.prefix(10))
    // Binary search for the last step with sinceLocal <= day (ISO dates order as text).
    var low = 0, high = steps.count
    while low < high {
      let mid = (low + high) / 2
      if steps[mid].sinceLocal <= day { low = mid + 1 } else { high = mid }
    }
    return low == 0 ? Self.unknown : steps[low - 1].version
  }

  /// Period keys in display order: unknown first (it comes before every record), then by date.
  public var orderedKeys: [String] { [Self.unknown] + steps.map(\.version) }
}
