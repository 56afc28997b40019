import FSDTestSupport
import FSDDiscovery
import FSDStore
import Foundation
import XCTest

@testable import FSDIngest

/// Running ingest again: unchanged clips are skipped without decoding, --force redoes them, and
/// a clip whose file changed is analysed again.
final class IngestRerunTests: XCTestCase {
  /// id, ingest run and fingerprint of every clip row, by path.
  private func snapshot(_ database: String) throws -> [String: [String: Any]] {
    var rows: [String: [String: Any]] = [:]
    for row in try SQLiteCLI.rows(database, "SELECT id, path, status, ingest_run_id, fingerprint FROM clips") {
      rows[row["path"] as! String] = row
    }
    return rows
  }

  func testSecondRunFindsEveryReadableClipUnchangedAndDecodesNothing() throws {
    let folder = try TemporaryFolder()
    let database = folder.path("fsdlog.sqlite")
    let first = try ingest([sampleTeslaCam], into: database)
    let before = try snapshot(database)
    let readable = Set(before.filter { ["ok", "partial"].contains($0.value["status"] as? String) }.keys)
    XCTAssertGreaterThan(readable.count, 0)

    let observer = RecordingObserver()
    let second = try ingest([sampleTeslaCam], into: database, observer: observer)

    XCTAssertEqual(second.unchanged, readable.count)
    XCTAssertEqual(second.ingested, 0)
    XCTAssertEqual(second.partial, 0)
    XCTAssertEqual(second.framesDecoded, 0)
    XCTAssertEqual(Set(observer.outcomes.filter { $0.kind == .unchanged }.map(\.path)), readable)
    XCTAssertTrue(observer.outcomes.allSatisfy { $0.framesDecoded == 0 })
    // Files recorded as not readable clips and unchanged since are known problems: reported
    // again, not read again and not counted as new failures (a file the car finished later has
    // changed, and is read again: IngestProblemPathTests).
    XCTAssertEqual(second.notVideo, 0)
    XCTAssertEqual(second.failed, 0)
    XCTAssertEqual(second.knownProblems, first.notVideo + first.failed)
    XCTAssertEqual(Set(second.problems.filter { $0.kind == .knownProblem }.map(\.path)),
                   Set(first.problems.filter { [.notVideo, .failed].contains($0.kind) }.map(\.path)))
    XCTAssertEqual(second.exitCode, 0)
    // Skipped rows are left as they were: same id, still credited to the first run.
    let after = try snapshot(database)
    for path in readable {
      XCTAssertEqual(after[path]?["id"] as? Int, before[path]?["id"] as? Int, path)
      XCTAssertEqual(after[path]?["ingest_run_id"] as? Int, before[path]?["ingest_run_id"] as? Int, path)
    }
    let run = try XCTUnwrap(try SQLiteCLI.rows(database, "SELECT * FROM ingest_runs WHERE id = \(try XCTUnwrap(second.runID))").first)
    XCTAssertEqual(run["clips_skipped"] as? Int, readable.count + first.notVideo + first.failed)
    XCTAssertEqual(run["frames_decoded"] as? Int, 0)
    XCTAssertEqual(try SQLiteCLI.scalar(database, "SELECT count(*) FROM clips"), String(before.count))
  }

  func testForceAnalysesEveryClipAgainWithTheSameResult() throws {
    let folder = try TemporaryFolder()
    let database = folder.path("fsdlog.sqlite")
    let first = try ingest([sampleTeslaCam], into: database)
    let store = try Store(path: database)
    var series: [String: StoredMotion] = [:]
    for path in try SQLiteCLI.paths(database) {
      if let id = try store.clip(path: path)?.id, let motion = try store.motion(clipID: id) { series[path] = motion }
    }

    let forced = try ingest([sampleTeslaCam], into: database, options: IngestOptions(jobs: 1, force: true))

    XCTAssertEqual(forced.unchanged, 0)
    XCTAssertEqual(forced.ingested, first.ingested)
    XCTAssertEqual(forced.partial, first.partial)
    XCTAssertEqual(forced.framesDecoded, first.framesDecoded)
    XCTAssertGreaterThan(forced.framesDecoded, 0)
    XCTAssertEqual(try SQLiteCLI.scalar(database, "SELECT count(*) FROM clips WHERE ingest_run_id = \(try XCTUnwrap(forced.runID))"),
                   String(first.clipsFound))
    XCTAssertEqual(try SQLiteCLI.scalar(database, "SELECT force FROM ingest_runs WHERE id = \(try XCTUnwrap(forced.runID))"), "1")
    // Decoding is deterministic: the redone series equal the first ones bit for bit.
    for (path, motion) in series {
      let again = try XCTUnwrap(try store.motion(clipID: XCTUnwrap(try store.clip(path: path)?.id)), path)
      XCTAssertEqual(again.ptsSeconds.map(\.bitPattern), motion.ptsSeconds.map(\.bitPattern), path)
      XCTAssertEqual(again.mafd.map(\.bitPattern), motion.mafd.map(\.bitPattern), path)
    }
    XCTAssertEqual(try SQLiteCLI.scalar(database, "SELECT count(*) FROM motion"), String(series.count))
  }

