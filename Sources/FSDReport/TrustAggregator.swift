import FSDDomain
import FSDStore

/// Sums drives and events into per-period totals (by month or by FSD version).
public enum TrustAggregator {
  /// How a period is named from a car-local ISO time: its month, or the FSD version in force.
  public enum Grouping: Sendable {
    case month
    case version(VersionTimeline)

    func key(_ localTime: String) -> String {
      switch self {
      case .month: String(localTime.prefix(7))
      case .version(let timeline): timeline.version(at: localTime)
      }
    }
  }

  public static func totals(drives: [UsageRow], events: [TaggedEvent], by grouping: Grouping) -> [String: PeriodTotals] {
    var periods: [String: PeriodTotals] = [:]
    var measuredDrives = Set<Int64>()
    for drive in drives where drive.hasTelemetry { measuredDrives.insert(drive.driveID) }

    var drivesWithPhantom = Set<Int64>()
    // Event counts (by kind, severity, initiator, own verdict) are per event; maneuvers, verdicts
    // and critical interventions per incident, so a takeover counts once (docs/statistics.md).
    for item in events {
      periods[grouping.key(item.whenLocal), default: PeriodTotals()].add(event: item.event, verdict: item.state.current)
    }
    for incident in Incident.group(events) {
      let state = incident.state
      let onMeasuredDrive = incident.lead.event.driveId.map(measuredDrives.contains) ?? false
      periods[grouping.key(incident.whenLocal), default: PeriodTotals()].add(incident: incident, state: state,
                                                                           onMeasuredDrive: onMeasuredDrive)
      if incident.isFSDManeuver, state.verdict == .phantom, let drive = incident.lead.event.driveId {
        drivesWithPhantom.insert(drive)
      }
    }
    for drive in drives {
      periods[grouping.key(drive.startLocal), default: PeriodTotals()]
        .add(drive: drive, hadPhantom: drivesWithPhantom.contains(drive.driveID))
    }
    return periods
  }

  /// Every month from the first to the last in `keys` (YYYY-MM), gaps included: a month without
  /// data is shown as such, not skipped.
  public static func monthRange(_ keys: some Collection<String>) -> [String] {
    guard let first = keys.min(), let last = keys.max(), var month = YearMonth(first), let end = YearMonth(last)
    else { return [] }
    var months: [String] = []
    while month <= end {
      months.append(month.text)
      month = month.next
    }
    return months
  }
}

extension PeriodTotals {
  mutating func add(event: EventRecord, verdict: VerdictFilter) {
    events += 1
    eventsByKind[event.kind, default: 0] += 1
    if let severity = event.severity { eventsBySeverity[severity, default: 0] += 1 }
    eventsByInitiator[event.initiator, default: 0] += 1
    eventsByVerdict[verdict, default: 0] += 1
  }

  /// One incident, with its combined tag: a critical intervention once, however many of its
  /// events were tagged so; one FSD maneuver, however many brakes and swerves FSD made in it.
  mutating func add(incident: Incident<TaggedEvent>, state: TagState, onMeasuredDrive: Bool) {
    incidents += 1
    if state.critical && state.intervened {
      criticalInterventions += 1
      if onMeasuredDrive { criticalOnMeasuredDrives += 1 }
    }
    guard incident.isFSDManeuver else { return }
    fsdManeuvers += 1
    switch state.verdict {
    case .phantom?:
      phantom += 1
      if onMeasuredDrive { phantomOnMeasuredDrives += 1 }
    case .justified?: justified += 1
    case .unsure?: unsure += 1
    case nil: untagged += 1
    }
  }

  mutating func add(drive: UsageRow, hadPhantom: Bool) {
    drives += 1
    driveTimeS += drive.durationS
    missingVideoS += drive.missingS
    if drive.hasTelemetry { telemetryDriveTimeS += drive.durationS }
    guard drive.hasTelemetry else { return }
    drivesWithTelemetry += 1
    fsdDistanceM += drive.fsdDistanceM ?? 0
    autosteerDistanceM += drive.autosteerDistanceM ?? 0
    taccDistanceM += drive.taccDistanceM ?? 0
    manualDistanceM += drive.manualDistanceM ?? 0
    fsdTimeS += drive.fsdTimeS ?? 0
    autosteerTimeS += drive.autosteerTimeS ?? 0
    taccTimeS += drive.taccTimeS ?? 0
    manualTimeS += drive.manualTimeS ?? 0
    if (drive.fsdTimeS ?? 0) > 0 {
      fsdDrives += 1
      if hadPhantom { fsdDrivesWithPhantom += 1 }
    }
  }
}
