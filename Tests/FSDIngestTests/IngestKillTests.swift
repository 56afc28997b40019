import FSDTestSupport
import Foundation
import XCTest

/// `fsdlog ingest` killed with SIGKILL at random moments (power loss, the OOM killer, a closed
/// laptop lid), then run again plainly: the database must end up exactly as after one clean run,
/// with the same events, drives and distances, and SQLite must find the file intact every time.
///
/// The normal suite kills a handful of runs, spread over the length of a clean run. Set
/// FSDLOG_LONG_TESTS=1 (the long tier, set by `.ci/run`) or FSDLOG_LONG_KILL=1 for 50 kills (about ten minutes); FSDLOG_KILL_SEED picks the moments.
final class IngestKillTests: XCTestCase {
  /// The committed generated drives: SEI telemetry on most front clips, a clip cut off by power
  /// loss, one that ends early; a clean `--mode full` run finds 6 events in 4 drives.
  private let clips = packageRoot + "/samples/TeslaCam"

  func testRerunAfterSIGKILLGivesTheEventsDrivesAndDistancesOfACleanRun() throws {
    let long = TestTier.isLong || ProcessInfo.processInfo.environment["FSDLOG_LONG_KILL"] == "1"
    let seed = ProcessInfo.processInfo.environment["FSDLOG_KILL_SEED"].flatMap { UInt64($0) } ?? 20_261_206
    let kills = long ? 50 : 4
    let folder = try TemporaryFolder()

    let cleanDatabase = folder.path("clean.sqlite")
    let started = Date()
    let clean = try FSDLog.run(["ingest", clips, "--mode", "full", "--db", cleanDatabase])
    let cleanSeconds = Date().timeIntervalSince(started)
    XCTAssertTrue([0, 1].contains(clean), "a clean ingest exits 0, or 1 for the clip cut off by power loss")
    let reference = try DatabaseContents(cleanDatabase)
    XCTAssertGreaterThan(reference.events.count, 0, "the sample drives have events to lose")
    XCTAssertTrue(reference.drives.contains { $0.contains("|sei|") }, "the sample drives have SEI telemetry")

    var random = SplitMix64(seed: seed)
    var landedMidRun = 0
    // How long a run takes now: the clean run's time at first, shortened whenever a run finishes
    // before its kill (the machine got less busy: on a shared machine the clean run can have been
    // measured under another job's load).
    var runSeconds = cleanSeconds
    for kill in 0..<kills {
      // Stratified: kill k lands somewhere in the k-th slice of a run's length, so even a
      // handful of kills covers discovery, decoding, drive building and event detection. The
      // slices span 90 % of it: a run can be quicker than the clean one on a less busy machine.
      let slice = 0.9 * runSeconds / Double(kills)
      let delay = slice * (Double(kill) + random.nextUnit())
      let database = folder.path("killed-\(kill).sqlite")
      let wasRunning = try FSDLog.runAndKill(["ingest", clips, "--mode", "full", "--db", database], afterSeconds: delay)
      if wasRunning { landedMidRun += 1 } else { runSeconds = min(runSeconds, delay) }
      let context = "kill \(kill) after \(String(format: "%.2f", delay)) s (seed \(seed))"
      if FileManager.default.fileExists(atPath: database) {
        XCTAssertEqual(try SQLiteCLI.scalar(database, "PRAGMA integrity_check"), "ok", context)
      }

      let rerun = try FSDLog.run(["ingest", clips, "--mode", "full", "--db", database])
      XCTAssertTrue([0, 1].contains(rerun), "\(context): the rerun exited \(rerun)")
      XCTAssertEqual(try SQLiteCLI.scalar(database, "PRAGMA integrity_check"), "ok", context)
      let after = try DatabaseContents(database)
      XCTAssertEqual(after.events, reference.events, "\(context): events differ from a clean run")
      XCTAssertEqual(after.drives, reference.drives, "\(context): drives or distances differ from a clean run")
      XCTAssertEqual(after.clips, reference.clips, "\(context): clips differ from a clean run")
      XCTAssertEqual(try SQLiteCLI.scalar(database, "SELECT count(*) FROM ingest_runs WHERE status = 'running'"), "0",
                     "\(context): the killed run is marked interrupted once its drives are redone")
    }
    XCTAssertGreaterThanOrEqual(landedMidRun, kills / 2, "most kills must land while ingest is running to test anything")
  }

  /// What a clean run and a rerun after a kill must agree on, as text rows (no ids or times of day).
  private struct DatabaseContents {
    let events: [String]
    let drives: [String]
    let clips: [String]

    init(_ database: String) throws {
      func rows(_ sql: String) throws -> [String] {
        try SQLiteCLI.rows(database, sql).map { row in
          row.keys.sorted().map { "\(row[$0] ?? "")" }.joined(separator: "|")
        }.sorted()
      }
      events = try rows("""
        SELECT e.kind AS a, e.onset_utc AS b, e.peak_utc AS c, e.end_utc AS d, e.initiator AS e, e.source AS f,
          coalesce(e.severity, '-') AS g, printf('%.4f', e.confidence) AS h, coalesce(c.path, '-') AS i,
          printf('%.4f', coalesce(e.offset_s, -1)) AS j, d.start_local AS k
        FROM events e LEFT JOIN clips c ON c.id = e.clip_id LEFT JOIN drives d ON d.id = e.drive_id
        WHERE e.superseded_at IS NULL
        """)
      drives = try rows("""
        SELECT start_local AS a, end_local AS b, clip_count AS c, printf('%.3f', duration_s) AS d,
          coalesce(telemetry_source, '-') AS e, printf('%.3f', coalesce(fsd_distance_m, -1)) AS f,
          printf('%.3f', coalesce(autosteer_distance_m, -1)) AS g, printf('%.3f', coalesce(tacc_distance_m, -1)) AS h,
          printf('%.3f', coalesce(manual_distance_m, -1)) AS i, printf('%.3f', coalesce(fsd_time_s, -1)) AS j,
          -- The calibration's JSON keys come in no fixed order: compare its key=value pairs sorted.
          coalesce((SELECT group_concat(key || '=' || value, ',') FROM
                      (SELECT key, value FROM json_each(drives.axis_calibration) ORDER BY key)), '-') AS k
        FROM drives
        """)
      clips = try rows("""
        SELECT c.path AS a, c.status AS b, coalesce(c.frame_count, -1) AS c, coalesce(d.start_local, '-') AS d,
          (SELECT count(*) FROM telemetry t WHERE t.clip_id = c.id) AS e, (SELECT count(*) FROM motion m WHERE m.clip_id = c.id) AS f
        FROM clips c LEFT JOIN drives d ON d.id = c.drive_id
        """)
    }
  }
}


