import FSDDomain

/// The monthly report as text and chart geometry: what both templates (Markdown and HTML) render.
struct ReportView {
  struct Warning { let title: String; let text: String; let cls: String }
  struct Headline {
    let label: String; let value: String; let detail: String
    /// nil when there is no interval to state.
    let interval: String?

    init(label: String, value: String, interval: String, detail: String) {
      self.label = label
      self.value = value
      self.interval = interval.isEmpty ? nil : interval
      self.detail = detail
    }
  }
  struct UsageLine { let mode: String; let distance: String; let time: String }
  struct Breakdown { let title: String; let text: String }

  let title: String
  let monthName: String
  let monthKey: String
  let unit: String
  let speedUnit: String
  let databaseName: String
  /// One sentence per comparison (TrustAnswer), at the top.
  let answers: [String]
  let hasAnswers: Bool
  let warnings: [Warning]
  let hasWarnings: Bool
  let headlines: [Headline]
  let usage: [UsageLine]
  let usageNote: String
  let breakdowns: [Breakdown]
  let history: [PeriodRowView]
  let hasVersions: Bool
  let versions: [PeriodRowView]
  let rateTitle: String
  let trendChart: ChartView?
  let trendMissing: String
  let shareChart: ChartView?
  let topEvents: [TopEventView]
  let hasTopEvents: Bool
  let events: [EventRowView]
  let hasEvents: Bool
  let eventCount: String

  init(_ report: MonthlyReport) {
    let figures = report.figures, totals = figures.totals, units = report.units
    let unit = units.distanceLabel
    self.unit = unit
    speedUnit = units.speedLabel
    monthName = NumberText.monthName(report.month)
    monthKey = report.month.text
    title = "FSD phantom-braking report · \(monthName)"
    databaseName = report.databaseName
    answers = report.answer.lines.map(\.sentence)
    hasAnswers = !answers.isEmpty
    warnings = Self.warnings(figures)
    hasWarnings = !warnings.isEmpty
    headlines = Self.headlines(figures)
    usage = Self.usage(figures)
    usageNote = totals.drives == 0 ? "No drives this month." : Self.coverageNote(figures)
    breakdowns = Self.breakdowns(totals)
    history = report.history.map { PeriodRowView($0, isCurrent: $0.name == report.month.text) }
    hasVersions = !report.versions.isEmpty
    versions = report.versions.map { PeriodRowView($0) }
    rateTitle = "phantom / 1,000 FSD \(unit)"
    trendChart = Self.rateChart(report)
    trendMissing = trendChart == nil
      ? "No month up to \(monthName) has FSD distance, so there is no rate to chart." : ""
    shareChart = TrendChart.make(
      title: "Justified share by month, with 95 % Wilson intervals", yTitle: "justified share",
      points: report.history.map { period in
        let share = period.figures.justifiedShare
        return TrendChart.Point(
          label: NumberText.shortMonth(period.name), value: share?.proportion, lower: share?.lower ?? 0,
          upper: share?.upper ?? 0, isCurrent: period.name == report.month.text,
          detail: "\(period.name): \(ReportText.share(share)), \(period.figures.totals.decided) decided",
          missingText: "none")
      }, fixedHigh: 1, format: { NumberText.percent($0) })
    topEvents = report.topEvents.enumerated().map { TopEventView(number: $0.offset + 1, $0.element, units: units) }
    hasTopEvents = !topEvents.isEmpty
    events = report.events.map { EventRowView($0, units: units) }
    hasEvents = !events.isEmpty
    eventCount = NumberText.plural(events.count, "event")
  }

  static func rateChart(_ report: MonthlyReport) -> ChartView? {
    let unit = report.units.distanceLabel
    return TrendChart.make(
      title: "Phantom events per 1,000 FSD \(unit) by month, with 95 % intervals",
      yTitle: "phantom / 1,000 \(unit)",
      points: report.history.map { period in
        let rate = period.figures.phantomPer1000
        let missing = !period.figures.totals.hasData ? "no data" : period.figures.distanceKnown ? "no FSD" : "no dist."
        return TrendChart.Point(
          label: NumberText.shortMonth(period.name), value: rate?.value, lower: rate?.lower ?? 0,
          upper: rate?.upper ?? 0, isCurrent: period.name == report.month.text,
          detail: "\(period.name): \(ReportText.rate(rate)) per 1,000 FSD \(unit)", missingText: missing,
          isThin: period.figures.isThin)
      }, rolling: rollingRates(report.history), markers: versionMarkers(report), format: { NumberText.rate($0) })
  }

  /// Phantom events per 1,000 FSD km (mi) over the three months ending at each month: steadier
  /// than one month's, so a trend shows before each month's interval narrows. nil where those
  /// three months have no FSD distance.
  static func rollingRates(_ history: [MonthlyReport.Period], months: Int = 3) -> [Double?] {
    history.indices.map { index in
      let window = history[max(0, index - months + 1)...index]
      let distance = window.reduce(0.0) { $0 + $1.figures.fsdDistance }
      guard distance > 0 else { return nil }
      return Double(window.reduce(0) { $0 + $1.figures.totals.phantomOnMeasuredDrives }) / (distance / 1000)
    }
  }

