import FSDDomain
import FSDReport
import FSDStore

/// One event as every machine-readable listing writes it: `events --format json|csv` and
/// `export` (CSV, JSON, GeoJSON properties), in one field order. The field names are a stable
/// interface (README, `fsdlog events --help`); golden files in Tests/FSDCLITests/Golden hold them.
struct EventListingRow: Encodable {
  let id: Int64
  let kind: EventKind
  let severity: Severity?
  let cause: DisengagementCause?
  let initiator: Initiator
  let source: EventSource
  let confidence: Double
  let onset: String
  let peak: String
  let end: String
  /// Car-local time of the peak (the clock TeslaCam names files by), for people.
  let peak_local: String?
  let drive_id: Int64?
  let clip: String?
  let offset_s: Double?
  let peak_decel_g: Double?
  let peak_lat_g: Double?
  let speed_before_mps: Double?
  let speed_after_mps: Double?
  let autopilot_state: AutopilotMode?
  let lat: Double?
  let lon: Double?
  /// phantom, justified, unsure or untagged: the latest tag.
  let verdict: VerdictFilter
  let intervened: Bool
  let critical: Bool
  let note: String?
  /// The FSD version installed on the event's car-local day (`fsdlog fsd-version`).
  let fsd_version: String

  init(_ item: TaggedEvent, version: String) {
    let event = item.event
    id = event.id ?? 0
    kind = event.kind
    severity = event.severity
    cause = event.cause
    initiator = event.initiator
    source = event.source
    confidence = event.confidence
    onset = event.onsetUtc
    peak = event.peakUtc
    end = event.endUtc
    peak_local = item.peakLocal
    drive_id = event.driveId
    clip = item.clipPath
    offset_s = event.offsetS.map { ($0 * 1000).rounded() / 1000 }
    peak_decel_g = event.peakDecelG.map { ($0 * 1000).rounded() / 1000 }
    peak_lat_g = event.peakLatG.map { ($0 * 1000).rounded() / 1000 }
    speed_before_mps = event.speedBeforeMps.map { ($0 * 100).rounded() / 100 }
    speed_after_mps = event.speedAfterMps.map { ($0 * 100).rounded() / 100 }
    autopilot_state = event.autopilotState
    lat = event.lat
    lon = event.lon
    verdict = item.state.current
    intervened = item.state.intervened
    critical = item.state.critical
    note = item.state.note
    fsd_version = version
  }

  /// The store's events through `filter`, each with the FSD version of its day.
  static func rows(_ store: Store, _ filter: EventFilter = EventFilter(), newestFirst: Bool) throws -> [EventListingRow] {
    let timeline = VersionTimeline(try store.fsdVersions())
    return try store.taggedEvents(filter, newestFirst: newestFirst).map {
      EventListingRow($0, version: timeline.version(at: $0.whenLocal))
    }
  }

  static let csvHeader = "id,kind,severity,cause,initiator,source,confidence,onset,peak,end,peak_local,drive_id,clip,"
    + "offset_s,peak_decel_g,peak_lat_g,speed_before_mps,speed_after_mps,autopilot_state,lat,lon,verdict,intervened,"
    + "critical,note,fsd_version"

  var csvLine: String {
    let text = CSVField.text
    return [text(id), kind.rawValue, text(severity?.rawValue), text(cause?.rawValue), initiator.rawValue, source.rawValue,
            text(confidence), onset, peak, end,
            text(peak_local), text(drive_id), text(clip), text(offset_s), text(peak_decel_g), text(peak_lat_g),
            text(speed_before_mps), text(speed_after_mps), text(autopilot_state?.rawValue), text(lat), text(lon), verdict.rawValue,
            intervened ? "1" : "0", critical ? "1" : "0", text(note), text(fsd_version)].joined(separator: ",")
  }
}
