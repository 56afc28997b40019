import FSDTelemetry
import Foundation
import XCTest

/// Issue 4's bad CSV input, each case: a clear message naming file, line and column, no crash,
/// and nothing else lost.
final class CSVBadInputTests: XCTestCase {
  let header =
    "time,speed_mps,accel_long_mps2,accel_lat_mps2,brake,accelerator,steering_deg,autopilot,lat,lon,heading_deg"

  /// `count` canonical rows a second apart from 2026-11-02T16:14:31Z, 20 m/s.
  func rows(_ count: Int, from start: Int = 0) -> [String] {
    (start..<(start + count)).map {
      "\(1_793_636_071 + $0),20.000,0.000,0.000,0,0.000,0.0,SELF_DRIVING,37.3947,-122.1503,90.00"
    }
  }

  func csv(_ lines: [String]) -> String { ([header] + lines).joined(separator: "\n") + "\n" }

  // MARK: missing required column

  func testMissingRequiredColumnNamesFileDialectAndColumn() throws {
    let text = "time,accel_long_mps2,brake\n2026-11-02T16:14:31Z,0,0\n"
    let problem = try XCTUnwrap(CSVFixtures.problem(text, path: "drive.csv"))
    XCTAssertEqual(problem.path, "drive.csv")
    XCTAssertEqual(problem.line, 1)
    XCTAssertEqual(problem.column, "speed_mps")
    XCTAssertTrue(
      problem.description.hasPrefix(
        "drive.csv:1: column 'speed_mps': missing from the header, and a fsdlog "
          + "canonical CSV needs it (required: time, speed_mps; "), problem.description)
    let track = try XCTUnwrap(CSVFixtures.problem("Lap,Speed (MPH),Throttle Position (%)\n1,30,0\n", path: "t.csv"))
    XCTAssertTrue(
      track.description.hasPrefix(
        "t.csv:1: column 'Elapsed Time (ms)': missing from the header, and a Tesla "
          + "Track Mode CSV needs it"), track.description)
    let tessie = try XCTUnwrap(CSVFixtures.problem("Latitude,Longitude,Speed (mph),Odometer (mi)\n1,2,3,4\n"))
    XCTAssertEqual(tessie.column, "Timestamp")
    XCTAssertTrue(tessie.description.contains("Tessie drive export"), tessie.description)
  }

  func testAMisspeltUnitSuffixIsPointedOut() throws {
    let problem = try XCTUnwrap(CSVFixtures.problem("time,speed_furlongs\n2026-11-02T16:14:31Z,3\n"))
    XCTAssertEqual(problem.column, "speed_mps")
    XCTAssertTrue(
      problem.description.contains("'speed_furlongs' looks like it, but 'furlongs' is not a speed unit"),
      problem.description)
  }

  // MARK: garbage rows

  func testIsolatedGarbageRowsAreSkippedAndCounted() throws {
    var lines = rows(10)
    lines[2] = lines[2].replacingOccurrences(of: ",20.000,", with: ",abc,")  // line 4
    lines[4] = lines[4].replacingOccurrences(of: ",0,0.000,", with: ",0.000,")  // line 6: a comma missing
    lines[6] = "\u{1}\u{7F}garbage\"\u{0}"  // line 8
    lines[7] = lines[7].replacingOccurrences(of: "SELF_DRIVING", with: "WARP_DRIVE")  // line 9
    lines[8] = lines[8].replacingOccurrences(of: ",20.000,", with: ",nan,")  // line 10
    let file = try CSVFixtures.read(csv(lines), path: "drive.csv")
    XCTAssertEqual(file.series.samples.count, 5)
    XCTAssertEqual(file.dataRowCount, 10)
    XCTAssertEqual(file.skippedRows.map(\.line), [4, 6, 8, 9, 10])
    XCTAssertEqual(
      file.skippedRows[0].description, "drive.csv:4: column 'speed_mps': 'abc' is not a number; row skipped")
    XCTAssertEqual(
      file.skippedRows[1].description,
      "drive.csv:6: the row has 10 fields but the header has 11 (a comma too many or too few, or a cut-off "
        + "line); row skipped")
    XCTAssertTrue(
      file.skippedRows[2].description.hasPrefix("drive.csv:8: the row has 1 fields"), file.skippedRows[2].description)
    XCTAssertEqual(
      file.skippedRows[3].description,
      "drive.csv:9: column 'autopilot': 'WARP_DRIVE' is not an autopilot "
        + "state (NONE, SELF_DRIVING, AUTOSTEER, TACC); row skipped")
    XCTAssertEqual(
      file.skippedRows[4].description, "drive.csv:10: column 'speed_mps': 'nan' is not a number; row skipped")
    XCTAssertEqual(file.backwardRowCount, 0)
    XCTAssertEqual(file.summary, "drive.csv: fsdlog canonical CSV, 5 samples from 10 rows (5 unreadable rows skipped)")
  }

