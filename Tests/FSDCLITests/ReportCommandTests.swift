import Foundation
import XCTest

/// End to end with the real executable on the generated samples: verdicts given, FSD versions
/// recorded, then `fsdlog report`, `stats`, `fsd-version` and `export` read back.
final class ReportCommandTests: XCTestCase {
  static let samples = CLI.packageRoot.appendingPathComponent("samples").path
  var folder: URL!
  var database: String { folder.appendingPathComponent("fsdlog.sqlite").path }

  override func setUpWithError() throws {
    folder = try CLI.temporaryDirectory()
    let ingest = try IngestedOnce.copy([Self.samples + "/TeslaCam", Self.samples + "/telemetry/recent-no-sei.csv"],
                                       into: folder)
    XCTAssertEqual(ingest.status, 1, "the samples hold an unreadable clip on purpose")
  }

  override func tearDownWithError() throws { try? FileManager.default.removeItem(at: folder) }

  func fsdlog(_ arguments: [String]) throws -> CLI.Result {
    try CLI.fsdlog(arguments + ["--db", database])
  }

  /// The id of the event of `kind` whose clip path contains `clip`.
  func eventID(_ kind: String, clip: String) throws -> Int {
    let result = try fsdlog(["events", "--format", "json"])
    let events = try JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as! [[String: Any]]
    return try XCTUnwrap(events.first { $0["kind"] as? String == kind && ($0["clip"] as? String)?.contains(clip) == true }?["id"]
      as? Int)
  }

  func tagSamples() throws {
    let phantom = try eventID("brake", clip: "2026-11-02_08-14-31")
    let swerve = try eventID("swerve", clip: "2026-11-09_17-42-10")
    XCTAssertEqual(try fsdlog(["tag", "\(phantom)", "phantom", "--note", "overpass shadow, nothing there"]).status, 0)
    XCTAssertEqual(try fsdlog(["tag", "\(swerve)", "justified"]).status, 0)
  }

  func testReportWritesMarkdownAndHTMLForTheSampleMonth() throws {
    try tagSamples()
    XCTAssertEqual(try fsdlog(["fsd-version", "add", "13.2.9", "--since", "2026-11-05"]).status, 0)
    let out = folder.appendingPathComponent("reports").path
    let result = try fsdlog(["report", "--month", "2026-11", "--out", out])
    XCTAssertEqual(result.status, 0, result.stderr)
    XCTAssertTrue(result.stdout.contains("1 phantom, 1 justified"), result.stdout)
    XCTAssertTrue(result.stdout.contains("wrote"), result.stdout)
    let markdown = try String(contentsOfFile: out + "/fsdlog-2026-11.md", encoding: .utf8)
    XCTAssertTrue(markdown.contains("# FSD phantom-braking report · November 2026"))
    XCTAssertTrue(markdown.contains("Thin data"))
    XCTAssertTrue(markdown.contains("overpass shadow, nothing there"))
    XCTAssertTrue(markdown.contains("| 13.2.9 | 2026-11-05 |"), "the per-version table")
    XCTAssertTrue(markdown.contains("| unknown version |"), "drives before the first record")
    let html = try String(contentsOfFile: out + "/fsdlog-2026-11.html", encoding: .utf8)
    // The saved clips' thumb.png, and a frame decoded at the peak for the RecentClips brake.
    XCTAssertGreaterThanOrEqual(html.components(separatedBy: "src=\"data:image/png;base64,").count - 1, 3)
    XCTAssertTrue(html.contains("Front camera at the peak"))
    XCTAssertGreaterThanOrEqual(html.components(separatedBy: "<svg ").count - 1, 4, "two trends and the traces")
  }

  func testReportInImperialUnits() throws {
    let out = folder.appendingPathComponent("imperial").path
    XCTAssertEqual(try fsdlog(["report", "--month", "2026-11", "--out", out, "--units", "imperial",
                               "--no-frame-thumbnails"]).status, 0)
    let markdown = try String(contentsOfFile: out + "/fsdlog-2026-11.md", encoding: .utf8)
    XCTAssertTrue(markdown.contains("per 1,000 FSD mi"))
    XCTAssertTrue(markdown.contains(" mph"))
  }

