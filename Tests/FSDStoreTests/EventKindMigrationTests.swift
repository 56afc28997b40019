import FSDTestSupport
import Foundation
import GRDB
import XCTest

@testable import FSDStore

/// "v10: event kind without a CHECK": `events` is rebuilt without the kind's CHECK, and nothing
/// else about the file changes: rows, ids, tags, evidence, indexes, triggers, views and what the
/// views answer. Read back with the sqlite3 tool, which shares no code with GRDB.
final class EventKindMigrationTests: XCTestCase {
  private static let previous = "v9: evidence library"

  /// Rows in every table that refers to `events` or that `events` refers to, with ids that are
  /// not 1, 2, 3 (a copy that renumbered would show), a superseded event, a tag history with an
  /// untag and an event's evidence.
  private func makeDatabaseAtPreviousVersion(_ path: String) throws {
    let queue = try DatabaseQueue(path: path)
    try Schema.migrator.migrate(queue, upTo: Self.previous)
    try queue.write { db in
      try db.execute(sql: """
        INSERT INTO drives (id, start_local, end_local, start_utc, clip_count, duration_s, fsd_distance_m,
          fsd_time_s, telemetry_source)
          VALUES (4, '2026-11-02T08:14:31', '2026-11-02T08:16:31', '2026-11-02T16:14:31Z', 2, 120, 2712.5, 118, 'sei'),
                 (9, '2026-12-01T18:00:00', '2026-12-01T18:01:00', NULL, 1, 60, NULL, NULL, NULL);
        INSERT INTO clips (id, path, size_bytes, mtime_s, fingerprint, camera, source, drive_id, name_time_local,
          start_utc, duration_s, status, analysis_version, ingested_at, time_source)
          VALUES (21, '/m/2026-11-02_08-14-31-front.mp4', 1, 1, 'f1', 'front', 'recent', 4, '2026-11-02T08:14:31',
                  '2026-11-02T16:14:31Z', 60, 'ok', 1, 'x', 'file_name'),
                 (22, '/m/2026-11-02_08-15-31-front.mp4', 1, 1, 'f2', 'front', 'recent', 4, '2026-11-02T08:15:31',
                  '2026-11-02T16:15:31Z', 60, 'ok', 1, 'x', 'file_name'),
                 (30, '/m/clip.mp4', 1, 1, 'f3', 'front', 'other', 9, NULL, NULL, 60, 'ok', 1, 'x', 'file_modified');
        INSERT INTO events (id, drive_id, clip_id, kind, severity, onset_utc, peak_utc, end_utc, offset_s, initiator,
          cause, source, confidence, peak_decel_g, peak_lat_g, speed_before_mps, speed_after_mps, autopilot_state,
          lat, lon, rule, thresholds, detected_at, superseded_at)
          VALUES (5, 4, 21, 'brake', 'hard', '2026-11-02T16:14:44.000Z', '2026-11-02T16:14:45.200Z',
                  '2026-11-02T16:14:46.000Z', 14.2, 'fsd', NULL, 'both', 1, 0.38, 0.02, 24.6, 15.1, 'fsd',
                  37.4, -122.1, 'decel >= 0.3 g', '{"brake_g":0.3}', '2026-11-02T20:00:00Z', NULL),
                 (8, 4, 22, 'swerve', 'mild', '2026-11-02T16:15:40.000Z', '2026-11-02T16:15:40.500Z',
                  '2026-11-02T16:15:41.000Z', 9.5, 'fsd', NULL, 'telemetry', 1, NULL, 0.31, 20, 20, 'fsd',
                  NULL, NULL, 'lat >= 0.25 g', '{}', '2026-11-02T20:00:00Z', NULL),
                 (13, 4, 22, 'disengagement', NULL, '2026-11-02T16:15:50.000Z', '2026-11-02T16:15:50.000Z',
                  '2026-11-02T16:15:50.000Z', 19, 'driver', 'steering', 'telemetry', 1, NULL, NULL, NULL, NULL, 'fsd',
                  NULL, NULL, 'fsd -> none', '{}', '2026-11-02T20:00:00Z', NULL),
                 (14, 4, 21, 'override', NULL, '2026-11-02T16:14:50.000Z', '2026-11-02T16:14:50.000Z',
                  '2026-11-02T16:14:51.000Z', 19, 'driver', NULL, 'telemetry', 1, NULL, NULL, NULL, NULL, 'fsd',
                  NULL, NULL, 'accelerator', '{}', '2026-11-02T20:00:00Z', '2026-11-03T20:00:00Z'),
                 (40, 9, 30, 'brake', 'mild', '2026-12-02T02:00:10.000Z', '2026-12-02T02:00:11.000Z',
                  '2026-12-02T02:00:12.000Z', 11, 'unknown', NULL, 'vision', 0.62, NULL, NULL, NULL, NULL, NULL,
                  NULL, NULL, 'pitch rate', '{}', '2026-12-02T20:00:00Z', NULL);
        INSERT INTO tags (id, event_id, verdict, intervened, critical, note, action, tagged_at, source)
          VALUES (2, 5, 'justified', 0, 0, NULL, 'tag', '2026-11-03T08:00:00Z', 'review'),
                 (3, 5, 'phantom', 1, 0, 'overpass shadow', 'tag', '2026-11-03T08:01:00Z', 'review'),
                 (6, 8, 'unsure', 0, 0, NULL, 'tag', '2026-11-03T08:02:00Z', 'cli'),
                 (7, 8, NULL, 0, 0, NULL, 'untag', '2026-11-03T08:03:00Z', 'cli'),
                 (11, 14, 'justified', 0, 1, 'cut in', 'tag', '2026-11-03T08:04:00Z', 'script');
        INSERT INTO evidence (event_id, folder, clip_id, snippet_start_s, cameras, size_bytes, made_at)
          VALUES (5, '2026-11/2026-11-02_08-14-45-brake-5', 21, 4.2, 4, 123456, '2026-11-02T20:00:01Z'),
                 (40, '2026-12/2026-12-01_18-00-11-brake-40', 30, 1, 1, 2345, '2026-12-02T20:00:01Z');
        """)
    }
    try queue.close()
  }