  func testImplausibleValuesAreBadRows() throws {
    var lines = rows(7)
    lines[0] = lines[0].replacingOccurrences(of: ",20.000,", with: ",1e308,")
    lines[1] = lines[1].replacingOccurrences(of: "37.3947", with: "97.5")
    lines[2] = lines[2].replacingOccurrences(of: ",0.000,0.0,", with: ",7.5,0.0,")  // accelerator 7.5 of 0…1
    let file = try CSVFixtures.read(csv(lines), path: "d.csv")
    XCTAssertEqual(file.series.samples.count, 4)
    XCTAssertEqual(file.skippedRows.map(\.column), ["speed_mps", "lat", "accelerator"])
    XCTAssertTrue(
      file.skippedRows[0].description.hasPrefix("d.csv:2: column 'speed_mps': '1e308' is out of range"),
      file.skippedRows[0].description)
  }

  func testMoreThanHalfTheRowsBadFailsWithTheFirstProblems() throws {
    var lines = rows(5)
    for index in [0, 1, 3] { lines[index] = lines[index].replacingOccurrences(of: ",20.000,", with: ",fast,") }
    let problem = try XCTUnwrap(CSVFixtures.problem(csv(lines), path: "d.csv"))
    XCTAssertEqual(problem.line, 2)
    XCTAssertTrue(
      problem.description.hasPrefix("d.csv:2: 3 of 5 data rows cannot be read, so the file is not used"),
      problem.description)
    XCTAssertTrue(
      problem.description.contains(
        "\n  d.csv:2: column 'speed_mps': 'fast' is not a number; row skipped\n"
          + "  d.csv:3: column 'speed_mps': 'fast' is not a number; row skipped\n"
          + "  d.csv:5: column 'speed_mps':"), problem.description)
  }

  func testAnUnclosedQuoteCostsOneRow() throws {
    var lines = rows(6)
    lines[2] = "\"" + lines[2]  // line 4: the quote never closes
    let file = try CSVFixtures.read(csv(lines), path: "q.csv")
    XCTAssertEqual(file.series.samples.count, 5)
    XCTAssertEqual(
      file.skippedRows.map(\.description),
      ["q.csv:4: a quoted field opened on this line is never closed; row skipped"])
  }

  // MARK: wrong units in the header

  func testWrongButKnownUnitsAreConverted() throws {
    let kmh = try CSVFixtures.read("time,speed_kmh\n2026-11-02T16:14:31Z,60\n").series.samples[0]
    XCTAssertEqual(kmh.speedMPS!, 16.667, accuracy: 1e-3)
    let track = CSVFixtures.trackMode.replacingOccurrences(of: "Speed (MPH)", with: "Speed (km/h)")
    let converted = try CSVFixtures.read(track).series.samples[0]
    XCTAssertEqual(converted.speedMPS!, 37.28 / 3.6, accuracy: 1e-12)
  }

  func testUnknownUnitsAreErrorsNamingTheColumn() throws {
    let track = CSVFixtures.trackMode.replacingOccurrences(of: "Speed (MPH)", with: "Speed (furlongs/fortnight)")
    let problem = try XCTUnwrap(CSVFixtures.problem(track, path: "telemetry-v1.csv"))
    XCTAssertEqual(
      problem.description,
      "telemetry-v1.csv:1: column 'Speed (furlongs/fortnight)': unit 'furlongs/fortnight' "
        + "is not a speed unit fsdlog knows (m/s (mps), km/h (kmh, kph), mph, knots)")
    let bare = try XCTUnwrap(CSVFixtures.problem("time,speed\n2026-11-02T16:14:31Z,3\n", path: "c.csv"))
    XCTAssertTrue(
      bare.description.hasPrefix("c.csv:1: column 'speed': the header does not say the unit: name it speed_mps"),
      bare.description)
    let time = try XCTUnwrap(CSVFixtures.problem("time (fortnights),speed_mps\n1,3\n", path: "c.csv"))
    XCTAssertTrue(
      time.description.hasPrefix("c.csv:1: column 'time (fortnights)': unit 'fortnights' is neither a time zone"),
      time.description)
  }

  // MARK: non-monotonic time

