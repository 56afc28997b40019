import FSDDomain

/// One row of the trend-by-month or per-version table, as text.
public struct PeriodRowView: Sendable {
  public let name: String
  public let since: String
  public let fsdDistance: String
  public let fsdTime: String
  public let events: String
  public let phantom: String
  public let justified: String
  public let unsure: String
  public let untagged: String
  /// "12.5 (0.16–69.5)" per 1,000 FSD km, or per hour for vision-only periods.
  public let rate: String
  public let perHour: String
  public let share: String
  public let drivesWithout: String
  public let flags: String
  /// `rate` for an 80-column table: the rate with " *" when the period's data is thin, or why
  /// there is none ("no FSD", "no dist.", "no data") instead of a dash.
  public let shortRate: String
  public let isCurrent: Bool

  public init(_ period: MonthlyReport.Period, isCurrent: Bool = false) {
    let figures = period.figures, totals = figures.totals, units = figures.units
    name = period.name
    since = period.sinceLocal ?? NumberText.dash
    fsdDistance = figures.distanceKnown ? NumberText.fixed(figures.fsdDistance, 1) : "unknown"
    fsdTime = figures.distanceKnown ? NumberText.hours(totals.fsdTimeS) : "unknown"
    events = NumberText.count(totals.events)
    phantom = NumberText.count(totals.phantom)
    justified = NumberText.count(totals.justified)
    unsure = NumberText.count(totals.unsure)
    untagged = NumberText.count(totals.untagged)
    rate = ReportText.rate(figures.phantomPer1000)
    perHour = ReportText.rate(figures.phantomPerFSDHour ?? figures.phantomPerDriveHour)
    share = ReportText.share(figures.justifiedShare)
    drivesWithout = ReportText.share(figures.drivesWithoutPhantom)
    var flags: [String] = []
    if !totals.hasData {
      flags.append("no data")
    } else {
      if !figures.distanceKnown { flags.append("vision only: no distance") }
      else if totals.fsdDistanceM == 0 { flags.append("no FSD distance") }
      if totals.drivesWithTelemetry < totals.drives && figures.distanceKnown {
        flags.append("\(totals.drives - totals.drivesWithTelemetry) of \(totals.drives) drives without telemetry")
      }
      if figures.hasGaps, let seen = figures.footageShare {
        flags.append("gaps (\(NumberText.percent(1 - seen)) of the driving missing)")
      }
      if figures.isThin { flags.append("thin data (\(totals.decided) decided)") }
      if totals.untagged > 0 { flags.append("\(totals.untagged) untagged") }
    }
    self.flags = flags.joined(separator: "; ")
    let missing = !totals.hasData ? "no data" : !figures.distanceKnown ? "no dist." : totals.fsdDistanceM == 0 ? "no FSD" : nil
    shortRate = rate == NumberText.dash ? (missing ?? rate) : rate + (figures.isThin ? " *" : "")
    _ = units
    self.isCurrent = isCurrent
  }
}

/// Shared phrasing of figures with their intervals.
enum ReportText {
  /// "12.5 (0.16–69.5)", or a dash.
  static func rate(_ rate: TrustFigures.Rate?) -> String {
    guard let rate else { return NumberText.dash }
    return "\(NumberText.rate(rate.value)) (\(NumberText.rate(rate.lower))–\(NumberText.rate(rate.upper)))"
  }

  /// "33 % (6–79 %)", or a dash.
  static func share(_ interval: WilsonInterval?) -> String {
    guard let interval else { return NumberText.dash }
    return "\(NumberText.percent(interval.proportion)) (\(NumberText.fixed(interval.lower * 100, 0))–"
      + "\(NumberText.percent(interval.upper)))"
  }

  static func interval(_ rate: TrustFigures.Rate?) -> String {
    guard let rate else { return "" }
    return "\(NumberText.rate(rate.lower))–\(NumberText.rate(rate.upper))"
  }

  static func interval(_ share: WilsonInterval?) -> String {
    guard let share else { return "" }
    return "\(NumberText.fixed(share.lower * 100, 0))–\(NumberText.percent(share.upper))"
  }

  static func kindTitle(_ event: EventRecordSummary) -> String {
    let kind = event.kind.title + (event.cause.map { " (\($0.title))" } ?? "")
    let severity = event.severity.map { $0.rawValue + " " } ?? ""
    let text = severity + kind + event.initiator.byline
    return text.prefix(1).uppercased() + text.dropFirst()
  }
}

/// The few event fields the titles need (keeps ReportText free of the store's record type).
struct EventRecordSummary {
  let kind: EventKind
  let severity: Severity?
  let cause: DisengagementCause?
  let initiator: Initiator
}
