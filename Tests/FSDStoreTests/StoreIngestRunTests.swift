import FSDTestSupport
import Foundation
import XCTest

@testable import FSDStore

/// An ingest killed outright (SIGKILL, power cut) never writes its end: the next run to start
/// finds such rows unfinished (to detect their drives again, then mark them `interrupted`), but
/// never the row of a run that is still alive.
final class StoreIngestRunTests: XCTestCase {
  func run() -> IngestRunRecord {
    IngestRunRecord(startedAt: "2026-12-01T00:00:00Z", paths: "[]", jobs: 1, force: false, decodeQuality: "analysis",
                    toolVersion: "test")
  }

  func statuses(_ path: String) throws -> [String] {
    try SQLiteCLI.rows(path, "SELECT status FROM ingest_runs ORDER BY id").compactMap { $0["status"] as? String }
  }

  func testARunNobodyIsRunningIsMarkedInterruptedWhenTheNextStartsButALiveOneIsNot() throws {
    let folder = try TemporaryFolder()
    let path = folder.path("fsdlog.sqlite")
    let first = try Store(path: path)
    // What a killed ingest leaves: a `running` row that no process holds.
    try SQLiteCLI.execute(path, """
      INSERT INTO ingest_runs (started_at, status, paths, jobs, force, decode_quality, tool_version)
        VALUES ('2026-11-30T00:00:00Z', 'running', '[]', 1, 0, 'analysis', 'killed');
      """)
    var live = try first.beginRun(run())
    let liveID = try XCTUnwrap(live.id)
    XCTAssertEqual(try first.unfinishedRunIDs(before: liveID), [1], "the dead run is found unfinished")
    try first.markInterrupted(runIDs: [1])
    XCTAssertEqual(try statuses(path), ["interrupted", "running"], "the dead run is marked, ours is running")

    // A second ingest starting while the first is alive (another process, or here another
    // connection) must not call it dead.
    let second = try Store(path: path)
    var other = try second.beginRun(run())
    XCTAssertEqual(try second.unfinishedRunIDs(before: try XCTUnwrap(other.id)), [], "a live run is not unfinished")
    XCTAssertEqual(try statuses(path), ["interrupted", "running", "running"])

    live.status = .completed
    try first.finishRun(live)
    other.status = .completed
    try second.finishRun(other)
    XCTAssertEqual(try statuses(path), ["interrupted", "completed", "completed"])
  }

  /// `fsdlog watch` runs one ingest after another on one store, while `fsdlog status` or sqlite3
  /// may open and close the database in between. Closing the run lock's descriptor used to drop
  /// SQLite's own POSIX lock on the file: the other process, closing, then took itself for the
  /// last user and deleted the WAL under the store's open connections ("disk I/O error").
  func testAStoreStillReadsAfterARunWhenAnotherProcessClosesTheDatabase() throws {
    let folder = try TemporaryFolder()
    let path = folder.path("fsdlog.sqlite")
    let store = try Store(path: path)
    for round in 1...2 {
      var finished = try store.beginRun(run())
      finished.status = .completed
      try store.finishRun(finished)
      // Another process opens the database, reads and closes it.
      XCTAssertEqual(try SQLiteCLI.scalar(path, "SELECT count(*) FROM ingest_runs"), "\(round)")
      XCTAssertTrue(FileManager.default.fileExists(atPath: path + "-wal"), "the WAL is still there, round \(round)")
      XCTAssertNil(try store.clip(path: "/nowhere.mp4"), "the store still reads, round \(round)")
    }
  }
}
