import XCTest

@testable import FSDDiscovery

final class LocalDateTimeTests: XCTestCase {
  func testValidatesRanges() {
    XCTAssertNotNil(LocalDateTime(year: 2026, month: 12, day: 31, hour: 23, minute: 59, second: 59))
    XCTAssertNil(LocalDateTime(year: 2026, month: 13, day: 1, hour: 0, minute: 0, second: 0))
    XCTAssertNil(LocalDateTime(year: 2026, month: 0, day: 1, hour: 0, minute: 0, second: 0))
    XCTAssertNil(LocalDateTime(year: 2026, month: 4, day: 31, hour: 0, minute: 0, second: 0))
    XCTAssertNil(LocalDateTime(year: 2026, month: 1, day: 1, hour: 24, minute: 0, second: 0))
    XCTAssertNil(LocalDateTime(year: 2026, month: 1, day: 1, hour: 0, minute: 60, second: 0))
    XCTAssertNil(LocalDateTime(year: 2026, month: 1, day: 1, hour: 0, minute: 0, second: 60))
  }

  func testLeapYears() {
    XCTAssertNotNil(LocalDateTime(year: 2024, month: 2, day: 29, hour: 0, minute: 0, second: 0))
    XCTAssertNil(LocalDateTime(year: 2026, month: 2, day: 29, hour: 0, minute: 0, second: 0))
    XCTAssertNil(LocalDateTime(year: 2100, month: 2, day: 29, hour: 0, minute: 0, second: 0))
    XCTAssertNotNil(LocalDateTime(year: 2000, month: 2, day: 29, hour: 0, minute: 0, second: 0))
  }

  func testParsesISOAndPrintsTheSame() throws {
    let time = try XCTUnwrap(LocalDateTime(iso: "2026-03-25T14:19:52"))
    XCTAssertEqual([time.year, time.month, time.day, time.hour, time.minute, time.second], [2026, 3, 25, 14, 19, 52])
    XCTAssertEqual(time.description, "2026-03-25T14:19:52")
  }

  func testIgnoresFractionAndAcceptsSpace() {
    XCTAssertEqual(LocalDateTime(iso: "2026-03-25T14:19:52.123")?.description, "2026-03-25T14:19:52")
    XCTAssertEqual(LocalDateTime(iso: "2026-03-25 14:19:52")?.description, "2026-03-25T14:19:52")
  }

  func testRejectsMalformedISO() {
    for text in [
      "", "2026-03-25", "2026-03-25T14:19", "2026-13-25T14:19:52", "2026-03-25T14:19:52Z",
      "2026-03-25T14:19:52+01:00", "2026-03-25T14:19:52.", "2026-+3-25T14:19:52", "2026/03/25T14:19:52",
    ] {
      XCTAssertNil(LocalDateTime(iso: text), text)
    }
  }

  func testSecondsSinceEpochIgnoringZone() throws {
    let epoch = LocalDateTime(year: 1970, month: 1, day: 1, hour: 0, minute: 0, second: 0)
    XCTAssertEqual(epoch?.secondsSinceEpochIgnoringZone, 0)
    // Cross-checked against Foundation in UTC so the calendar arithmetic cannot drift.
    var calendar = Calendar(identifier: .gregorian)
    calendar.timeZone = TimeZone(identifier: "UTC")!
    for iso in ["2026-03-25T14:19:52", "2024-02-29T23:59:59", "1999-12-31T00:00:01", "2100-03-01T12:00:00"] {
      let time = try XCTUnwrap(LocalDateTime(iso: iso))
      let components = DateComponents(
        year: time.year, month: time.month, day: time.day, hour: time.hour, minute: time.minute, second: time.second)
      let expected = Int64(try XCTUnwrap(calendar.date(from: components)).timeIntervalSince1970)
      XCTAssertEqual(time.secondsSinceEpochIgnoringZone, expected, iso)
    }
  }

  func testOrdering() throws {
    let earlier = try XCTUnwrap(LocalDateTime(iso: "2026-03-25T14:19:52"))
    let later = try XCTUnwrap(LocalDateTime(iso: "2026-03-25T14:20:01"))
    let nextYear = try XCTUnwrap(LocalDateTime(iso: "2027-01-01T00:00:00"))
    XCTAssertLessThan(earlier, later)
    XCTAssertLessThan(later, nextYear)
    XCTAssertFalse(later < earlier)
    XCTAssertEqual(earlier, LocalDateTime(iso: "2026-03-25T14:19:52.9"))
  }
}