  /// Where each recorded FSD version began, placed within its month by the day.
  static func versionMarkers(_ report: MonthlyReport) -> [TrendChart.Marker] {
    guard let first = report.history.first.flatMap({ YearMonth($0.name) }) else { return [] }
    return report.versions.compactMap { period in
      guard let since = period.sinceLocal, let month = YearMonth(since), let day = Int(since.dropFirst(8).prefix(2))
      else { return nil }
      let monthsIn = (month.year - first.year) * 12 + (month.month - first.month)
      return TrendChart.Marker(position: Double(monthsIn) + Double(day - 1) / 31, label: period.name)
    }
  }

  /// How much driving the month's figures rest on: drives, footage, what is missing between clips,
  /// and the share with telemetry (the only part the per-distance rates can use).
  static func coverageNote(_ figures: TrustFigures) -> String {
    let totals = figures.totals
    var text = "\(NumberText.plural(totals.drives, "drive")), \(NumberText.count(totals.drivesWithTelemetry)) with "
      + "telemetry; \(NumberText.hours(totals.driveTimeS)) of front-camera video"
    text += totals.missingVideoS > 0
      ? ", about \(NumberText.minutes(totals.missingVideoS)) missing between clips" : ", none missing between clips"
    if let share = figures.telemetryShare, share < 1 {
      text += "; the per-distance rates rest on the \(NumberText.percent(share)) of it with telemetry"
    }
    return text + "."
  }

  static func warnings(_ figures: TrustFigures) -> [Warning] {
    let totals = figures.totals, unit = figures.units.distanceLabel
    var warnings: [Warning] = []
    if !figures.distanceKnown && totals.drives > 0 {
      warnings.append(Warning(
        title: "Distance unknown",
        text: "None of this month's drives has telemetry (vision-only clips: no SEI, no CSV), so FSD distance, "
          + "FSD time and per-\(unit) rates cannot be known. The only rate given is per hour of driving, with the FSD "
          + "state unknown.", cls: "distance"))
    } else if totals.drivesWithTelemetry < totals.drives {
      let missing = totals.drives - totals.drivesWithTelemetry
      warnings.append(Warning(
        title: "Some distance unknown",
        text: "\(missing) of \(totals.drives) drives \(missing == 1 ? "has" : "have") no telemetry: their events are "
          + "counted, but not in the per-\(unit) and per-FSD-hour rates.", cls: "distance"))
    }
    if figures.distanceKnown && totals.fsdDistanceM == 0 {
      warnings.append(Warning(
        title: "No FSD distance",
        text: "FSD (Supervised) was not engaged on this month's drives with telemetry: there are no phantom rates.",
        cls: "distance"))
    }
    if figures.hasGaps, let seen = figures.footageShare {
      warnings.append(Warning(
        title: "Gaps in the footage",
        text: "About \(NumberText.minutes(totals.missingVideoS)) of this month's driving is missing between clips "
          + "(\(NumberText.percent(1 - seen)) of it: RecentClips overwritten before the stick was copied, or clips "
          + "lost). Counts and rates cover only the \(NumberText.percent(seen)) fsdlog saw.", cls: "thin"))
    }
    if figures.isThin {
      warnings.append(Warning(
        title: "Thin data",
        text: "Only \(NumberText.plural(totals.decided, "FSD maneuver")) tagged phantom or justified this month "
          + "(fewer than \(TrustFigures.thinDataThreshold)). Shares and rates from so few events are very uncertain: "
          + "read the 95 % intervals, not the point values.", cls: "thin"))
    }
    // Only FSD maneuvers are asked a verdict: the driver's own actions stay "untagged" events for
    // good, so they are no reason to nag.
    if totals.untagged > 0 {
      warnings.append(Warning(
        title: "Untagged FSD maneuvers",
        text: "\(NumberText.plural(totals.untagged, "FSD maneuver")) untagged: counted as neither phantom nor justified. "
          + "Tag \(totals.untagged == 1 ? "it" : "them") with fsdlog review.", cls: "untagged"))
    }
    return warnings
  }