  func testAMonthWithoutDataSaysWhichMonthsHaveSome() throws {
    let result = try fsdlog(["report", "--month", "2026-08", "--out", folder.path])
    XCTAssertEqual(result.status, 1)
    XCTAssertTrue(result.stderr.contains("no drives or events in 2026-08; months with data: 2026-11"), result.stderr)
    XCTAssertFalse(FileManager.default.fileExists(atPath: folder.path + "/fsdlog-2026-08.md"))
    XCTAssertNotEqual(try fsdlog(["report", "--month", "2026-13"]).status, 0)
  }

  func testStatsJSONAndTable() throws {
    try tagSamples()
    let json = try fsdlog(["stats", "--json"])
    XCTAssertEqual(json.status, 0, json.stderr)
    let periods = try JSONSerialization.jsonObject(with: Data(json.stdout.utf8)) as! [[String: Any]]
    XCTAssertEqual(periods.count, 1)
    let november = periods[0]
    XCTAssertEqual(november["period"] as? String, "2026-11")
    XCTAssertEqual(november["phantom"] as? Int, 1)
    XCTAssertEqual(november["justified"] as? Int, 1)
    XCTAssertEqual(november["thin_data"] as? Bool, true)
    let share = try XCTUnwrap(november["justified_share"] as? [String: Any])
    XCTAssertEqual(share["value"] as? Double, 0.5)
    XCTAssertEqual(try XCTUnwrap(share["lower"] as? Double), 0.094529, accuracy: 1e-5, "Wilson 1 of 2")
    let rate = try XCTUnwrap(november["phantom_per_1000"] as? [String: Any])
    let fsdKm = try XCTUnwrap(november["fsd_distance"] as? Double)
    XCTAssertEqual(try XCTUnwrap(rate["value"] as? Double), 1000 / fsdKm, accuracy: 1e-9)

    let table = try fsdlog(["stats"])
    XCTAssertEqual(table.status, 0)
    XCTAssertTrue(table.stdout.contains("Phantom/1,000 km"), table.stdout)
    XCTAssertTrue(try fsdlog(["stats", "--wide"]).stdout.contains("Phantom/1,000 km (95 %)"))
    XCTAssertTrue(table.stdout.contains("2026-11"))
    let versions = try fsdlog(["stats", "--by", "version"])
    XCTAssertTrue(versions.stdout.contains("unknown version"))
    XCTAssertTrue(versions.stdout.contains("No FSD versions recorded"))
    XCTAssertFalse(table.stdout.contains("Is FSD getting better"), "one month and no version: nothing to compare")

    // Two versions: the phantom brake (2 Nov) under the first, nothing phantom under the second.
    XCTAssertEqual(try fsdlog(["fsd-version", "add", "13.2.1", "--since", "2026-11-01"]).status, 0)
    XCTAssertEqual(try fsdlog(["fsd-version", "add", "13.2.9", "--since", "2026-11-05"]).status, 0)
    let answered = try fsdlog(["stats"])
    XCTAssertTrue(answered.stdout.contains("Is FSD getting better for you?"), answered.stdout)
    XCTAssertTrue(answered.stdout.contains("FSD 13.2.9 against 13.2.1: no clear change yet, none now (95 %: up to "),
                  answered.stdout)
  }

