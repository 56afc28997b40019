import FSDTestSupport
import FSDDiscovery
import FSDStore
import Foundation
import XCTest

@testable import FSDIngest

/// A clip is known by its content, not its path (issue 14, item 1), through the pipeline: a row
/// that took a new path is judged as any stored clip is, and rows an earlier fsdlog stored twice
/// for one clip become one. (The moved and copied trees end to end: FSDCLITests.MovedTreeTests.)
final class IngestContentIdentityTests: XCTestCase {
  func testAClipChangedInPlaceAfterItsTreeMovedIsAnalysedAgainInItsRow() throws {
    let folder = try TemporaryFolder()
    let old = try folder.copyOfSamples()
    let database = folder.path("fsdlog.sqlite")
    try ingest([old], into: database)
    let clipsBefore = try SQLiteCLI.scalar(database, "SELECT count(*) FROM clips")
    let new = folder.path("Moved")
    try FileManager.default.moveItem(atPath: old, toPath: new)
    let moved = try ingest([new], into: database)
    let known = try XCTUnwrap(try SQLiteCLI.rows(database, "SELECT count(*) AS n FROM clips WHERE fingerprint != 'none: not read'")
      .first?["n"] as? Int)
    XCTAssertEqual(moved.movedClips, known)
    XCTAssertEqual(moved.ingested, 0)
    XCTAssertEqual(moved.framesDecoded, 0)
    let store = try Store(path: database)
    let clip = new + "/RecentClips/2026-11-02/2026-11-02_08-15-31-front.mp4"
    let before = try XCTUnwrap(try store.clip(path: clip))

    // Flip one byte inside the first 64 KiB, with the modification time put back: only the
    // fingerprint tells.
    let mtime = try XCTUnwrap(try FileManager.default.attributesOfItem(atPath: clip)[.modificationDate] as? Date)
    let handle = try FileHandle(forUpdating: URL(fileURLWithPath: clip))
    try handle.seek(toOffset: 4096)
    let byte = try XCTUnwrap(try handle.read(upToCount: 1)?.first)
    try handle.seek(toOffset: 4096)
    try handle.write(contentsOf: Data([byte ^ 0xFF]))
    try handle.close()
    try FileManager.default.setAttributes([.modificationDate: mtime], ofItemAtPath: clip)
    let observer = RecordingObserver()
    let changed = try ingest([new], into: database, observer: observer)

    // Read again (what the damaged frame makes of it is not the point): not taken as unchanged.
    let kind = try XCTUnwrap(observer.outcomes.first { $0.path == clip }?.kind)
    XCTAssertTrue([.ingested, .partial, .failed].contains(kind), "\(kind)")
    XCTAssertEqual(changed.ingested + changed.failed, 1)
    XCTAssertEqual(changed.movedClips, 0)
    let after = try XCTUnwrap(try store.clip(path: clip))
    XCTAssertEqual(after.id, before.id, "analysed again in its own row")
    XCTAssertNotEqual(after.fingerprint, before.fingerprint)
    XCTAssertEqual(after.ingestRunId, changed.runID)
    XCTAssertEqual(try SQLiteCLI.scalar(database, "SELECT count(*) FROM clips"), clipsBefore)
    XCTAssertEqual(try SQLiteCLI.scalar(database, "SELECT count(*) FROM clips WHERE path NOT LIKE '\(new)/%'"), "0")
  }

  func testACopyWithNewModificationTimesWhoseOriginalIsGoneIsNotAnalysedAgain() throws {
    // cp without -p, then the stick reformatted: the same bytes, a new path and a new time.
    let folder = try TemporaryFolder()
    let stick = try folder.copyOfSamples()
    let database = folder.path("fsdlog.sqlite")
    try ingest([stick], into: database)
    let before = try SQLiteCLI.rows(database, "SELECT id, ingest_run_id, ingested_at FROM clips ORDER BY id")
      .map { "\($0["id"]!) \($0["ingest_run_id"]!) \($0["ingested_at"]!)" }
    let laptop = folder.path("Laptop")
    try Tool.run("/bin/cp", ["-R", stick, laptop])
    try FileManager.default.removeItem(atPath: stick)
    let copied = Date(timeIntervalSince1970: 1_830_000_000)
    let files = try XCTUnwrap(FileManager.default.enumerator(atPath: laptop)).compactMap { $0 as? String }
    for file in files where file.hasSuffix(".mp4") {
      try FileManager.default.setAttributes([.modificationDate: copied], ofItemAtPath: laptop + "/" + file)
    }

    let summary = try ingest([laptop], into: database)

    XCTAssertEqual(summary.movedClips, before.count)
    XCTAssertEqual(summary.ingested, 0)
    XCTAssertEqual(summary.failed, 0)
    XCTAssertEqual(summary.framesDecoded, 0)
    XCTAssertEqual(try SQLiteCLI.rows(database, "SELECT id, ingest_run_id, ingested_at FROM clips ORDER BY id")
      .map { "\($0["id"]!) \($0["ingest_run_id"]!) \($0["ingested_at"]!)" }, before)
    XCTAssertEqual(try SQLiteCLI.scalar(database, "SELECT DISTINCT mtime_s FROM clips"), "1830000000.0")
    // And the next run finds them unchanged where they are.
    let again = try ingest([laptop], into: database)
    XCTAssertEqual(again.movedClips, 0)
    XCTAssertEqual(again.ingested, 0)
  }

