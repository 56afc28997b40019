import FSDDomain
import Foundation
import FSDStore

/// Builds a `MonthlyReport` from the database.
public struct ReportBuilder {
  public var units: DistanceUnits
  /// How many of the month's events get a thumbnail and a trace.
  public var topEventCount = 5
  /// Makes the picture of an event; the CLI decodes the front camera at the peak when the saved
  /// clip has no thumb.png. The default reads thumb.png only.
  public var thumbnail: @Sendable (TaggedEvent) -> Thumbnail = ReportBuilder.savedThumbnail

  public init(units: DistanceUnits) {
    self.units = units
  }

  /// Months (YYYY-MM, car-local) that hold a drive or an event: what a report can be made for.
  public static func monthsWithData(drives: [UsageRow], events: [TaggedEvent]) -> [String] {
    Set(drives.map { String($0.startLocal.prefix(7)) } + events.map { String($0.whenLocal.prefix(7)) }).sorted()
  }

  /// - Throws: `ReportError.noData` naming the months that do have data, when `month` has none.
  public func build(store: Store, month: YearMonth) throws -> MonthlyReport {
    let drives = try store.usageRows()
    let allEvents = try store.taggedEvents()
    let available = Self.monthsWithData(drives: drives, events: allEvents)
    guard available.contains(month.text) else { throw ReportError.noData(month: month.text, available: available) }

    // Everything up to the end of the report month: a report for October made in December
    // must not show November.
    let end = month.next.text
    let drivesSoFar = drives.filter { $0.startLocal < end }
    let eventsSoFar = allEvents.filter { $0.whenLocal < end }

    let byMonth = TrustAggregator.totals(drives: drivesSoFar, events: eventsSoFar, by: .month)
    let history = TrustAggregator.monthRange(byMonth.keys).map {
      MonthlyReport.Period(name: $0, sinceLocal: nil, figures: TrustFigures(totals: byMonth[$0] ?? PeriodTotals(), units: units))
    }
    let timeline = VersionTimeline(try store.fsdVersions())
    var versions: [MonthlyReport.Period] = []
    if !timeline.steps.isEmpty {
      let byVersion = TrustAggregator.totals(drives: drivesSoFar, events: eventsSoFar, by: .version(timeline))
      let since = Dictionary(timeline.steps.map { ($0.version, $0.sinceLocal) }, uniquingKeysWith: { a, _ in a })
      versions = timeline.orderedKeys.compactMap { key in
        guard let totals = byVersion[key], totals.hasData else { return nil }
        return MonthlyReport.Period(name: key, sinceLocal: since[key], figures: TrustFigures(totals: totals, units: units))
      }
    }

    let monthEvents = eventsSoFar.filter { $0.whenLocal.hasPrefix(month.text) }
    let top = Self.topEvents(monthEvents, count: topEventCount).map { event in
      MonthlyReport.TopEvent(event: event, trace: try? trace(event, store: store), thumbnail: thumbnail(event))
    }
    return MonthlyReport(
      month: month, units: units, databaseName: (store.path as NSString).lastPathComponent,
      figures: TrustFigures(totals: byMonth[month.text] ?? PeriodTotals(), units: units), history: history,
      versions: versions,
      answer: TrustAnswer.make(months: history, currentMonth: month.text, versions: versions, units: units),
      events: monthEvents.reversed(), topEvents: top)
  }

  /// The month's most telling events: phantom ones first, then FSD's other brakes and swerves, then
  /// the rest; within each, the hardest (peak g) first.
  static func topEvents(_ events: [TaggedEvent], count: Int) -> [TaggedEvent] {
    func rank(_ item: TaggedEvent) -> Int {
      if item.state.verdict == .phantom { return 0 }
      if item.event.initiator == .fsd { return 1 }
      return 2
    }
    func strength(_ item: TaggedEvent) -> Double { max(item.event.peakDecelG ?? 0, item.event.peakLatG ?? 0) }
    return Array(events.sorted {
      (rank($0), -strength($0), $0.event.id ?? 0) < (rank($1), -strength($1), $1.event.id ?? 0)
    }.prefix(count))
  }

  func trace(_ item: TaggedEvent, store: Store) throws -> EventTrace? {
    EventTrace(try TelemetryWindow.load(for: item.event, from: store, halfWidthS: 8), lateral: item.event.kind == .swerve)
  }


  /// The saved clip folder's thumb.png (TeslaCam writes it when a clip is saved), if present.
  public static func savedThumbnail(_ item: TaggedEvent) -> Thumbnail {
    guard let path = item.thumbnailPath else {
      return .unavailable(reason: "not a saved clip (no thumb.png)")
    }
    guard let data = FileManager.default.contents(atPath: path), data.starts(with: [0x89, 0x50, 0x4E, 0x47]) else {
      return .unavailable(reason: "thumb.png could not be read")
    }
    return .png(data, source: "TeslaCam thumb.png of the saved clip")
  }
}

/// Why a report could not be made, saying what to do instead.
public enum ReportError: Error, CustomStringConvertible, Equatable {
  case noData(month: String, available: [String])

  public var description: String {
    switch self {
    case .noData(let month, let available) where available.isEmpty:
      "no drives or events in \(month): the database holds none yet (run `fsdlog ingest PATH` first)"
    case .noData(let month, let available):
      "no drives or events in \(month); months with data: \(available.joined(separator: ", ")) "
        + "(choose one with --month \(available.last!))"
    }
  }
}
