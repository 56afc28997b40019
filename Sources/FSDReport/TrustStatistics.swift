import FSDStore

/// The longitudinal table of `fsdlog stats`: the trust figures per month or per FSD version.
public enum TrustStatistics {
  public enum Grouping: String, Sendable, CaseIterable { case month, version }

  /// Every month from the first with data to the last (gaps included), or every FSD version with
  /// data ("unknown version" first, for what came before the first record).
  public static func periods(store: Store, by grouping: Grouping, units: DistanceUnits) throws -> [MonthlyReport.Period] {
    let drives = try store.usageRows(), events = try store.taggedEvents()
    switch grouping {
    case .month:
      let totals = TrustAggregator.totals(drives: drives, events: events, by: .month)
      return TrustAggregator.monthRange(totals.keys).map {
        MonthlyReport.Period(name: $0, sinceLocal: nil, figures: TrustFigures(totals: totals[$0] ?? PeriodTotals(), units: units))
      }
    case .version:
      let timeline = VersionTimeline(try store.fsdVersions())
      let totals = TrustAggregator.totals(drives: drives, events: events, by: .version(timeline))
      let since = Dictionary(timeline.steps.map { ($0.version, $0.sinceLocal) }, uniquingKeysWith: { a, _ in a })
      return timeline.orderedKeys.compactMap { key in
        guard let period = totals[key], period.hasData else { return nil }
        return MonthlyReport.Period(name: key, sinceLocal: since[key], figures: TrustFigures(totals: period, units: units))
      }
    }
  }
}

extension TrustStatistics {
  /// The latest month with data against the three before it, and the latest FSD version against
  /// the one before it.
  public static func answer(store: Store, units: DistanceUnits) throws -> TrustAnswer {
    let months = try periods(store: store, by: .month, units: units)
    let versions = try VersionTimeline(try store.fsdVersions()).steps.isEmpty ? [] : periods(store: store, by: .version, units: units)
    return TrustAnswer.make(months: months, currentMonth: months.last?.name ?? "", versions: versions, units: units)
  }
}

/// One period in `fsdlog stats --json` (a stable interface: numbers, not text; null when a
/// figure has no denominator).
public struct PeriodJSON: Encodable, Sendable {
  public struct Interval: Encodable, Sendable {
    let value: Double
    let lower: Double
    let upper: Double
  }
  public struct Share: Encodable, Sendable {
    let value: Double
    let lower: Double
    let upper: Double
    let successes: Int
    let trials: Int
  }

  let period: String
  let since_local: String?
  let units: String
  let drives: Int
  let drives_with_telemetry: Int
  let distance_known: Bool
  let fsd_distance: Double?
  let fsd_time_h: Double?
  let autosteer_distance: Double?
  let tacc_distance: Double?
  let manual_distance: Double?
  let drive_time_h: Double
  /// Driving missing between the period's clips, and the share of the driving that has footage.
  let missing_video_h: Double
  let footage_share: Double?
  /// The share of the footage on drives with telemetry (what the per-distance rates rest on).
  let telemetry_share: Double?
  let gaps: Bool
  let events: Int
  let events_by_kind: [String: Int]
  let events_by_verdict: [String: Int]
  let fsd_maneuvers: Int
  let phantom: Int
  let justified: Int
  let unsure: Int
  let untagged: Int
  let phantom_per_1000: Interval?
  let phantom_per_fsd_hour: Interval?
  let phantom_per_drive_hour: Interval?
  let distance_per_phantom: Double?
  let justified_share: Share?
  let drives_without_phantom: Share?
  let critical_interventions: Int
  let distance_per_critical: Double?
  let thin_data: Bool

  public init(_ period: MonthlyReport.Period) {
    let f = period.figures, t = f.totals, u = f.units
    func interval(_ rate: TrustFigures.Rate?) -> Interval? { rate.map { Interval(value: $0.value, lower: $0.lower, upper: $0.upper) } }
    func share(_ w: WilsonInterval?) -> Share? {
      w.map { Share(value: $0.proportion, lower: $0.lower, upper: $0.upper, successes: $0.successes, trials: $0.trials) }
    }
    self.period = period.name
    since_local = period.sinceLocal
    units = u.distanceLabel
    drives = t.drives
    drives_with_telemetry = t.drivesWithTelemetry
    distance_known = f.distanceKnown
    fsd_distance = f.distanceKnown ? u.distance(t.fsdDistanceM) : nil
    fsd_time_h = f.distanceKnown ? t.fsdTimeS / 3600 : nil
    autosteer_distance = f.distanceKnown ? u.distance(t.autosteerDistanceM) : nil
    tacc_distance = f.distanceKnown ? u.distance(t.taccDistanceM) : nil
    manual_distance = f.distanceKnown ? u.distance(t.manualDistanceM) : nil
    drive_time_h = t.driveTimeS / 3600
    missing_video_h = t.missingVideoS / 3600
    footage_share = f.footageShare
    telemetry_share = f.telemetryShare
    gaps = f.hasGaps
    events = t.events
    events_by_kind = Dictionary(uniqueKeysWithValues: t.eventsByKind.map { ($0.key.rawValue, $0.value) })
    events_by_verdict = Dictionary(uniqueKeysWithValues: t.eventsByVerdict.map { ($0.key.rawValue, $0.value) })
    fsd_maneuvers = t.fsdManeuvers
    phantom = t.phantom
    justified = t.justified
    unsure = t.unsure
    untagged = t.untagged
    phantom_per_1000 = interval(f.phantomPer1000)
    phantom_per_fsd_hour = interval(f.phantomPerFSDHour)
    phantom_per_drive_hour = interval(f.phantomPerDriveHour)
    distance_per_phantom = f.distancePerPhantom
    justified_share = share(f.justifiedShare)
    drives_without_phantom = share(f.drivesWithoutPhantom)
    critical_interventions = t.criticalInterventions
    distance_per_critical = f.distancePerCritical
    thin_data = f.isThin
  }
}
