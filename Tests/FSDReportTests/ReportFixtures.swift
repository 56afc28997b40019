import FSDDomain
import FSDStore
import FSDReport

/// Hand-made drives and events for the statistics tests.
enum Fixture {
  static func drive(_ id: Int64, _ startLocal: String, hours: Double, fsdKm: Double? = nil, fsdHours: Double? = nil,
                    manualKm: Double = 0) -> UsageRow {
    let telemetry = fsdKm != nil
    return UsageRow(
      driveID: id, startLocal: startLocal, durationS: hours * 3600, hasTelemetry: telemetry,
      fsdDistanceM: fsdKm.map { $0 * 1000 }, autosteerDistanceM: telemetry ? 0 : nil, taccDistanceM: telemetry ? 0 : nil,
      manualDistanceM: telemetry ? manualKm * 1000 : nil, fsdTimeS: fsdHours.map { $0 * 3600 },
      autosteerTimeS: telemetry ? 0 : nil, taccTimeS: telemetry ? 0 : nil, manualTimeS: telemetry ? 0 : nil)
  }

  static func event(_ id: Int64, drive: Int64?, _ peakLocal: String, kind: EventKind = .brake, initiator: Initiator = .fsd,
                    verdict: Verdict? = nil, critical: Bool = false, intervened: Bool = false) -> TaggedEvent {
    var record = EventRecord(kind: kind, onsetUtc: peakLocal + "Z", peakUtc: peakLocal + "Z", endUtc: peakLocal + "Z",
                             initiator: initiator, source: .telemetry, confidence: 1, detectedAt: "2026-12-01T00:00:00Z")
    record.id = id
    record.driveId = drive
    record.severity = kind.isManeuver ? .hard : nil
    return TaggedEvent(event: record, peakLocal: peakLocal, clipPath: nil, thumbnailPath: nil,
                       state: TagState(verdict: verdict, intervened: intervened, critical: critical))
  }
}