  static func headlines(_ figures: TrustFigures) -> [Headline] {
    let totals = figures.totals, unit = figures.units.distanceLabel
    let distance = NumberText.fixed(figures.fsdDistance, 1) + " " + unit
    var rows: [Headline] = []
    if figures.distanceKnown {
      rows.append(Headline(
        label: "Phantom events per 1,000 FSD \(unit)", value: figures.phantomPer1000.map { NumberText.rate($0.value) } ?? NumberText.dash,
        interval: ReportText.interval(figures.phantomPer1000),
        detail: totals.fsdDistanceM > 0 ? "\(NumberText.plural(totals.phantomOnMeasuredDrives, "phantom event")) in \(distance) of FSD"
          : "no FSD distance"))
      rows.append(Headline(
        label: "Phantom events per FSD hour", value: figures.phantomPerFSDHour.map { NumberText.rate($0.value) } ?? NumberText.dash,
        interval: ReportText.interval(figures.phantomPerFSDHour),
        detail: totals.fsdTimeS > 0 ? "in \(NumberText.hours(totals.fsdTimeS)) of FSD" : "no FSD time"))
      let perPhantom: String
      if let value = figures.distancePerPhantom { perPhantom = NumberText.fixed(value, 1) }
      else if totals.fsdDistanceM > 0 { perPhantom = "none in \(distance)" }
      else { perPhantom = NumberText.dash }
      rows.append(Headline(label: "FSD \(unit) per phantom event", value: perPhantom, interval: "",
                           detail: "distance between phantom events"))
    } else {
      rows.append(Headline(
        label: "Phantom events per driving hour", value: figures.phantomPerDriveHour.map { NumberText.rate($0.value) } ?? NumberText.dash,
        interval: ReportText.interval(figures.phantomPerDriveHour),
        detail: "vision-only: FSD state and distance unknown; \(NumberText.hours(totals.driveTimeS)) of driving"))
    }
    rows.append(Headline(
      label: "Justified share", value: figures.justifiedShare.map { NumberText.percent($0.proportion) } ?? NumberText.dash,
      interval: ReportText.interval(figures.justifiedShare),
      detail: "\(NumberText.count(totals.justified)) justified of \(NumberText.count(totals.decided)) decided FSD maneuvers; "
        + "\(NumberText.count(totals.unsure)) unsure and \(NumberText.count(totals.untagged)) untagged not counted"))
    rows.append(Headline(
      label: "Drives without a phantom event",
      value: figures.drivesWithoutPhantom.map { NumberText.percent($0.proportion) } ?? NumberText.dash,
      interval: ReportText.interval(figures.drivesWithoutPhantom),
      detail: figures.drivesWithoutPhantom.map { "\($0.successes) of \($0.trials) drives with FSD engaged" }
        ?? "no drive with FSD engaged (or no telemetry)"))
    if figures.distanceKnown {
      let perCritical: String
      if let value = figures.distancePerCritical { perCritical = NumberText.fixed(value, 1) }
      else if totals.fsdDistanceM > 0 { perCritical = "none in \(distance)" }
      else { perCritical = NumberText.dash }
      rows.append(Headline(
        label: "FSD \(unit) per critical intervention", value: perCritical, interval: "",
        detail: "\(NumberText.plural(totals.criticalInterventions, "incident")) tagged critical + intervened"))
    }
    return rows
  }

  static func usage(_ figures: TrustFigures) -> [UsageLine] {
    let totals = figures.totals, units = figures.units
    guard figures.distanceKnown else {
      return [UsageLine(mode: "All driving (FSD state unknown)", distance: "unknown", time: NumberText.hours(totals.driveTimeS))]
    }
    func line(_ mode: String, _ metres: Double, _ seconds: Double) -> UsageLine {
      UsageLine(mode: mode, distance: NumberText.fixed(units.distance(metres), 1) + " " + units.distanceLabel,
                time: NumberText.hours(seconds))
    }
    return [
      line("FSD (Supervised)", totals.fsdDistanceM, totals.fsdTimeS),
      line("Autosteer", totals.autosteerDistanceM, totals.autosteerTimeS),
      line("TACC", totals.taccDistanceM, totals.taccTimeS),
      line("Manual", totals.manualDistanceM, totals.manualTimeS),
    ]
  }

  static func breakdowns(_ totals: PeriodTotals) -> [Breakdown] {
    func text<Value: Hashable>(_ counts: [Value: Int], order: [Value], name: (Value) -> String) -> String {
      let parts = order.compactMap { value in counts[value].map { "\(name(value)) \($0)" } }
      return parts.isEmpty ? "none" : parts.joined(separator: " · ")
    }
    return [
      Breakdown(title: "By kind", text: text(totals.eventsByKind, order: EventKind.allCases, name: \.rawValue)),
      Breakdown(title: "By severity", text: text(totals.eventsBySeverity, order: Severity.mostSevereFirst, name: \.rawValue)),
      Breakdown(title: "By initiator", text: text(totals.eventsByInitiator, order: Initiator.allCases, name: \.rawValue)),
      Breakdown(title: "By verdict", text: text(totals.eventsByVerdict, order: VerdictFilter.allCases, name: \.rawValue)),
      Breakdown(title: "FSD maneuvers", text: "\(totals.fsdManeuvers): phantom \(totals.phantom) · justified "
                + "\(totals.justified) · unsure \(totals.unsure) · untagged \(totals.untagged)"),
    ]
  }
}
