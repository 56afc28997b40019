import Foundation
import XCTest

/// End to end: the real executable on the committed sample tree, into a temporary database.
final class IngestCommandTests: XCTestCase {
  var folder: URL!
  var database: String { folder.appendingPathComponent("fsdlog.sqlite").path }

  override func setUpWithError() throws { folder = try CLI.temporaryDirectory() }
  override func tearDownWithError() throws { try? FileManager.default.removeItem(at: folder) }

  /// The sample tree's .mp4 files, and what each should become (see tools/make-layout-fixture).
  private func expectedCounts() throws -> (all: Int, notVideo: Int, failed: Int) {
    let enumerator = FileManager.default.enumerator(atPath: CLI.samples)!
    var clips: [String] = []
    while let next = enumerator.nextObject() as? String {
      if next.hasSuffix(".mp4"), !next.hasPrefix("EncryptedClips") { clips.append(next) }
    }
    var notVideo = 0, failed = 0
    for clip in clips {
      let data = FileManager.default.contents(atPath: CLI.samples + "/" + clip) ?? Data()
      if data.count < 8 || String(decoding: data[4..<8], as: UTF8.self) != "ftyp" { notVideo += 1 }
      else if data.range(of: Data("moov".utf8)) == nil { failed += 1 }
    }
    return (clips.count, notVideo, failed)
  }

  func testIngestsTheSampleTreeAndReportsEveryProblem() throws {
    let result = try CLI.fsdlog(["ingest", CLI.samples, "--db", database, "--json"])
    XCTAssertEqual(result.status, 1, "a clip failed, so the exit status says so\n\(result.stderr)")
    let summary = try XCTUnwrap(JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [String: Any])
    let expected = try expectedCounts()
    XCTAssertEqual(summary["clips_found"] as? Int, expected.all)
    XCTAssertEqual(summary["not_video"] as? Int, expected.notVideo)
    XCTAssertEqual(summary["failed"] as? Int, expected.failed)
    XCTAssertEqual(summary["ingested"] as? Int, expected.all - expected.notVideo - expected.failed)
    XCTAssertEqual(summary["partial"] as? Int, 1, "the clip whose mdat is cut short")
    XCTAssertEqual((summary["encrypted_folders"] as? [String])?.count, 1)
    XCTAssertLessThan(summary["peak_memory_mb"] as? Double ?? 999, 200)

    // The database, read with sqlite3 as a user would.
    let statuses = Dictionary(uniqueKeysWithValues: try CLI.sqlite(database,
      "SELECT status, count(*) FROM clips GROUP BY status").map { ($0[0], Int($0[1])!) })
    XCTAssertEqual(statuses["failed"], expected.failed)
    XCTAssertEqual(statuses["not_video"], expected.notVideo)
    XCTAssertEqual(statuses["partial"], 1)
    let failedReason = try CLI.sqlite(database, "SELECT error FROM clips WHERE status = 'failed'")
    XCTAssertTrue(failedReason.first?.first?.contains("moov") ?? false)

    // Every readable front clip has a motion series with one value per decoded frame.
    let frontRows = try CLI.sqlite(database, """
      SELECT c.frame_count, m.frame_count, length(m.pts_s), length(m.mafd) FROM clips c
      JOIN motion m ON m.clip_id = c.id WHERE c.camera = 'front'
      """)
    let readableFront = try CLI.sqlite(database,
      "SELECT count(*) FROM clips WHERE camera = 'front' AND status IN ('ok', 'partial')")
    XCTAssertEqual(frontRows.count, Int(readableFront[0][0]))
    for row in frontRows {
      XCTAssertEqual(row[0], row[1])
      XCTAssertEqual(Int(row[2]), Int(row[1])! * 8, "pts_s is float64")
      XCTAssertEqual(Int(row[3]), Int(row[1])! * 4, "mafd is float32")
    }
    XCTAssertEqual(try CLI.sqlite(database, "SELECT count(*) FROM motion m JOIN clips c ON c.id = m.clip_id WHERE c.camera != 'front'")[0][0], "0")

    // event.json, verbatim reasons, malformed file tolerated.
    let reasons = try CLI.sqlite(database, "SELECT coalesce(reason, '-'), coalesce(event_json_error, '-') FROM event_folders ORDER BY path")
    XCTAssertEqual(reasons.map { $0[0] }, ["user_interaction_dashcam_icon_tapped", "-", "sentry_aware_object_detection"])
    XCTAssertTrue(reasons[1][1].contains("not valid JSON"), reasons[1][1])

    // Drives: the 08:14–08:16 run; the saved event 8 minutes later; the next evening; Nov 5.
    // Sentry footage (parked) is not a drive.
    XCTAssertEqual(try CLI.sqlite(database, "SELECT count(*) FROM drives")[0][0], "4")
    XCTAssertEqual(try CLI.sqlite(database, "SELECT clip_count FROM drives ORDER BY start_local LIMIT 1")[0][0], "3")
    XCTAssertEqual(try CLI.sqlite(database, "SELECT count(*) FROM clips WHERE camera = 'back' AND drive_id IS NOT NULL")[0][0], "3")
    XCTAssertEqual(try CLI.sqlite(database, "PRAGMA journal_mode")[0][0], "wal")
  }

