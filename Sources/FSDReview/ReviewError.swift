/// A review action that does not apply to the incident on the card.
public enum ReviewError: Error, CustomStringConvertible, Equatable {
  /// A verdict for the driver's own action: only a maneuver the car may have made is asked
  /// "phantom or justified?" (docs/statistics.md, "Incidents").
  case noVerdictAsked(eventID: Int64)

  public var description: String {
    switch self {
    case .noVerdictAsked(let id):
      "event \(id) is the driver's own action, not asked phantom or justified: record it (with its flags and note) instead"
    }
  }
}
