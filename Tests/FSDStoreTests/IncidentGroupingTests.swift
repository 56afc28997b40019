import FSDDomain
import FSDStore
import XCTest

/// Incidents from hand-made events: joined within the gap, split beyond it, per drive, and the
/// lead each is judged by (docs/statistics.md, "Incidents").
final class IncidentGroupingTests: XCTestCase {
  /// An event `onsetS` seconds after 16:14:40 UTC lasting `lengthS`, on `drive`.
  func event(_ id: Int64, _ kind: EventKind, _ initiator: Initiator, onsetS: Double, lengthS: Double = 1,
             drive: Int64? = 1, autopilot: AutopilotMode? = .selfDriving) -> EventRecord {
    func utc(_ seconds: Double) -> String {
      let whole = Int(seconds.rounded(.down)), millis = Int(((seconds - Double(whole)) * 1000).rounded())
      return String(format: "2026-11-02T16:%02d:%02d.%03dZ", 14 + (40 + whole) / 60, (40 + whole) % 60, millis)
    }
    var record = EventRecord(kind: kind, onsetUtc: utc(onsetS), peakUtc: utc(onsetS + lengthS / 2),
                             endUtc: utc(onsetS + lengthS), initiator: initiator, source: .telemetry, confidence: 1,
                             detectedAt: "2026-11-04T00:00:00.000Z")
    record.id = id
    record.driveId = drive
    record.autopilotState = autopilot
    return record
  }

  func ids(_ incidents: [Incident<EventRecord>]) -> [[Int64]] { incidents.map { $0.events.map { $0.id ?? 0 } } }

  func testATakeoverWithinTheGapIsOneIncidentLedByTheFSDManeuver() {
    // FSD brakes 0–1 s; the driver brakes at 1.5 s, FSD disengages at 1.6 s, the override at 4.0 s.
    let takeover = [
      event(3, .disengagement, .driver, onsetS: 1.6, lengthS: 0),
      event(1, .brake, .fsd, onsetS: 0),
      event(2, .brake, .driver, onsetS: 1.5),
      event(4, .override, .driver, onsetS: 4.0),
    ]
    let incidents = Incident.group(takeover)
    XCTAssertEqual(ids(incidents), [[1, 2, 3, 4]], "members by onset")
    XCTAssertEqual(incidents[0].lead.id, 1)
    XCTAssertTrue(incidents[0].isFSDManeuver && incidents[0].asksVerdict && incidents[0].isTakeover)
    XCTAssertEqual(incidents[0].others.map(\.id), [2, 3, 4])
  }

  func testTheGapIsMeasuredFromTheIncidentsEndAndSplitsBeyondIt() {
    let gap = IncidentRule.joiningGapS
    // A long brake (0–6 s): an override 4.9 s after its end still joins, one 5.1 s after the
    // override's end does not.
    let events = [
      event(1, .brake, .fsd, onsetS: 0, lengthS: 6),
      event(2, .override, .driver, onsetS: 6 + gap - 0.1, lengthS: 1),
      event(3, .brake, .fsd, onsetS: 6 + gap - 0.1 + 1 + gap + 0.1),
    ]
    XCTAssertEqual(ids(Incident.group(events)), [[1, 2], [3]])
  }

  func testIncidentsArePerDrive() {
    // The same moment on two drives (two cars, or two databases merged): never one incident.
    let events = [event(1, .brake, .fsd, onsetS: 0, drive: 1), event(2, .disengagement, .driver, onsetS: 0.5, drive: 2),
                  event(3, .brake, .fsd, onsetS: 0.2, drive: nil)]
    XCTAssertEqual(ids(Incident.group(events)), [[1], [3], [2]], "by first onset; no drive: alone")
  }

  func testTheLeadIsTheFSDManeuverElseACarManeuverElseTheFirstEvent() {
    // Two FSD maneuvers: the first leads, and the incident is one FSD maneuver.
    var incident = Incident.group([event(1, .swerve, .fsd, onsetS: 0), event(2, .brake, .fsd, onsetS: 0.5)])[0]
    XCTAssertEqual(incident.lead.id, 1)
    XCTAssertFalse(incident.isTakeover, "no driver action: not an intervention by default")
    // The camera alone (initiator unknown) after the driver's brake: the camera's brake is judged.
    incident = Incident.group([event(1, .brake, .driver, onsetS: 0), event(2, .brake, .unknown, onsetS: 0.5)])[0]
    XCTAssertEqual(incident.lead.id, 2)
    XCTAssertTrue(incident.asksVerdict && !incident.isFSDManeuver)
    // The driver's brake and the disengagement: the driver's own action, first event leads, no verdict.
    incident = Incident.group([event(2, .disengagement, .driver, onsetS: 0.1, lengthS: 0), event(1, .brake, .driver, onsetS: 0)])[0]
    XCTAssertEqual(incident.lead.id, 1)
    XCTAssertFalse(incident.asksVerdict || incident.isFSDManeuver)
    XCTAssertTrue(incident.isTakeover)
    // A driver's brake with the assistance off is no takeover.
    incident = Incident.group([event(1, .brake, .driver, onsetS: 0, autopilot: AutopilotMode.none)])[0]
    XCTAssertFalse(incident.isTakeover || incident.asksVerdict)
  }

  func testOldTagsCombineOntoTheIncident() {
    let events = [event(1, .brake, .fsd, onsetS: 0), event(2, .disengagement, .driver, onsetS: 1, lengthS: 0),
                  event(3, .override, .driver, onsetS: 2)]
    func combined(_ states: [TagState]) -> TagState { IncidentRule.combined(states, events: events, leadIndex: 0) }
    // Tagged the old way: the disengagement critical + intervened, the override with a note.
    XCTAssertEqual(combined([.untagged, TagState(verdict: .justified, intervened: true, critical: true, note: "cut-in"),
                             TagState(verdict: .justified, note: "cut-in")]),
                   TagState(intervened: true, critical: true, note: "cut-in"),
                   "flags and notes count; a verdict on the driver's action judges no maneuver")
    XCTAssertEqual(combined([TagState(verdict: .phantom, note: "shadow"), TagState(critical: true), .untagged]),
                   TagState(verdict: .phantom, critical: true, note: "shadow"))
    // A verdict on a second FSD maneuver (tagged before incidents) is the incident's while the lead has none.
    let two = [event(1, .brake, .fsd, onsetS: 0), event(2, .swerve, .fsd, onsetS: 0.5)]
    XCTAssertEqual(IncidentRule.combined([.untagged, TagState(verdict: .phantom)], events: two, leadIndex: 0).verdict, .phantom)
  }
}
