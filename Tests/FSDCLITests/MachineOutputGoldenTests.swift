import Foundation
import XCTest

/// Every machine-readable output on the samples, byte for byte against a golden file: `events`
/// JSON and CSV, `export` CSV, JSON and GeoJSON, `stats --json` and the `status` text. Scripts and
/// notebooks read these; a change must be deliberate. FSDLOG_UPDATE_GOLDEN=1 rewrites the files
/// (then read the diff). Paths under the repository are written as `<repo>`, and the parts of
/// `status` that change from run to run (database path, ingest time and duration) as `<…>`.
final class MachineOutputGoldenTests: XCTestCase {
  static let golden = CLI.packageRoot.appendingPathComponent("Tests/FSDCLITests/Golden")
  var folder: URL!
  var database: String { folder.appendingPathComponent("fsdlog.sqlite").path }

  override func setUpWithError() throws {
    folder = try CLI.temporaryDirectory()
    let samples = CLI.packageRoot.appendingPathComponent("samples").path
    try IngestedOnce.copy([samples + "/TeslaCam", samples + "/telemetry/recent-no-sei.csv"], into: folder)
    let events = try JSONSerialization.jsonObject(with: Data(try fsdlog(["events", "--format", "json"]).stdout.utf8))
      as! [[String: Any]]
    func id(_ kind: String, _ clip: String) throws -> String {
      try XCTUnwrap(events.first { $0["kind"] as? String == kind && ($0["clip"] as? String)?.contains(clip) == true }?["id"]
        as? Int).description
    }
    XCTAssertEqual(try fsdlog(["tag", try id("brake", "2026-11-02_08-14-31"), "phantom", "--note", "overpass shadow, \"again\"",
                               "--critical", "--intervened"]).status, 0)
    XCTAssertEqual(try fsdlog(["tag", try id("swerve", "2026-11-09_17-42-10"), "justified"]).status, 0)
    XCTAssertEqual(try fsdlog(["fsd-version", "add", "13.2.9", "--since", "2026-11-05"]).status, 0)
  }

  override func tearDownWithError() throws { try? FileManager.default.removeItem(at: folder) }

  func fsdlog(_ arguments: [String]) throws -> CLI.Result {
    try CLI.fsdlog(arguments + ["--db", database])
  }

  func normalized(_ text: String) -> String {
    var text = text.replacingOccurrences(of: CLI.packageRoot.path, with: "<repo>")
      .replacingOccurrences(of: database, with: "<database>")
      .replacingOccurrences(of: (database as NSString).deletingLastPathComponent + "/evidence", with: "<evidence library>")
    for (pattern, replacement) in [
      (#"\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?Z, (completed|interrupted)"#, "<ingest time>, $2"),
      // The ingest's own wall time (the last line of `status`), not a driving time.
      (#" failed in \d+(\.\d+)? s"#, " failed in <duration>"),
    ] {
      text = text.replacingOccurrences(of: pattern, with: replacement, options: .regularExpression)
    }
    return text
  }

  func assertMatchesGolden(_ arguments: [String], file name: String, line: UInt = #line) throws {
    let result = try fsdlog(arguments)
    XCTAssertEqual(result.status, 0, result.stderr, line: line)
    let actual = normalized(result.stdout)
    let golden = Self.golden.appendingPathComponent(name)
    if ProcessInfo.processInfo.environment["FSDLOG_UPDATE_GOLDEN"] == "1" {
      try actual.write(to: golden, atomically: true, encoding: .utf8)
    }
    let expected = try String(contentsOf: golden, encoding: .utf8)
    if actual != expected {
      let path = folder.appendingPathComponent(name).path
      try actual.write(toFile: path, atomically: true, encoding: .utf8)
      XCTFail("`fsdlog \(arguments.joined(separator: " "))` differs from \(golden.path): diff it against \(path)", line: line)
    }
  }

  func testMachineReadableOutputsMatchTheirGoldenFiles() throws {
    try assertMatchesGolden(["events", "--format", "json"], file: "events.json")
    try assertMatchesGolden(["events", "--format", "csv"], file: "events.csv")
    try assertMatchesGolden(["export", "--format", "csv"], file: "export.csv")
    try assertMatchesGolden(["export", "--format", "json"], file: "export.json")
    try assertMatchesGolden(["export", "--format", "geojson"], file: "export.geojson")
    try assertMatchesGolden(["stats", "--json"], file: "stats.json")
    try assertMatchesGolden(["stats", "--by", "version", "--json"], file: "stats-by-version.json")
    try assertMatchesGolden(["status"], file: "status.txt")
  }

  /// `events` and `export` are one listing: the same fields in the same order, newest or oldest
  /// first, and the README names every field they emit.
  func testEventsAndExportAreOneListingAndTheReadmeNamesItsFields() throws {
    let events = try fsdlog(["events", "--format", "csv"]).stdout.split(separator: "\n")
    let export = try fsdlog(["export", "--format", "csv"]).stdout.split(separator: "\n")
    XCTAssertEqual(events.first, export.first, "one header")
    XCTAssertEqual(Array(events.dropFirst()), Array(export.dropFirst().reversed()), "newest first against oldest first")
    let readme = try String(contentsOf: CLI.packageRoot.appendingPathComponent("README.md"), encoding: .utf8)
    let eventsRow = try XCTUnwrap(readme.split(separator: "\n").first { $0.hasPrefix("| `fsdlog events") })
    for field in try XCTUnwrap(events.first).split(separator: ",") {
      XCTAssertTrue(eventsRow.contains("`\(field)`"), "README's events row does not name `\(field)`")
    }
  }
}
