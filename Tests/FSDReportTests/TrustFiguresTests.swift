import FSDReport
import FSDStore
import XCTest

/// The trust figures of hand-made months, each checked against arithmetic done by hand.
final class TrustFiguresTests: XCTestCase {
  // October: two drives with telemetry (50 km in 1 h and 30 km in 0.5 h of FSD), one vision-only
  // drive; phantom brakes on drive 1 and on the vision-only drive, a justified one, an untagged
  // one, and a driver disengagement tagged critical + intervened.
  let drives = [
    Fixture.drive(1, "2026-10-03T08:00:00", hours: 1.2, fsdKm: 50, fsdHours: 1),
    Fixture.drive(2, "2026-10-10T17:00:00", hours: 0.6, fsdKm: 30, fsdHours: 0.5),
    Fixture.drive(3, "2026-10-20T09:00:00", hours: 0.25),
    // November: telemetry, but FSD never engaged.
    Fixture.drive(4, "2026-11-05T12:00:00", hours: 1, fsdKm: 0, fsdHours: 0, manualKm: 40),
  ]
  let events = [
    Fixture.event(1, drive: 1, "2026-10-03T08:10:00", verdict: .phantom),
    Fixture.event(2, drive: 1, "2026-10-03T08:20:00", verdict: .justified),
    Fixture.event(3, drive: 3, "2026-10-20T09:05:00", kind: .swerve, verdict: .phantom),
    Fixture.event(4, drive: 2, "2026-10-10T17:10:00", kind: .disengagement, initiator: .driver,
                  verdict: .justified, critical: true, intervened: true),
    Fixture.event(5, drive: 2, "2026-10-10T17:20:00"),
  ]

  func testMonthTotalsCountDrivesEventsAndVerdicts() throws {
    let months = TrustAggregator.totals(drives: drives, events: events, by: .month)
    XCTAssertEqual(Set(months.keys), ["2026-10", "2026-11"])
    let october = try XCTUnwrap(months["2026-10"])
    XCTAssertEqual(october.drives, 3)
    XCTAssertEqual(october.drivesWithTelemetry, 2)
    XCTAssertEqual(october.fsdDistanceM, 80_000)
    XCTAssertEqual(october.fsdTimeS, 5400)
    XCTAssertEqual(october.driveTimeS, 2.05 * 3600, accuracy: 1e-9)
    XCTAssertEqual(october.fsdDrives, 2)
    XCTAssertEqual(october.fsdDrivesWithPhantom, 1)
    XCTAssertEqual(october.events, 5)
    XCTAssertEqual(october.fsdManeuvers, 4)
    XCTAssertEqual([october.phantom, october.justified, october.unsure, october.untagged], [2, 1, 0, 1])
    XCTAssertEqual(october.phantomOnMeasuredDrives, 1, "the vision-only drive's phantom has no distance to divide by")
    XCTAssertEqual(october.criticalInterventions, 1)
    XCTAssertEqual(october.eventsByVerdict, [.verdict(.phantom): 2, .verdict(.justified): 2, .untagged: 1])
    XCTAssertEqual(october.eventsByKind, [.brake: 3, .swerve: 1, .disengagement: 1])
    XCTAssertEqual(october.eventsByInitiator, [.fsd: 4, .driver: 1])
  }

  func testMonthFiguresMetric() throws {
    let october = TrustFigures(totals: try XCTUnwrap(TrustAggregator.totals(drives: drives, events: events, by: .month)["2026-10"]),
                               units: .metric)
    XCTAssertTrue(october.distanceKnown)
    XCTAssertEqual(october.fsdDistance, 80)
    // 1 phantom on measured drives in 80 km: 12.5 per 1,000 km; in 1.5 h: 0.667 per hour.
    let per1000 = try XCTUnwrap(october.phantomPer1000)
    XCTAssertEqual(per1000.value, 12.5, accuracy: 1e-9)
    XCTAssertEqual(per1000.lower, 0.013072 / 0.08, accuracy: 1e-4)
    XCTAssertEqual(per1000.upper, 5.563756 / 0.08, accuracy: 1e-4)
    XCTAssertEqual(try XCTUnwrap(october.phantomPerFSDHour).value, 1 / 1.5, accuracy: 1e-9)
    XCTAssertNil(october.phantomPerDriveHour, "time-per-drive-hour is only for vision-only periods")
    XCTAssertEqual(try XCTUnwrap(october.distancePerPhantom), 80, accuracy: 1e-9)
    let share = try XCTUnwrap(october.justifiedShare)
    XCTAssertEqual(share.successes, 1)
    XCTAssertEqual(share.trials, 3)
    let noPhantom = try XCTUnwrap(october.drivesWithoutPhantom)
    XCTAssertEqual([noPhantom.successes, noPhantom.trials], [1, 2])
    XCTAssertEqual(try XCTUnwrap(october.distancePerCritical), 80, accuracy: 1e-9)
    XCTAssertTrue(october.isThin)
  }

