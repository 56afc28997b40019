import Foundation
import XCTest

@testable import FSDTelemetry

/// The timestamp forms and zones the readers accept, against Foundation's own arithmetic.
final class CSVTimestampTests: XCTestCase {
  func parse(_ text: String) -> CSVTimestamp.Parsed? { CSVTimestamp.parse(Substring(text)) }

  func testISO8601() {
    let utc = CSVFixtures.epoch("2026-11-02T16:14:31Z")
    XCTAssertEqual(parse("2026-11-02T16:14:31Z"), .utc(utc))
    XCTAssertEqual(parse("2026-11-02t16:14:31.25z"), .utc(utc + 0.25))
    XCTAssertEqual(parse("2026-11-02 08:14:31-08:00"), .utc(utc))
    XCTAssertEqual(parse("2026-11-02T08:14:31 -0800"), .utc(utc))
    XCTAssertEqual(parse("2026-11-02T17:14:31+01"), .utc(utc))
    XCTAssertEqual(parse("2026-11-02T08:14:31 PST"), .utc(utc))
    XCTAssertEqual(parse("2026-11-02T16:14:31 UTC"), .utc(utc))
    XCTAssertEqual(parse("2026/11/02 16:14"), .local(utc - 31))
    XCTAssertEqual(parse("2026-11-02T16:14:31"), .local(utc))
  }

  func testUSForm() {
    let utc = CSVFixtures.epoch("2026-11-02T16:14:31Z")
    XCTAssertEqual(parse("11/2/2026 4:14:31 PM"), .local(utc))
    XCTAssertEqual(parse("11/02/2026, 16:14:31"), .local(utc))
    XCTAssertEqual(parse("11/2/2026 8:14:31 AM PST"), .utc(utc))
    XCTAssertEqual(parse("11/2/2026 12:00 AM"), .local(CSVFixtures.epoch("2026-11-02T00:00:00Z")))
    XCTAssertEqual(parse("11/2/2026 12:00 PM"), .local(CSVFixtures.epoch("2026-11-02T12:00:00Z")))
  }

  func testNotTimes() {
    for text in [
      "", "2026-11-02", "2026-13-02T00:00:00Z", "2026-02-29T00:00:00Z", "2026-11-02T24:00:00Z",
      "2026-11-02T10:60:00Z", "2026-11-02T10:00:00+19:00", "2026-11-02T10:00:00 Mars/Olympus",
      "2026-11-02T10:00:00.Z", "13/2/2026 10:00 PM", "11/2/2026 13:00 PM", "abc", "16:14:31",
    ] {
      XCTAssertNil(parse(text), text)
    }
    XCTAssertNotNil(parse("2028-02-29T00:00:00Z"), "a leap day")
  }

  func testCivilDaysAgreeWithFoundation() {
    var calendar = Calendar(identifier: .gregorian)
    calendar.timeZone = TimeZone(identifier: "UTC")!
    for (year, month, day) in [(1970, 1, 1), (2000, 2, 29), (1900, 3, 1), (2026, 11, 2), (2100, 12, 31), (1601, 1, 1)] {
      let date = calendar.date(from: DateComponents(year: year, month: month, day: day))!
      XCTAssertEqual(
        Double(CSVTimestamp.daysFromCivil(year: year, month: month, day: day)!) * 86_400,
        date.timeIntervalSince1970, "\(year)-\(month)-\(day)")
    }
  }

  func testZones() {
    XCTAssertEqual(CSVZone.parse("pdt"), .fixed(secondsEastOfUTC: -7 * 3600))
    XCTAssertEqual(CSVZone.parse("UTC-07:00"), .fixed(secondsEastOfUTC: -7 * 3600))
    XCTAssertEqual(CSVZone.parse("GMT+5:30"), .fixed(secondsEastOfUTC: 5 * 3600 + 1800))
    XCTAssertEqual(CSVZone.parse("+0545"), .fixed(secondsEastOfUTC: 5 * 3600 + 2700))
    XCTAssertEqual(CSVZone.parse("America/Denver"), .region(TimeZone(identifier: "America/Denver")!))
    XCTAssertNil(CSVZone.parse("ms"))
    XCTAssertNil(CSVZone.parse("+25"))
    // Across the 2026-03-08 spring-forward in Los Angeles: 01:30 is PST, 03:30 PDT.
    let pacific = CSVZone.region(TimeZone(identifier: "America/Los_Angeles")!)
    XCTAssertEqual(
      pacific.utcSeconds(fromLocal: CSVFixtures.epoch("2026-03-08T01:30:00Z")),
      CSVFixtures.epoch("2026-03-08T09:30:00Z"))
    XCTAssertEqual(
      pacific.utcSeconds(fromLocal: CSVFixtures.epoch("2026-03-08T03:30:00Z")),
      CSVFixtures.epoch("2026-03-08T10:30:00Z"))
  }

  func testFileNameStamps() {
    let tesla = CSVStartHint.localStart(fileName: "/x/2026-11-02_08-14-31-front.csv")
    XCTAssertEqual(tesla, DateComponents(year: 2026, month: 11, day: 2, hour: 8, minute: 14, second: 31))
    let openpilot = CSVStartHint.localStart(fileName: "a2a0ccea32023010|2026-07-04--09-05-59--3.csv")
    XCTAssertEqual(openpilot?.minute, 5)
    XCTAssertNil(CSVStartHint.localStart(fileName: "2026-11-02_25-14-31.csv"))
    XCTAssertNil(CSVStartHint.localStart(fileName: "2026-11-02_08-14-31/drive.csv"), "the last component only")
  }
}