  /// The SQL views agree with `events` and `stats`, drives without telemetry have NULL distances,
  /// and event figures are stored at their measured precision (docs/schema.md).
  func testSQLViewsAgreeWithTheCommands() throws {
    try tagSamples()
    let events = try JSONSerialization.jsonObject(with: Data(try fsdlog(["events", "--format", "json"]).stdout.utf8))
      as! [[String: Any]]
    let viewRows = try CLI.sqlite(database, "SELECT id, verdict, peak_local FROM event_verdicts ORDER BY id")
    XCTAssertEqual(viewRows.map { Int($0[0])! }, events.compactMap { $0["id"] as? Int }.sorted())
    for row in viewRows {
      let event = try XCTUnwrap(events.first { $0["id"] as? Int == Int(row[0]) })
      XCTAssertEqual(row[1], event["verdict"] as? String, "event \(row[0])")
    }
    XCTAssertTrue(viewRows.contains { $0[2] == "2026-11-02T08:14:45" }, "the phantom brake's car-local peak: \(viewRows)")

    let stats = try JSONSerialization.jsonObject(with: Data(try fsdlog(["stats", "--json"]).stdout.utf8)) as! [[String: Any]]
    let months = try CLI.sqlite(database, "SELECT month, phantom, justified, untagged, fsd_km, phantom_per_1000_km, "
                                  + "drives, drives_with_telemetry FROM monthly_figures")
    XCTAssertEqual(months.map { $0[0] }, stats.compactMap { $0["period"] as? String })
    for (row, period) in zip(months, stats) {
      XCTAssertEqual(Int(row[1]), period["phantom"] as? Int)
      XCTAssertEqual(Int(row[2]), period["justified"] as? Int)
      XCTAssertEqual(Int(row[3]), period["untagged"] as? Int)
      XCTAssertEqual(Double(row[4]) ?? -1, period["fsd_distance"] as? Double ?? -2, accuracy: 1e-6)
      let rate = try XCTUnwrap(period["phantom_per_1000"] as? [String: Any])["value"] as? Double
      XCTAssertEqual(Double(row[5]) ?? -1, rate ?? -2, accuracy: 1e-6)
      XCTAssertEqual(Int(row[6]), period["drives"] as? Int)
      XCTAssertEqual(Int(row[7]), period["drives_with_telemetry"] as? Int)
    }
    XCTAssertEqual(try CLI.sqlite(database, "SELECT count(*) FROM drives WHERE telemetry_source IS NULL AND "
                                    + "(fsd_distance_m IS NOT NULL OR fsd_time_s IS NOT NULL)")[0][0], "0",
                   "a drive without telemetry has unknown (NULL) distance and time, not 0")
    for value in try CLI.sqlite(database, "SELECT peak_decel_g FROM events WHERE peak_decel_g IS NOT NULL").map({ $0[0] }) {
      XCTAssertLessThanOrEqual(value.split(separator: ".").last?.count ?? 0, 4, "float32 noise stored: \(value)")
    }
  }

  /// `events` and `stats` fit an 80-column terminal by default; `--wide` has every column.
  func testEventsAndStatsFitEightyColumns() throws {
    try tagSamples()
    XCTAssertEqual(try fsdlog(["fsd-version", "add", "13.2.1", "--since", "2026-11-01"]).status, 0)
    XCTAssertEqual(try fsdlog(["fsd-version", "add", "13.2.9", "--since", "2026-11-05"]).status, 0)
    for arguments in [["events"], ["stats"], ["stats", "--by", "version"], ["stats", "--units", "imperial"]] {
      let result = try fsdlog(arguments)
      XCTAssertEqual(result.status, 0, result.stderr)
      for line in result.stdout.split(separator: "\n") {
        XCTAssertLessThanOrEqual(line.count, 80, "\(arguments.joined(separator: " ")): \(line)")
      }
    }
    let events = try fsdlog(["events"]).stdout
    XCTAssertTrue(events.contains("brake hard") && events.contains("0.38 g") && events.contains("104→93"), events)
    let wide = try fsdlog(["events", "--wide"]).stdout
    XCTAssertTrue(wide.contains("FSD state") && wide.contains("2026-11-02_08-14-31-front @14.7s"), wide)
    XCTAssertGreaterThan(wide.split(separator: "\n").map(\.count).max() ?? 0, 80)
  }

  /// The ingest summary breaks its long lines at spaces within 80 columns; only a line that is a
  /// single path may be longer.
  func testIngestSummaryBreaksAtSpacesWithinEightyColumns() throws {
    let again = try CLI.fsdlog(["ingest", "--force", Self.samples + "/TeslaCam", Self.samples + "/telemetry/recent-no-sei.csv",
                                "--db", database])
    XCTAssertTrue(again.stdout.contains("Telemetry:"), again.stdout)
    for line in again.stdout.split(separator: "\n") where line.count > 80 {
      let words = line.split(separator: " ")
      XCTAssertLessThanOrEqual(words.count, 2, "a long line that could have been broken: \(line)")
    }
  }