  func testImperialRatesArePerThousandMiles() throws {
    let october = TrustFigures(totals: try XCTUnwrap(TrustAggregator.totals(drives: drives, events: events, by: .month)["2026-10"]),
                               units: .imperial)
    XCTAssertEqual(october.fsdDistance, 49.709695, accuracy: 1e-6)
    XCTAssertEqual(try XCTUnwrap(october.phantomPer1000).value, 20.1168, accuracy: 1e-4)
    XCTAssertEqual(try XCTUnwrap(october.distancePerPhantom), 49.709695, accuracy: 1e-6)
  }

  func testMonthWithoutFSDDistanceHasNoRates() throws {
    let november = TrustFigures(totals: try XCTUnwrap(TrustAggregator.totals(drives: drives, events: events, by: .month)["2026-11"]),
                                units: .metric)
    XCTAssertTrue(november.distanceKnown)
    XCTAssertEqual(november.fsdDistance, 0)
    XCTAssertNil(november.phantomPer1000)
    XCTAssertNil(november.phantomPerFSDHour)
    XCTAssertNil(november.distancePerPhantom)
    XCTAssertNil(november.justifiedShare)
    XCTAssertNil(november.drivesWithoutPhantom, "no drive had FSD engaged")
    XCTAssertNil(november.distancePerCritical)
    XCTAssertEqual(november.totals.manualDistanceM, 40_000)
  }

  func testVisionOnlyMonthGetsTimeBasedRateOnly() throws {
    let totals = TrustAggregator.totals(
      drives: [Fixture.drive(9, "2026-12-01T10:00:00", hours: 2)],
      events: [Fixture.event(9, drive: 9, "2026-12-01T10:30:00", verdict: .phantom)], by: .month)
    let december = TrustFigures(totals: try XCTUnwrap(totals["2026-12"]), units: .metric)
    XCTAssertFalse(december.distanceKnown)
    XCTAssertNil(december.phantomPer1000)
    XCTAssertNil(december.phantomPerFSDHour)
    XCTAssertEqual(try XCTUnwrap(december.phantomPerDriveHour).value, 0.5, accuracy: 1e-9)
  }

  func testThinDataThresholdIsTenDecidedManeuvers() {
    var totals = PeriodTotals()
    totals.phantom = 4
    totals.justified = 5
    totals.unsure = 7
    XCTAssertTrue(TrustFigures(totals: totals, units: .metric).isThin, "unsure does not count as decided")
    totals.justified = 6
    XCTAssertFalse(TrustFigures(totals: totals, units: .metric).isThin)
  }

  func testMonthRangeKeepsEmptyMonthsAndCrossesTheYear() {
    XCTAssertEqual(TrustAggregator.monthRange(["2027-01", "2026-10"]), ["2026-10", "2026-11", "2026-12", "2027-01"])
    XCTAssertEqual(TrustAggregator.monthRange([String]()), [])
  }

  func testVersionsAssignDaysToTheLatestReleaseOnOrBefore() {
    let timeline = VersionTimeline(steps: [("2026-11-01", "13.2.1"), ("2026-10-15", "12.5.6")])
    XCTAssertEqual(timeline.version(at: "2026-10-14T23:59:59"), VersionTimeline.unknown)
    XCTAssertEqual(timeline.version(at: "2026-10-15T00:00:00"), "12.5.6")
    XCTAssertEqual(timeline.version(at: "2026-10-31"), "12.5.6")
    XCTAssertEqual(timeline.version(at: "2026-11-20T08:00:00"), "13.2.1")
    XCTAssertEqual(timeline.orderedKeys, [VersionTimeline.unknown, "12.5.6", "13.2.1"])

    let byVersion = TrustAggregator.totals(drives: drives, events: events, by: .version(timeline))
    XCTAssertEqual(byVersion[VersionTimeline.unknown]?.drives, 2)
    XCTAssertEqual(byVersion["12.5.6"]?.drives, 1)
    XCTAssertEqual(byVersion["12.5.6"]?.phantom, 1)
    XCTAssertEqual(byVersion["13.2.1"]?.drives, 1)
  }
}
