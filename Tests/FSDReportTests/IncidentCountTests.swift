import FSDReport
import FSDStore
import XCTest

/// The statistics count a takeover once: its FSD maneuvers, its verdict and its critical
/// intervention are the incident's, however many of its events were detected or tagged.
final class IncidentCountTests: XCTestCase {
  // One drive with telemetry: 50 km of FSD in an hour.
  let drives = [Fixture.drive(1, "2026-10-03T08:00:00", hours: 1.2, fsdKm: 50, fsdHours: 1)]

  func october(_ events: [TaggedEvent]) throws -> PeriodTotals {
    try XCTUnwrap(TrustAggregator.totals(drives: drives, events: events, by: .month)["2026-10"])
  }

  func testATakeoverTaggedCriticalOnTwoEventsCountsOnce() throws {
    // FSD brakes (tagged phantom, critical, intervened), the driver disengages a second later and
    // overrides two seconds after that; the disengagement was tagged critical + intervened too.
    let totals = try october([
      Fixture.event(1, drive: 1, "2026-10-03T08:10:00", verdict: .phantom, critical: true, intervened: true),
      Fixture.event(2, drive: 1, "2026-10-03T08:10:01", kind: .disengagement, initiator: .driver,
                    critical: true, intervened: true),
      Fixture.event(3, drive: 1, "2026-10-03T08:10:03", kind: .override, initiator: .driver),
    ])
    XCTAssertEqual(totals.events, 3, "events are still events")
    XCTAssertEqual(totals.incidents, 1)
    XCTAssertEqual(totals.criticalInterventions, 1, "one takeover, one critical intervention")
    XCTAssertEqual(totals.criticalOnMeasuredDrives, 1)
    XCTAssertEqual([totals.fsdManeuvers, totals.phantom, totals.phantomOnMeasuredDrives], [1, 1, 1])
    XCTAssertEqual(totals.fsdDrivesWithPhantom, 1)
    let figures = TrustFigures(totals: totals, units: .metric)
    XCTAssertEqual(try XCTUnwrap(figures.distancePerCritical), 50, accuracy: 1e-9, "50 km per critical intervention, not 25")
  }

  func testTwoFSDManeuversInOneIncidentAreOneManeuver() throws {
    // FSD brakes and swerves around the same shadow: both tagged phantom the old way.
    let totals = try october([
      Fixture.event(1, drive: 1, "2026-10-03T08:10:00", verdict: .phantom),
      Fixture.event(2, drive: 1, "2026-10-03T08:10:02", kind: .swerve, verdict: .phantom),
    ])
    XCTAssertEqual([totals.fsdManeuvers, totals.phantom, totals.phantomOnMeasuredDrives, totals.decided], [1, 1, 1, 1])
    XCTAssertEqual(try XCTUnwrap(TrustFigures(totals: totals, units: .metric).phantomPer1000).value, 20, accuracy: 1e-9,
                   "1 phantom in 50 km")
  }

  func testManeuversBeyondTheGapOrOnAnotherDriveCountApart() throws {
    let gapS = IncidentRule.joiningGapS
    XCTAssertLessThan(gapS, 10)
    let totals = try october([
      Fixture.event(1, drive: 1, "2026-10-03T08:10:00", verdict: .phantom),
      Fixture.event(2, drive: 1, "2026-10-03T08:10:10", verdict: .justified),
      Fixture.event(3, drive: nil, "2026-10-03T08:10:11", verdict: .justified),
    ])
    XCTAssertEqual([totals.incidents, totals.fsdManeuvers, totals.phantom, totals.justified], [3, 3, 1, 2])
  }

  func testOldTagsOnADisengagementMapOntoTheIncident() throws {
    // Before incidents the driver tagged the disengagement, not the FSD brake before it.
    let totals = try october([
      Fixture.event(1, drive: 1, "2026-10-03T08:10:00"),
      Fixture.event(2, drive: 1, "2026-10-03T08:10:01", kind: .disengagement, initiator: .driver,
                    verdict: .justified, critical: true, intervened: true),
    ])
    XCTAssertEqual(totals.criticalInterventions, 1, "its flags still count")
    XCTAssertEqual([totals.fsdManeuvers, totals.untagged, totals.justified], [1, 1, 0],
                   "a verdict on the driver's action judges no FSD maneuver (it never did)")
    XCTAssertEqual(totals.eventsByVerdict, [.verdict(.justified): 1, .untagged: 1], "each event keeps its own tag")
  }
}