  func testAPathWhoseStoredClipWasReplacedByAKnownClipKeepsItsRow() throws {
    // Two trees with a clip of the same name, other recordings; then the first tree goes and its
    // clip is copied over the second's. The path's own row is analysed again; the other row may
    // not take the path (it is the path's row that knows it), nor may the ingest stop.
    let folder = try TemporaryFolder()
    let name = "RecentClips/2026-11-02_08-14-31-front.mp4"
    let first = folder.path("A/" + name), second = folder.path("B/" + name)
    try FFmpeg.makeClip(first, seconds: 2)
    try FFmpeg.makeClip(second, seconds: 1.5, source: "mandelbrot=size=320x240:rate=36")
    let database = folder.path("fsdlog.sqlite")
    try ingest([folder.path("A"), folder.path("B")], into: database)
    let store = try Store(path: database)
    let secondRow = try XCTUnwrap(try store.clip(path: second))
    let firstFingerprint = try XCTUnwrap(try store.clip(path: first)).fingerprint
    try FileManager.default.removeItem(atPath: second)
    try FileManager.default.moveItem(atPath: first, toPath: second)

    let summary = try ingest([folder.path("B")], into: database)

    XCTAssertEqual(summary.ingested, 1)
    XCTAssertEqual(summary.movedClips, 0)
    let row = try XCTUnwrap(try store.clip(path: second))
    XCTAssertEqual(row.id, secondRow.id)
    XCTAssertEqual(row.fingerprint, firstFingerprint)
    XCTAssertEqual(try SQLiteCLI.scalar(database, "SELECT count(*) FROM clips"), "2", "the first row stays, its file gone")
  }

  func testRowsAnEarlierFsdlogStoredTwiceForOneClipBecomeOne() throws {
    let folder = try TemporaryFolder()
    let stick = try folder.copyOfSamples()
    let database = folder.path("fsdlog.sqlite")
    try ingest([stick], into: database)
    let clipsBefore = try SQLiteCLI.rows(database, "SELECT id, path FROM clips ORDER BY id")
    let foldersBefore = try SQLiteCLI.rows(database, "SELECT id, path FROM event_folders ORDER BY id")
    let drivesBefore = try SQLiteCLI.scalar(database, "SELECT count(*) || ' ' || sum(clip_count) FROM drives")
    let copy = folder.path("Copy")
    try FileManager.default.copyItem(atPath: stick, toPath: copy)
    // What the fsdlog of the issue did with the copy: a second row for every clip and folder.
    try Tool.run("/usr/bin/sqlite3", [database, """
      CREATE TEMP TABLE f AS SELECT * FROM event_folders;
      UPDATE f SET id = id + 1000, path = replace(path, '\(stick)/', '\(copy)/'),
        thumbnail_path = replace(thumbnail_path, '\(stick)/', '\(copy)/');
      INSERT INTO event_folders SELECT * FROM f;
      CREATE TEMP TABLE c AS SELECT * FROM clips;
      UPDATE c SET id = id + 1000, path = replace(path, '\(stick)/', '\(copy)/'), event_folder_id = event_folder_id + 1000;
      INSERT INTO clips SELECT * FROM c;
      """])
    XCTAssertEqual(try SQLiteCLI.scalar(database, "SELECT count(*) FROM clips"), String(2 * clipsBefore.count))

    let observer = RecordingObserver()
    let summary = try ingest([copy], into: database, observer: observer)

    // The first rows stay, at the paths that still hold their clips; the copy adds nothing.
    XCTAssertEqual(try SQLiteCLI.rows(database, "SELECT id, path FROM clips ORDER BY id").map { "\($0["id"]!) \($0["path"]!)" },
                   clipsBefore.map { "\($0["id"]!) \($0["path"]!)" })
    XCTAssertEqual(try SQLiteCLI.rows(database, "SELECT id, path FROM event_folders ORDER BY id").map { "\($0["id"]!) \($0["path"]!)" },
                   foldersBefore.map { "\($0["id"]!) \($0["path"]!)" })
    XCTAssertEqual(try SQLiteCLI.scalar(database, "SELECT count(*) || ' ' || sum(clip_count) FROM drives"), drivesBefore)
    XCTAssertEqual(summary.ingested, 0)
    let readable = try XCTUnwrap(try SQLiteCLI.rows(database, "SELECT count(*) AS n FROM clips WHERE fingerprint != 'none: not read'")
      .first?["n"] as? Int)
    XCTAssertEqual(summary.copies, readable)
    XCTAssertEqual(Set(observer.outcomes.filter { $0.kind == .copy }.map(\.path)).count, readable)
    XCTAssertTrue(observer.outcomes.filter { $0.kind == .copy }.allSatisfy { $0.path.hasPrefix(copy + "/") })
  }
}