  func testRowsGoingBackInTimeAreDroppedAndCounted() throws {
    var lines = rows(8)
    lines[4] = rows(1, from: 2)[0]  // line 6 repeats second 2, after second 3
    lines.swapAt(6, 7)  // line 8 (second 7) before line 9 (second 6)
    let file = try CSVFixtures.read(csv(lines), path: "t.csv")
    XCTAssertEqual(file.series.samples.map { $0.timeS - 1_793_636_071 }, [0, 1, 2, 3, 5, 7])
    XCTAssertEqual(file.backwardRowCount, 2)
    XCTAssertEqual(
      file.skippedRows.map(\.description),
      [
        "t.csv:6: column 'time': the time goes back 1.000 s from line 5's; row dropped",
        "t.csv:9: column 'time': the time goes back 1.000 s from line 8's; row dropped",
      ])
    XCTAssertTrue(file.summary.hasSuffix("(2 rows whose time goes backwards dropped)"), file.summary)
  }

  func testAFileWhoseTimeMostlyGoesBackwardsIsAnError() throws {
    let problem = try XCTUnwrap(CSVFixtures.problem(csv(rows(6).reversed()), path: "newest-first.csv"))
    XCTAssertEqual(problem.line, 3)
    XCTAssertEqual(problem.column, "time")
    XCTAssertTrue(
      problem.description.hasPrefix("newest-first.csv:3: column 'time': the time goes backwards on 5 of 6 rows"),
      problem.description)
    XCTAssertTrue(problem.description.hasSuffix("sort the file by time, oldest first"), problem.description)
  }

  func testTrackModeLapsGoingBackAreDropped() throws {
    let text = """
      Lap,Elapsed Time (ms),Speed (MPH)
      1,0,30
      1,100,30
      2,0,30
      1,200,30
      2,100,30
      2,50,30

      """
    let file = try CSVFixtures.read(text, path: "telemetry-v1-x.csv")
    XCTAssertEqual(file.series.samples.map(\.timeS), [0, 0.1, 0.2, 0.3], accuracy: 1e-9)
    XCTAssertEqual(
      file.skippedRows.map(\.description),
      [
        "telemetry-v1-x.csv:5: column 'Elapsed Time (ms)': the time goes backwards (lap 1 comes after lap 2); row dropped",
        "telemetry-v1-x.csv:7: column 'Elapsed Time (ms)': the time goes back 0.050 s from line 6's; row dropped",
      ])
  }

  // MARK: zone-less timestamps

  func testAZoneLessTimeIsAnErrorSayingWhatToDo() throws {
    let text = "time,speed_mps\n2026-11-02T08:14:31,20\n"
    let problem = try XCTUnwrap(CSVFixtures.problem(text, path: "naive.csv"))
    XCTAssertEqual(problem.line, 2)
    XCTAssertEqual(problem.column, "time")
    XCTAssertEqual(
      problem.description,
      "naive.csv:2: column 'time': '2026-11-02T08:14:31' has no time zone, so fsdlog "
        + "cannot tell when it was: write times with their zone (2026-11-02T08:14:31-08:00, or a Z for UTC), "
        + "name the zone in the header (time (PDT)), or tell fsdlog which zone the logger used")
    let tessie = "Timestamp,Speed (mph)\n2026-11-02 08:14:31,20\n"
    XCTAssertEqual(
      CSVFixtures.problem(tessie, path: "tessie.csv")?.description.prefix(46),
      "tessie.csv:2: column 'Timestamp': '2026-11-02 ")
  }

  func testAZoneGivenByTheCallerOrTheHeaderIsUsed() throws {
    let text = "time,speed_mps\n2026-11-02T08:14:31,20\n"
    let given = try CSVFixtures.read(text, zone: TimeZone(identifier: "America/Los_Angeles")!).series.samples[0]
    XCTAssertEqual(given.timeS, CSVFixtures.epoch("2026-11-02T16:14:31Z"))
    let header = try CSVFixtures.read("time (PST),speed_mps\n2026-11-02T08:14:31,20\n").series.samples[0]
    XCTAssertEqual(header.timeS, CSVFixtures.epoch("2026-11-02T16:14:31Z"))
    let berlin = try CSVFixtures.read("time (Europe/Berlin),speed_mps\n2026-07-02T08:14:31,20\n").series.samples[0]
    XCTAssertEqual(berlin.timeS, CSVFixtures.epoch("2026-07-02T06:14:31Z"))
    let explicit = try CSVFixtures.read(
      "time,speed_mps\n2026-11-02T08:14:31-08:00,20\n",
      zone: TimeZone(identifier: "Asia/Tokyo")!
    ).series.samples[0]
    XCTAssertEqual(explicit.timeS, CSVFixtures.epoch("2026-11-02T16:14:31Z"), "a zone in the value wins")
  }