  func testFSDVersionsAreRecordedListedAndValidated() throws {
    XCTAssertEqual(try fsdlog(["fsd-version", "add", "13.2.9", "--since", "2026-11-12"]).status, 0)
    XCTAssertEqual(try fsdlog(["fsd-version", "add", "13.2.8", "--since", "2026-10-20"]).status, 0)
    let duplicate = try fsdlog(["fsd-version", "add", "13.2.9", "--since", "2026-11-13"])
    XCTAssertEqual(duplicate.status, 1)
    XCTAssertTrue(duplicate.stderr.contains("already recorded (since 2026-11-12)"), duplicate.stderr)
    XCTAssertNotEqual(try fsdlog(["fsd-version", "add", "14", "--since", "2026-02-30"]).status, 0, "no such day")
    let list = try fsdlog(["fsd-version", "list"])
    XCTAssertEqual(list.stdout, "Version  Since\n13.2.8   2026-10-20\n13.2.9   2026-11-12\n")
    XCTAssertEqual(try CLI.sqlite(database, "SELECT version, since_local FROM fsd_versions ORDER BY since_local"),
                   [["13.2.8", "2026-10-20"], ["13.2.9", "2026-11-12"]])
    XCTAssertEqual(try CLI.sqlite(database, "SELECT count(*) FROM grdb_migrations WHERE identifier = 'v4: fsd versions'"),
                   [["1"]])
    XCTAssertEqual(try fsdlog(["fsd-version", "remove", "13.2.8"]).status, 0)
    XCTAssertEqual(try fsdlog(["fsd-version", "remove", "13.2.8"]).status, 1)
  }

  func testExportCSVJSONAndGeoJSON() throws {
    try tagSamples()
    XCTAssertEqual(try fsdlog(["fsd-version", "add", "13.2.9", "--since", "2026-11-05"]).status, 0)
    let csv = try fsdlog(["export", "--format", "csv"])
    XCTAssertEqual(csv.status, 0, csv.stderr)
    let lines = csv.stdout.split(separator: "\n").map(String.init)
    XCTAssertTrue(lines[0].hasPrefix("id,kind,severity,cause,initiator"))
    XCTAssertTrue(lines[0].hasSuffix("verdict,intervened,critical,note,fsd_version"))
    XCTAssertEqual(lines.count, 1 + 6)
    let phantom = try XCTUnwrap(lines.first { $0.contains(",phantom,") })
    XCTAssertTrue(phantom.hasSuffix(",phantom,0,0,\"overpass shadow, nothing there\",unknown version"), phantom)
    XCTAssertTrue(lines.contains { $0.hasSuffix(",untagged,0,0,,13.2.9") }, "later events carry the version")

    let jsonFile = folder.appendingPathComponent("events.json").path
    XCTAssertEqual(try fsdlog(["export", "--format", "json", "--out", jsonFile]).status, 0)
    let rows = try JSONSerialization.jsonObject(with: Data(contentsOf: URL(fileURLWithPath: jsonFile))) as! [[String: Any]]
    XCTAssertEqual(rows.count, 6)
    XCTAssertEqual(rows.filter { $0["verdict"] as? String == "untagged" }.count, 4)

    let geo = try fsdlog(["export", "--format", "geojson"])
    XCTAssertEqual(geo.status, 0)
    let collection = try JSONSerialization.jsonObject(with: Data(geo.stdout.utf8)) as! [String: Any]
    XCTAssertEqual(collection["type"] as? String, "FeatureCollection")
    let features = collection["features"] as! [[String: Any]]
    XCTAssertFalse(features.isEmpty)
    for feature in features {
      let geometry = feature["geometry"] as! [String: Any]
      let coordinates = geometry["coordinates"] as! [Double]
      let properties = feature["properties"] as! [String: Any]
      XCTAssertEqual(coordinates, [properties["lon"] as! Double, properties["lat"] as! Double], "[lon, lat]")
    }
  }
}