  func testRewrittenClipIsIngestedAgain() throws {
    let folder = try TemporaryFolder()
    let recent = folder.path("TeslaCam/RecentClips")
    let kept = recent + "/2026-11-02_08-14-31-front.mp4", rewritten = recent + "/2026-11-02_08-15-31-front.mp4"
    try FFmpeg.makeClip(kept, seconds: 2, utc: "2026-11-02T16:14:31Z")
    try FFmpeg.makeClip(rewritten, seconds: 2, utc: "2026-11-02T16:15:31Z")
    let database = folder.path("fsdlog.sqlite")
    try ingest([recent], into: database)
    let store = try Store(path: database)
    let keptBefore = try XCTUnwrap(try store.clip(path: kept))
    let old = try XCTUnwrap(try store.clip(path: rewritten))

    // Same name, other recording (an archiver restoring a different copy).
    try FFmpeg.makeClip(rewritten, seconds: 1.5, utc: "2026-11-02T16:15:31Z", source: "mandelbrot=size=320x240:rate=36")
    let observer = RecordingObserver()
    let summary = try ingest([recent], into: database, observer: observer)

    XCTAssertEqual(summary.ingested, 1)
    XCTAssertEqual(summary.unchanged, 1)
    XCTAssertEqual(observer.outcomes.first { $0.path == rewritten }?.kind, .ingested)
    let new = try XCTUnwrap(try store.clip(path: rewritten))
    XCTAssertNotEqual(new.fingerprint, old.fingerprint)
    XCTAssertEqual(new.sizeBytes, try fileSize(rewritten))
    XCTAssertEqual(new.ingestRunId, summary.runID)
    let frames = try FFmpeg.decodedFrameCount(rewritten)
    XCTAssertEqual(new.frameCount, frames)
    XCTAssertEqual(try store.motion(clipID: XCTUnwrap(new.id))?.frameCount, frames)
    // One series per clip: the old one is gone (the new row may reuse the old id, so count rows).
    XCTAssertNotEqual(old.frameCount, frames)
    XCTAssertEqual(try SQLiteCLI.scalar(database, "SELECT count(*) FROM motion"), "2")
    XCTAssertEqual(try store.clip(path: kept), keptBefore)
  }

  func testInPlaceRewriteWithSameSizeAndMtimeIsCaughtByTheFingerprint() throws {
    // ClipFingerprint exists for this: size and mtime say nothing changed, the bytes did.
    let folder = try TemporaryFolder()
    let clip = folder.path("RecentClips/2026-11-02_08-14-31-front.mp4")
    try FFmpeg.makeClip(clip, seconds: 2)
    let mtime = Date(timeIntervalSince1970: 1_793_636_071)  // whole seconds survive any file system
    try FileManager.default.setAttributes([.modificationDate: mtime], ofItemAtPath: clip)
    let database = folder.path("fsdlog.sqlite")
    try ingest([clip], into: database)
    let store = try Store(path: database)
    let before = try XCTUnwrap(try store.clip(path: clip))

    // Flip one byte inside the first 64 KiB, then put the modification time back.
    let handle = try FileHandle(forUpdating: URL(fileURLWithPath: clip))
    try handle.seek(toOffset: 20)
    let byte = try XCTUnwrap(try handle.read(upToCount: 1)?.first)
    try handle.seek(toOffset: 20)
    try handle.write(contentsOf: Data([byte ^ 0xFF]))
    try handle.close()
    try FileManager.default.setAttributes([.modificationDate: mtime], ofItemAtPath: clip)

    let summary = try ingest([clip], into: database)

    XCTAssertEqual(summary.unchanged, 0, "a changed clip must not be skipped")
    let after = try XCTUnwrap(try store.clip(path: clip))
    XCTAssertEqual(after.sizeBytes, before.sizeBytes)
    XCTAssertEqual(after.mtimeS, before.mtimeS)
    XCTAssertNotEqual(after.fingerprint, before.fingerprint)
    XCTAssertEqual(after.ingestRunId, summary.runID)
  }