  func testBadTimesAreBadRows() throws {
    var lines = rows(6)
    lines[1] = lines[1].replacingOccurrences(of: "1793636072", with: "2026-02-30T10:00:00Z")
    lines[2] = lines[2].replacingOccurrences(of: "1793636073", with: "1793636073000")
    lines[3] = lines[3].replacingOccurrences(of: "1793636074", with: "")
    let file = try CSVFixtures.read(csv(lines), path: "t.csv")
    XCTAssertEqual(
      file.skippedRows.map(\.description),
      [
        "t.csv:3: column 'time': '2026-02-30T10:00:00Z' is not a time (expected ISO 8601 such as 2026-11-02T16:14:31Z, or "
          + "Unix seconds); row skipped",
        "t.csv:4: column 'time': '1793636073000' is not a plausible Unix time in seconds (if these are milliseconds, name "
          + "the column time_ms); row skipped",
        "t.csv:5: column 'time': the time is empty; row skipped",
      ])
  }

  /// The hint names the next smaller unit for the column as written: a `time_ms` column holding
  /// microseconds is told to be `time_us` (it used to be told `time_ms_ms`), `Time (s)` → `Time (ms)`.
  func testTooLargeTimeHintRenamesTheColumnsOwnUnit() throws {
    let milliseconds = "time_ms,speed_mps\n1793636071000,1\n1793636072000000,1\n1793636073000,1\n1793636074000,1\n"
    let file = try CSVFixtures.read(milliseconds, path: "ms.csv")
    XCTAssertEqual(
      file.skippedRows.map(\.description),
      ["ms.csv:3: column 'time_ms': '1793636072000000' is not a plausible Unix time in seconds (if these are "
        + "microseconds, name the column time_us); row skipped"])
    let seconds = "Time (s),speed_mps\n1793636071,1\n1793636072000,1\n1793636073,1\n1793636074,1\n"
    XCTAssertEqual(
      try CSVFixtures.read(seconds, path: "s.csv").skippedRows.map(\.description),
      ["s.csv:3: column 'Time (s)': '1793636072000' is not a plausible Unix time in seconds (if these are "
        + "milliseconds, name the column Time (ms)); row skipped"])
  }

  // MARK: empty, header only, unknown, unreadable

  func testEmptyAndHeaderOnlyFiles() throws {
    XCTAssertEqual(
      CSVFixtures.problem("", path: "e.csv")?.description,
      "e.csv:1: the file is empty: a telemetry CSV starts with a header line such as "
        + "'time,speed_mps,accel_long_mps2,accel_lat_mps2,brake,accelerator,steering_deg,autopilot,lat,lon,"
        + "heading_deg' (docs/csv.md)")
    XCTAssertTrue(
      CSVFixtures.problem("\n\n  \n", path: "e.csv")?.description.hasPrefix("e.csv:1: the file is empty") == true)
    XCTAssertEqual(
      CSVFixtures.problem(header + "\n", path: "h.csv")?.description,
      "h.csv:1: the file has a header but no data rows")
    XCTAssertEqual(
      CSVFixtures.problem(header + "\n\n\n", path: "h.csv")?.description,
      "h.csv:1: the file has a header but no data rows")
  }

  func testAnUnknownHeader() throws {
    let problem = try XCTUnwrap(CSVFixtures.problem("foo,bar\n1,2\n", path: "u.csv"))
    XCTAssertEqual(problem.line, 1)
    XCTAssertTrue(
      problem.description.hasPrefix("u.csv:1: the header matches none of the telemetry CSVs fsdlog reads"),
      problem.description)
    XCTAssertTrue(problem.description.hasSuffix("Found: 'foo,bar'"), problem.description)
  }

  func testUTF16AndMissingFiles() throws {
    var utf16 = Data([0xFF, 0xFE])
    utf16.append(header.data(using: .utf16LittleEndian)!)
    XCTAssertThrowsError(try CSVTelemetryReader.read(data: utf16, path: "w.csv")) { error in
      XCTAssertEqual("\(error)", "w.csv:1: the file is UTF-16 text: save it as UTF-8 (\"CSV UTF-8\")")
    }
    XCTAssertThrowsError(try CSVTelemetryReader.read(path: "/nonexistent/drive.csv")) { error in
      XCTAssertEqual("\(error)", "/nonexistent/drive.csv: the file does not exist")
    }
  }

  // MARK: tolerated

  func testBOMCRLFAndSloppyHeaderNames() throws {
    let text =
      "\u{FEFF} Time , SPEED_MPS ,Autopilot\r\n2026-11-02T16:14:31Z, 20.5 ,self_driving\r\n\r\n"
      + "2026-11-02T16:14:32Z,21,\"TACC\"\r\n"
    let file = try CSVFixtures.read(text)
    XCTAssertEqual(file.dialect, .canonical)
    XCTAssertEqual(file.series.samples.map(\.speedMPS), [20.5, 21])
    XCTAssertEqual(file.series.samples.map(\.autopilot), [.selfDriving, .tacc])
    XCTAssertEqual(file.skippedRows, [])
  }
}