  func testSecondRunSkipsUnchangedClipsAndForceRedoesThem() throws {
    try CLI.fsdlog(["ingest", CLI.samples, "--db", database])
    let again = try CLI.fsdlog(["ingest", CLI.samples, "--db", database, "--json"])
    let summary = try XCTUnwrap(JSONSerialization.jsonObject(with: Data(again.stdout.utf8)) as? [String: Any])
    let expected = try expectedCounts()
    XCTAssertEqual(summary["unchanged"] as? Int, expected.all - expected.notVideo - expected.failed)
    XCTAssertEqual(summary["ingested"] as? Int, 0)
    XCTAssertEqual(summary["frames_decoded"] as? Int, 0)
    XCTAssertEqual(try CLI.sqlite(database, "SELECT count(*) FROM clips")[0][0], "\(expected.all)", "nothing added twice")

    let forced = try CLI.fsdlog(["ingest", CLI.samples, "--db", database, "--json", "--force"])
    let forcedSummary = try XCTUnwrap(JSONSerialization.jsonObject(with: Data(forced.stdout.utf8)) as? [String: Any])
    XCTAssertEqual(forcedSummary["unchanged"] as? Int, 0)
    XCTAssertGreaterThan(forcedSummary["frames_decoded"] as? Int ?? 0, 1000)
    XCTAssertEqual(try CLI.sqlite(database, "SELECT count(*) FROM clips")[0][0], "\(expected.all)")
    XCTAssertEqual(try CLI.sqlite(database, "SELECT count(*) FROM ingest_runs WHERE status = 'completed'")[0][0], "3")
  }

  func testNonexistentPathIsAnErrorAndWritesNothing() throws {
    let result = try CLI.fsdlog(["ingest", CLI.samples, "/no/such/TeslaCam", "--db", database])
    XCTAssertEqual(result.status, 2)
    XCTAssertTrue(result.stderr.contains("/no/such/TeslaCam"), result.stderr)
    XCTAssertFalse(FileManager.default.fileExists(atPath: database), "no database is created for a typo")
  }

  func testUnwritableDatabaseIsReportedBeforeAnyWork() throws {
    let blocker = folder.appendingPathComponent("a-file")
    try Data("x".utf8).write(to: blocker)
    let badPath = blocker.appendingPathComponent("fsdlog.sqlite").path  // under a regular file
    let result = try CLI.fsdlog(["ingest", CLI.samples, "--db", badPath])
    XCTAssertEqual(result.status, 2)
    XCTAssertTrue(result.stderr.contains(badPath), result.stderr)
    XCTAssertTrue(result.stderr.contains("--db"), "the message says how to fix it: \(result.stderr)")
    XCTAssertFalse(result.stderr.contains("ok "), "no clip was read")
  }