  func testTouchedClipIsAnalysedAgain() throws {
    // mtime is part of a clip's identity: a copy tool that rewrote the file is not trusted.
    let folder = try TemporaryFolder()
    let clip = folder.path("RecentClips/2026-11-02_08-14-31-front.mp4")
    try FFmpeg.makeClip(clip, seconds: 1)
    let database = folder.path("fsdlog.sqlite")
    try ingest([clip], into: database)
    try FileManager.default.setAttributes([.modificationDate: Date(timeIntervalSince1970: 1_800_000_000)], ofItemAtPath: clip)

    let summary = try ingest([clip], into: database)

    XCTAssertEqual(summary.ingested, 1)
    XCTAssertEqual(summary.unchanged, 0)
    XCTAssertEqual(summary.framesDecoded, try FFmpeg.decodedFrameCount(clip))
  }

  func testRepairedEventJSONUpdatesTheFolderRowInPlace() throws {
    // The sample event folder whose event.json was cut off; someone restores a good copy.
    let folder = try TemporaryFolder()
    let event = folder.path("TeslaCam/SavedClips/2026-11-05_12-00-00")
    try FileManager.default.createDirectory(atPath: folder.path("TeslaCam/SavedClips"), withIntermediateDirectories: true)
    try FileManager.default.copyItem(atPath: sampleTeslaCam + "/SavedClips/2026-11-05_12-00-00", toPath: event)
    let database = folder.path("fsdlog.sqlite")
    try ingest([folder.path("TeslaCam")], into: database)
    let broken = try XCTUnwrap(try SQLiteCLI.rows(database, "SELECT * FROM event_folders").first)
    XCTAssertFalse(broken["event_json_error"] is NSNull)

    let repaired = #"{"timestamp":"2026-11-05T12:00:00","city":"Mountain View","reason":"vehicle_auto_emergency_braking","camera":"0"}"#
    try Data(repaired.utf8).write(to: URL(fileURLWithPath: event + "/event.json"))
    try ingest([folder.path("TeslaCam")], into: database)

    let rows = try SQLiteCLI.rows(database, "SELECT * FROM event_folders")
    XCTAssertEqual(rows.count, 1)
    let row = try XCTUnwrap(rows.first)
    XCTAssertEqual(row["id"] as? Int, broken["id"] as? Int, "clips keep pointing at the same folder row")
    XCTAssertTrue(row["event_json_error"] is NSNull)
    XCTAssertEqual(row["event_json"] as? String, repaired)
    XCTAssertEqual(row["city"] as? String, "Mountain View")
    XCTAssertEqual(row["reason"] as? String, "vehicle_auto_emergency_braking")
    XCTAssertEqual(row["timestamp_local"] as? String, "2026-11-05T12:00:00")
    XCTAssertEqual(try SQLiteCLI.scalar(database, "SELECT count(*) FROM clips WHERE event_folder_id = \(try XCTUnwrap(row["id"] as? Int))"), "1")
  }

  func testClipAnalysedWithAnotherDecodeQualityIsAnalysedAgain() throws {
    // Front-clip motion depends on the decode quality, so a stored `analysis` series does not
    // satisfy an `exact` run; other cameras are not decoded and stay unchanged.
    let folder = try TemporaryFolder()
    let recent = folder.path("RecentClips")
    try FFmpeg.makeClip(recent + "/2026-11-02_08-14-31-front.mp4", seconds: 1)
    try FFmpeg.makeClip(recent + "/2026-11-02_08-14-31-back.mp4", seconds: 1)
    let database = folder.path("fsdlog.sqlite")
    try ingest([recent], into: database)

    let summary = try ingest([recent], into: database, options: IngestOptions(jobs: 1, decode: .exact))

    XCTAssertEqual(summary.ingested, 1)
    XCTAssertEqual(summary.unchanged, 1)
    XCTAssertEqual(try SQLiteCLI.scalar(database, "SELECT decode_quality FROM clips WHERE camera = 'front'"), "exact")
  }
}
