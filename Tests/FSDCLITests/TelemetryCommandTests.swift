import Foundation
import XCTest

/// End to end on the generated samples: SEI telemetry read without decoding, events found as the
/// ground truth says, a CSV attached to the drive without SEI, and a CSV that fits no clip refused.
final class TelemetryCommandTests: XCTestCase {
  static let generated = CLI.packageRoot.appendingPathComponent("samples").path
  var folder: URL!
  var database: String { folder.appendingPathComponent("fsdlog.sqlite").path }

  override func setUpWithError() throws { folder = try CLI.temporaryDirectory() }
  override func tearDownWithError() throws { try? FileManager.default.removeItem(at: folder) }

  private func events(_ extra: [String] = []) throws -> [[String: Any]] {
    let result = try CLI.fsdlog(["events", "--db", database, "--format", "json"] + extra)
    XCTAssertEqual(result.status, 0, result.stderr)
    return try JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as! [[String: Any]]
  }

  /// (kind, initiator, onset in UTC seconds) of every ground-truth event whose drive has SEI.
  private func truthEvents(includeNoSEI: Bool) throws -> [(kind: String, initiator: String, onsetS: Double)] {
    var all: [(String, String, Double)] = []
    for name in try FileManager.default.contentsOfDirectory(atPath: Self.generated + "/ground-truth") {
      if name.contains("no-sei") && !includeNoSEI { continue }
      let manifest = try JSONSerialization.jsonObject(
        with: Data(contentsOf: URL(fileURLWithPath: Self.generated + "/ground-truth/" + name))) as! [String: Any]
      let truth = manifest["truth"] as! [String: Any]
      let start = ISO8601DateFormatter().date(from: truth["start_utc"] as! String)!.timeIntervalSince1970
      for event in truth["events"] as! [[String: Any]] {
        all.append((event["kind"] as! String, event["initiator"] as! String, start + (event["onset_s"] as! Double)))
      }
    }
    return all
  }

  private func assertMatches(_ detected: [[String: Any]], _ truth: [(kind: String, initiator: String, onsetS: Double)],
                             file: StaticString = #filePath, line: UInt = #line) {
    let formatter = ISO8601DateFormatter()
    formatter.formatOptions = [.withInternetDateTime, .withFractionalSeconds]
    XCTAssertEqual(detected.count, truth.count, "one event per true event", file: file, line: line)
    for expected in truth {
      let match = detected.first {
        $0["kind"] as? String == expected.kind
          && abs(formatter.date(from: $0["onset"] as! String)!.timeIntervalSince1970 - expected.onsetS) < 0.3
      }
      XCTAssertNotNil(match, "\(expected.kind) at \(expected.onsetS)", file: file, line: line)
      XCTAssertEqual(match?["initiator"] as? String, expected.initiator, file: file, line: line)
    }
  }

  func testSEIDrivesYieldTheGroundTruthEventsWithoutDecodingFrames() throws {
    let result = try CLI.fsdlog(["ingest", Self.generated + "/TeslaCam", "--db", database, "--json"])
    XCTAssertEqual(result.status, 1, "the no-moov clip fails, on purpose")
    let summary = try JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as! [String: Any]
    // Only the drive without SEI is decoded: 2 readable clips of 15 s at 36 fps.
    XCTAssertEqual(summary["frames_decoded"] as? Int, 2 * 540)
    // The drive without SEI is decoded, and the motion core finds its brakes and swerves alone
    // (vision events: initiator unknown); its disengagements and overrides need telemetry.
    let visionOnly = try truthEvents(includeNoSEI: true).filter { truth in
      try truthEvents(includeNoSEI: false).allSatisfy { $0.kind != truth.kind || $0.onsetS != truth.onsetS }
    }.filter { ["brake", "swerve"].contains($0.kind) }.map { (kind: $0.kind, initiator: "unknown", onsetS: $0.onsetS) }
    XCTAssertFalse(visionOnly.isEmpty)
    assertMatches(try events(), try truthEvents(includeNoSEI: false) + visionOnly)
    XCTAssertEqual(try CLI.sqlite(database, "SELECT count(*) FROM clips WHERE analysis_mode = 'telemetry'")[0][0], "7")
    let json = try events(["--kind", "brake"]).first { $0["source"] as? String == "telemetry" }!
    for key in ["id", "kind", "severity", "onset", "peak", "end", "drive_id", "clip", "offset_s", "initiator", "source",
                "confidence", "peak_decel_g", "speed_before_mps", "speed_after_mps", "autopilot_state", "lat", "lon", "verdict"] {
      XCTAssertNotNil(json[key], "stable JSON interface: \(key)")
    }
    XCTAssertEqual(try events(["--month", "2026-10"]).count, 0)
    XCTAssertEqual(try events(["--initiator", "fsd"]).map { $0["kind"] as! String }.sorted(), ["brake", "swerve"])
    let badMonth = try CLI.fsdlog(["events", "--db", database, "--month", "11-2026"])
    XCTAssertNotEqual(badMonth.status, 0)
    XCTAssertTrue(badMonth.stderr.contains("YYYY-MM"), badMonth.stderr)

    let status = try CLI.fsdlog(["status", "--db", database]).stdout
    XCTAssertTrue(status.contains("FSD           "), status)
    XCTAssertTrue(status.contains("forward"), "the axis calibration is shown:\n\(status)")
  }

  func testACSVGivesTheDriveWithoutSEIItsEvents() throws {
    _ = try CLI.fsdlog(["ingest", Self.generated + "/TeslaCam", "--db", database])
    let csv = Self.generated + "/telemetry/recent-no-sei.csv"
    let result = try CLI.fsdlog(["ingest", csv, "--db", database])
    XCTAssertEqual(result.status, 0, result.stderr + result.stdout)
    XCTAssertTrue(result.unwrappedStdout.contains("attached to 2 clips"), result.stdout)
    assertMatches(try events(), try truthEvents(includeNoSEI: true))
    XCTAssertEqual(try CLI.sqlite(database, "SELECT count(*) FROM telemetry WHERE source = 'csv_canonical'")[0][0], "2")
  }

  func testACSVThatFitsNoClipIsRefusedWithWhatToDo() throws {
    _ = try CLI.fsdlog(["ingest", Self.generated + "/TeslaCam", "--db", database])
    let before = try CLI.sqlite(database, "SELECT count(*) FROM events")[0][0]
    let csv = Self.generated + "/telemetry/recent-no-sei.csv"
    let result = try CLI.fsdlog(["ingest", csv, "--db", database, "--offset", "-86400"])
    XCTAssertEqual(result.status, 1)
    XCTAssertTrue(result.unwrappedStdout.contains("recent-no-sei.csv"), result.stdout)
    XCTAssertTrue(result.unwrappedStdout.contains("overlaps no ingested front clip"), result.stdout)
    XCTAssertTrue(result.unwrappedStdout.contains("--offset"), result.stdout)
    XCTAssertEqual(try CLI.sqlite(database, "SELECT count(*) FROM events")[0][0], before, "nothing else changed")

    let missing = try CLI.fsdlog(["ingest", folder.appendingPathComponent("nope.csv").path, "--db", database])
    XCTAssertEqual(missing.status, 2)
    XCTAssertTrue(missing.stderr.contains("nope.csv"), missing.stderr)
  }
}
