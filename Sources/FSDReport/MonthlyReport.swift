import FSDStore

/// Everything the monthly report shows, computed once; the Markdown and HTML are two views of it.
public struct MonthlyReport: Sendable {
  public struct Period: Sendable {
    /// "2026-11", or an FSD version.
    public let name: String
    /// For versions: the car-local date it was installed (nil for "unknown version").
    public let sinceLocal: String?
    public let figures: TrustFigures
  }

  public struct TopEvent: Sendable {
    public let event: TaggedEvent
    public let trace: EventTrace?
    public let thumbnail: Thumbnail
  }

  public let month: YearMonth
  public let units: DistanceUnits
  /// The database file name (not its path: reports get shared).
  public let databaseName: String
  public let figures: TrustFigures
  /// Every month from the first with data up to `month`, gaps included.
  public let history: [Period]
  /// Per FSD version, over all data up to the end of `month`; empty when no version is recorded.
  public let versions: [Period]
  /// "Is FSD getting better?": this month against the three before, the latest version against
  /// the one before.
  public let answer: TrustAnswer
  /// The month's events, newest first: all of them, tagged or not.
  public let events: [TaggedEvent]
  public let topEvents: [TopEvent]
}