  /// What the file holds and answers, as any SQLite client reads it: each table's rows in rowid
  /// order (ids included), both views, and the schema of everything but the rebuilt table.
  private func snapshot(_ path: String) throws -> [String: NSArray] {
    var result: [String: NSArray] = [:]
    for table in ["drives", "clips", "events", "tags", "evidence"] {
      result[table] = try SQLiteCLI.rows(path, "SELECT rowid AS row_id, * FROM \(table) ORDER BY rowid") as NSArray
    }
    result["event_verdicts"] = try SQLiteCLI.rows(path, "SELECT * FROM event_verdicts ORDER BY id") as NSArray
    result["monthly_figures"] = try SQLiteCLI.rows(path, "SELECT * FROM monthly_figures") as NSArray
    result["columns"] = try SQLiteCLI.rows(path, "SELECT * FROM pragma_table_info('events')") as NSArray
    for table in ["events", "tags", "evidence"] {
      result["foreign keys of \(table)"] = try SQLiteCLI.rows(path, "SELECT * FROM pragma_foreign_key_list('\(table)')")
        as NSArray
    }
    result["schema"] = try SQLiteCLI.rows(path, """
      SELECT type, name, tbl_name, sql FROM sqlite_master WHERE name NOT IN ('events', 'grdb_migrations') ORDER BY name
      """) as NSArray
    return result
  }

