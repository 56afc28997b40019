import Foundation
import XCTest

@testable import FSDTelemetry

/// `FirmwareHistoryReader` on files in TeslaMate's and TeslaFi's real layouts
/// (Tests/Fixtures/FirmwareHistory; where the layouts come from is in the reader's comment).
final class FirmwareHistoryReaderTests: XCTestCase {
  static let fixtures = URL(fileURLWithPath: #filePath)
    .deletingLastPathComponent().deletingLastPathComponent().appendingPathComponent("Fixtures/FirmwareHistory")
  static func fixture(_ name: String) -> String { fixtures.appendingPathComponent(name).path }
  static let berlin = TimeZone(identifier: "Europe/Berlin")!
  static let losAngeles = TimeZone(identifier: "America/Los_Angeles")!

  private func days(_ history: FirmwareHistory) -> [String] { history.installs.map { "\($0.version) \($0.sinceLocal)" } }

  // MARK: Detection

  func testDetectsEachFormatFromItsRealHeader() throws {
    XCTAssertEqual(FirmwareHistoryReader.detect(header: ["id", "start_date", "end_date", "version", "car_id"]), .teslamate)
    let teslaFiHeader = try String(contentsOfFile: Self.fixture("TeslaFi52024.csv"), encoding: .utf8)
      .split(separator: "\n")[0].split(separator: ",").map(String.init)
    XCTAssertEqual(teslaFiHeader.count, 145)
    XCTAssertEqual(FirmwareHistoryReader.detect(header: teslaFiHeader), .teslafi)
    XCTAssertEqual(FirmwareHistoryReader.detect(header: ["\u{FEFF}Date ", " CAR_VERSION"]), .teslafi, "BOM, case, spaces")
    XCTAssertNil(FirmwareHistoryReader.detect(header: ["time", "speed_mps", "version"]))
  }

  // MARK: TeslaMate

  func testTeslaMateVersionsCountFromTheCarLocalDayTheirInstallationFinished() throws {
    let berlin = try FirmwareHistoryReader.read(path: Self.fixture("teslamate-updates.csv"), zone: Self.berlin)
    XCTAssertEqual(berlin.source, .teslamate)
    XCTAssertEqual(berlin.zone, "Europe/Berlin")
    // 23:20 UTC on 2 April is 01:20 on 3 April in Berlin (CEST); 00:12 UTC on 19 May stays the 19th.
    XCTAssertEqual(days(berlin), ["2024.2.7 2024-02-10", "2024.8.9 2024-04-03", "2024.14.9 2024-05-19", "2024.20.9 2024-07-03"])
    XCTAssertEqual(berlin.installs.map(\.line), [2, 3, 4, 6])
    XCTAssertEqual(berlin.skipped, [FirmwareSkippedRows(reason: "no version (TeslaMate had not recorded one)", rows: 1, firstLine: 5)])

    // The same rows in California: 00:12 UTC on 19 May is the evening of the 18th.
    let california = try FirmwareHistoryReader.read(path: Self.fixture("teslamate-updates.csv"), zone: Self.losAngeles)
    XCTAssertEqual(days(california), ["2024.2.7 2024-02-10", "2024.8.9 2024-04-02", "2024.14.9 2024-05-18", "2024.20.9 2024-07-03"])
  }

  func testTeslaMateTimesAsPsqlPrintsThem() throws {
    let utc = TimeZone(identifier: "UTC")!
    func day(_ text: String) -> String? {
      FirmwareHistoryReader.utcTimestamp(Substring(text)).map { FirmwareHistoryReader.day(of: $0, in: utc) }
    }
    XCTAssertEqual(day("2024-05-19 00:12:09"), "2024-05-19")
    XCTAssertEqual(day("2024-05-19 00:12:09.877123"), "2024-05-19")
    XCTAssertEqual(day("2024-05-19T00:12:09Z"), "2024-05-19")
    XCTAssertEqual(day("2024-05-19 00:12:09.877+00"), "2024-05-19")
    XCTAssertEqual(day("2024-05-19 00:12:09+02"), "2024-05-18", "timestamptz printed in a +02 session")
    XCTAssertEqual(day("2024-05-18 20:12:09-05:30"), "2024-05-19")
    XCTAssertEqual(
      FirmwareHistoryReader.utcTimestamp("2024-05-19 00:12:09.5")!.timeIntervalSince1970,
      FirmwareHistoryReader.utcTimestamp("2024-05-19T00:12:09Z")!.timeIntervalSince1970 + 0.5)
    for bad in ["2024-05-19", "2024-13-19 00:12:09", "2024-02-30 00:12:09", "19/05/2024 00:12:09", "2024-05-19 00:12"] {
      XCTAssertNil(FirmwareHistoryReader.utcTimestamp(Substring(bad)), bad)
    }
  }

  func testTeslaMateWithSeveralCarsNeedsACarID() throws {
    let csv = """
      id,start_date,end_date,version,car_id
      1,2024-02-10 21:05:12,2024-02-10 21:31:40,2024.2.7 6a1c3f9c2b,1
      2,2024-02-12 10:00:00,2024-02-12 10:30:00,2024.2.6 1f2e3d4c5b,2
      3,2024-04-02 22:45:01,2024-04-02 23:20:08,2024.8.9 c3f5d7a01e,1

      """
    XCTAssertThrowsError(try FirmwareHistoryReader.read(data: Data(csv.utf8), path: "updates.csv", zone: Self.berlin)) {
      XCTAssertEqual("\($0)", "updates.csv: holds the updates of several cars (car_id 1, 2): choose one with --car-id")
    }
    let second = try FirmwareHistoryReader.read(data: Data(csv.utf8), path: "updates.csv", zone: Self.berlin, carID: 2)
    XCTAssertEqual(days(second), ["2024.2.6 2024-02-12"])
    XCTAssertThrowsError(try FirmwareHistoryReader.read(data: Data(csv.utf8), path: "updates.csv", zone: Self.berlin, carID: 3)) {
      XCTAssertEqual("\($0)", "updates.csv: holds no update of car_id 3 (it has 1, 2)")
    }
  }

  // MARK: TeslaFi

  func testTeslaFiVersionsCountFromTheFirstDayARowShowsThem() throws {
    // The zone is not used: TeslaFi's dates are the account's local time already.
    let history = try FirmwareHistoryReader.read(path: Self.fixture("TeslaFi52024.csv"), zone: Self.losAngeles)
    XCTAssertEqual(history.source, .teslafi)
    XCTAssertNil(history.zone)
    XCTAssertEqual(days(history), ["2024.8.9 2024-05-17", "2024.14.9 2024-05-19"])
    XCTAssertEqual(history.installs.map(\.line), [2, 7])
    XCTAssertEqual(history.repeatedRows, 4)
    XCTAssertEqual(
      history.skipped,
      [FirmwareSkippedRows(reason: "no car_version (TeslaFi polls the car asleep or offline without one)", rows: 2, firstLine: 4)])
  }

  func testTeslaFiDatesInTheFormsTeslaMatesImporterReads() {
    XCTAssertEqual(FirmwareHistoryReader.localDay("2016-07-01 00:00:35"), "2016-07-01")
    XCTAssertEqual(FirmwareHistoryReader.localDay("7/1/2016 12:00:35 AM"), "2016-07-01")
    XCTAssertEqual(FirmwareHistoryReader.localDay("12/31/2023 23:59"), "2023-12-31")
    XCTAssertNil(FirmwareHistoryReader.localDay("31/12/2023 23:59"), "day first is not TeslaFi's")
    XCTAssertNil(FirmwareHistoryReader.localDay("2023-02-29 10:00:00"))
    XCTAssertNil(FirmwareHistoryReader.localDay("yesterday"))
  }

  func testOutOfOrderRowsKeepTheEarliestDay() throws {
    let csv = """
      data_id,Date,car_version
      3,2024-06-02 09:00:00,2024.20.9 e6ee4dbfd1
      1,2024-05-30 09:00:00,2024.20.9 e6ee4dbfd1
      2,6/1/2024 8:00:00 AM,None

      """
    let history = try FirmwareHistoryReader.read(data: Data(csv.utf8), path: "TeslaFi62024.csv", zone: Self.berlin)
    XCTAssertEqual(days(history), ["2024.20.9 2024-05-30"])
    XCTAssertEqual(history.installs.first?.line, 3)
    XCTAssertEqual(history.skipped.map(\.rows), [1], "TeslaFi's None is no version")
  }

  // MARK: Bad input

  func testAFileThatCannotBeReadWholeNamesFileLineAndColumn() throws {
    XCTAssertThrowsError(
      try FirmwareHistoryReader.read(path: Self.fixture("teslamate-updates-bad-date.csv"), zone: Self.berlin)
    ) { error in
      XCTAssertEqual(
        "\(error)",
        "\(Self.fixture("teslamate-updates-bad-date.csv")):3: column 'end_date': '2024-04-02 23:20' is not a time "
          + "such as 2024-05-01 10:22:33.123")
    }
    let cases: [(String, String)] = [
      ("data_id,Date,car_version\n1,2024-05-17 08:14:02,firmware\n",
       "x.csv:2: column 'car_version': 'firmware' is not a firmware version such as 2024.14.9"),
      ("data_id,Date,car_version\n1,2024-05-17 08:14:02,2024.8.9\n2,2024-05-17\n",
       "x.csv:3: the row has 2 fields, too few for the header's columns (a cut or broken row)"),
      ("data_id,Date,car_version\n1,17.05.2024 08:14,2024.8.9\n",
       "x.csv:2: column 'Date': '17.05.2024 08:14' is not a TeslaFi date such as 2016-07-01 00:00:35 or 7/1/2016 12:00:35 AM"),
      ("id,start_date,end_date,version,car_id\n1,2024-02-10 21:05:12,2024-02-10 21:31:40,\"2024.2.7 6a1c\n",
       "x.csv:2: the row cannot be read: a quoted field opened on this line is never closed"),
      ("time,speed_mps\n0,1\n",
       "x.csv:1: the header is neither TeslaMate's nor TeslaFi's: TeslaMate's updates table starts "
         + "'id,start_date,end_date,version,car_id', TeslaFi's data download 'data_id,Date,...' with a car_version column. "
         + "Found: 'time,speed_mps'"),
      ("", "x.csv:1: the file is empty: TeslaMate's updates table starts 'id,start_date,end_date,version,car_id', "
         + "TeslaFi's data download 'data_id,Date,...' with a car_version column"),
    ]
    for (csv, message) in cases {
      XCTAssertThrowsError(try FirmwareHistoryReader.read(data: Data(csv.utf8), path: "x.csv", zone: Self.berlin), csv) {
        XCTAssertEqual("\($0)", message)
      }
    }
  }

  func testAFormatGivenThatTheHeaderContradictsIsRefused() {
    XCTAssertThrowsError(
      try FirmwareHistoryReader.read(path: Self.fixture("TeslaFi52024.csv"), source: .teslamate, zone: Self.berlin)
    ) { error in
      XCTAssertEqual(
        "\(error)",
        "\(Self.fixture("TeslaFi52024.csv")):1: --from teslamate was given, but the header is TeslaFi's "
          + "(TeslaMate's has version and end_date)")
    }
    XCTAssertThrowsError(try FirmwareHistoryReader.read(path: "/nonexistent/updates.csv", zone: Self.berlin)) {
      XCTAssertEqual("\($0)", "/nonexistent/updates.csv: the file does not exist")
    }
  }
}