  func testDatabaseLocationFollowsTheEnvironment() throws {
    let xdg = folder.appendingPathComponent("xdg")
    let result = try CLI.fsdlog(["ingest", CLI.samples + "/SavedClips/2026-11-02_08-25-07"],
                                environment: ["FSDLOG_DB": "", "XDG_DATA_HOME": xdg.path])
    XCTAssertEqual(result.status, 0, result.stderr)
    XCTAssertTrue(FileManager.default.fileExists(atPath: xdg.appendingPathComponent("fsdlog/fsdlog.sqlite").path))
    let viaEnvironment = folder.appendingPathComponent("env.sqlite").path
    XCTAssertEqual(try CLI.fsdlog(["ingest", Self.sampleClip, "--jobs", "1"], environment: ["FSDLOG_DB": viaEnvironment]).status, 0)
    XCTAssertEqual(try CLI.sqlite(viaEnvironment, "SELECT count(*) FROM clips")[0][0], "1")
  }

  static var sampleClip: String { CLI.samples + "/RecentClips/2026-11-02/2026-11-02_08-14-31-front.mp4" }

  func testStatusSummarisesTheDatabase() throws {
    let before = try CLI.fsdlog(["status", "--db", database])
    XCTAssertEqual(before.status, 1)
    XCTAssertTrue(before.stderr.contains("fsdlog ingest"), "points the user to ingest: \(before.stderr)")
    XCTAssertFalse(FileManager.default.fileExists(atPath: database), "status never creates a database")

    try CLI.fsdlog(["ingest", CLI.samples, "--db", database])
    let status = try CLI.fsdlog(["status", "--db", database])
    XCTAssertEqual(status.status, 0, status.stderr)
    XCTAssertTrue(status.stdout.contains("Drives        4"), status.stdout)
    XCTAssertTrue(status.stdout.contains("2026-11-02 08:14:31 → 2026-11-05 11:59:02"), status.stdout)
    XCTAssertTrue(status.stdout.contains("no 'moov'"), "failed clips listed with their reason:\n\(status.stdout)")
    XCTAssertTrue(status.stdout.contains("left_pillar 1"), status.stdout)
  }

  func testMotionPrintsTheStoredSeries() throws {
    try CLI.fsdlog(["ingest", Self.sampleClip, "--db", database])
    let csv = try CLI.fsdlog(["motion", "2026-11-02_08-14-31-front.mp4", "--db", database])
    XCTAssertEqual(csv.status, 0, csv.stderr)
    let lines = csv.stdout.split(separator: "\n")
    XCTAssertEqual(lines.first, "pts_s,mafd,dx,dy,expansion,brightness,confidence")
    XCTAssertEqual(lines.count - 1, 288)
    XCTAssertTrue(lines[1].hasPrefix("0.000000,0.0000,0.000,0.000,0.000,"), "the first frame has no predecessor: \(lines[1])")
    XCTAssertTrue(lines[1].hasSuffix(",0.000"), "and no confidence: \(lines[1])")
    XCTAssertTrue(lines[2].hasPrefix("0.027778,"), "second frame 1/36 s later: \(lines[2])")

    let json = try CLI.fsdlog(["motion", Self.sampleClip, "--db", database, "--format", "json"])
    let object = try XCTUnwrap(JSONSerialization.jsonObject(with: Data(json.stdout.utf8)) as? [String: Any])
    XCTAssertEqual((object["frames"] as? [[String: Double]])?.count, 288)

    let missing = try CLI.fsdlog(["motion", "nope.mp4", "--db", database])
    XCTAssertEqual(missing.status, 1)
    XCTAssertTrue(missing.stderr.contains("nope.mp4"), missing.stderr)
  }
}