  func testMigrationKeepsEveryRowIdTagAndViewAnswer() throws {
    let folder = try TemporaryFolder()
    let path = folder.path("v9.sqlite")
    try makeDatabaseAtPreviousVersion(path)
    XCTAssertThrowsError(
      try SQLiteCLI.execute(path, "PRAGMA foreign_keys = ON; UPDATE events SET kind = 'pothole' WHERE id = 40"),
      "before: the kind is checked")
    let before = try snapshot(path)
    XCTAssertEqual(before["event_verdicts"]?.count, 4, "the superseded event is not current")

    _ = try Store(path: path)

    let after = try snapshot(path)
    XCTAssertEqual(Set(after.keys), Set(before.keys))
    for (name, rows) in before { XCTAssertEqual(after[name], rows, name) }
    XCTAssertEqual(try SQLiteCLI.scalar(path, "SELECT identifier FROM grdb_migrations ORDER BY rowid DESC LIMIT 1"),
                   "v10: event kind without a CHECK")
    XCTAssertEqual(try SQLiteCLI.scalar(path, "PRAGMA user_version"), "\(Schema.migrator.migrations.count)")
    XCTAssertEqual(try SQLiteCLI.scalar(path, "PRAGMA foreign_key_check"), "", "no reference lost")
    XCTAssertEqual(try SQLiteCLI.scalar(path, "PRAGMA integrity_check"), "ok")

    // The recreated triggers, indexes and foreign keys still act.
    XCTAssertThrowsError(try SQLiteCLI.execute(path, "DELETE FROM tags WHERE id = 2"), "tags stay append-only")
    XCTAssertEqual(try SQLiteCLI.scalar(path, "EXPLAIN QUERY PLAN SELECT * FROM events WHERE drive_id = 4")
      .contains("events_by_drive"), true)
    try SQLiteCLI.execute(path, "PRAGMA foreign_keys = ON; UPDATE events SET kind = 'pothole' WHERE id = 40")
    try SQLiteCLI.execute(path, "PRAGMA foreign_keys = ON; DELETE FROM events WHERE id = 40")
    XCTAssertEqual(try SQLiteCLI.scalar(path, "SELECT group_concat(event_id) FROM evidence"), "5",
                   "evidence still follows its event (ON DELETE CASCADE)")
    XCTAssertThrowsError(try SQLiteCLI.execute(path, "PRAGMA foreign_keys = ON; DELETE FROM events WHERE id = 5"),
                         "a tagged event cannot be deleted from under its tags")
  }

  func testAFreshDatabaseStoresAnyKindAndStillChecksTheOtherColumns() throws {
    let folder = try TemporaryFolder()
    let path = folder.path("fsdlog.sqlite")
    _ = try Store(path: path)

    let table = try SQLiteCLI.scalar(path, "SELECT sql FROM sqlite_master WHERE name = 'events'")
    XCTAssertFalse(table.contains("kind IN"), table)
    XCTAssertTrue(table.contains("kind TEXT NOT NULL,"), table)
    XCTAssertTrue(table.contains("CHECK (initiator IN ('fsd', 'driver', 'unknown'))"), table)
    let insert = """
      PRAGMA foreign_keys = ON;
      INSERT INTO events (kind, onset_utc, peak_utc, end_utc, initiator, source, confidence, detected_at)
        VALUES ('pothole', 'a', 'a', 'a', '%@', 'telemetry', 1, 'x')
      """
    try SQLiteCLI.execute(path, String(format: insert, "fsd"))
    XCTAssertEqual(try SQLiteCLI.scalar(path, "SELECT kind FROM event_verdicts"), "pothole")
    XCTAssertThrowsError(try SQLiteCLI.execute(path, String(format: insert, "robot")), "initiator is still checked")
    XCTAssertThrowsError(try SQLiteCLI.execute(path, "INSERT INTO events (kind) VALUES (NULL)"), "kind is NOT NULL")
  }

  /// The migration is one transaction: when it cannot finish (here, a tag someone left pointing
  /// at a deleted event, which GRDB's `PRAGMA foreign_key_check` before the commit finds), the
  /// file is left exactly as it was, at the previous version with the CHECK.
  func testAMigrationThatCannotFinishLeavesTheFileAsItWas() throws {
    let folder = try TemporaryFolder()
    let path = folder.path("v9.sqlite")
    try makeDatabaseAtPreviousVersion(path)
    // sqlite3 runs with foreign keys off unless asked, so this delete leaves tags 6 and 7 dangling.
    try SQLiteCLI.execute(path, "DELETE FROM events WHERE id = 8")
    let before = try snapshot(path)
    let eventsTable = try SQLiteCLI.scalar(path, "SELECT sql FROM sqlite_master WHERE name = 'events'")

    XCTAssertThrowsError(try Store(path: path)) { error in
      XCTAssertTrue("\(error)".contains("FOREIGN KEY"), "\(error)")
    }

    let after = try snapshot(path)
    for (name, rows) in before { XCTAssertEqual(after[name], rows, name) }
    XCTAssertEqual(try SQLiteCLI.scalar(path, "SELECT sql FROM sqlite_master WHERE name = 'events'"), eventsTable)
    XCTAssertEqual(try SQLiteCLI.scalar(path, "SELECT identifier FROM grdb_migrations ORDER BY rowid DESC LIMIT 1"),
                   Self.previous)
  }
}
