import FSDTestSupport
import FSDDiscovery
import FSDStore
import Foundation
import XCTest

@testable import FSDIngest

/// One ingest of the committed sample tree into a fresh database. Every expectation is derived
/// from the tree itself (discovery, file bytes, ffprobe, event.json), not from an earlier run.
final class IngestPipelineTests: XCTestCase {
  /// What each discovered clip should become, judged without fsdlog: not a video, unreadable by
  /// FFmpeg, a front clip FFmpeg decodes fewer frames of than its index lists, or fine.
  private func expectedStatus(_ clip: ClipFile) throws -> ClipRecord.Status {
    switch try fileKind(clip.path) {
    case .notVideo: return .notVideo
    case .unreadable: return .failed
    case .video:
      if clip.isFront, try FFmpeg.decodedFrameCount(clip.path) < FFmpeg.indexedFrameCount(clip.path) { return .partial }
      return .ok
    }
  }

  func testSummaryCountsMatchWhatTheTreeHolds() throws {
    let run = try SampleRun.shared()
    var expected: [ClipRecord.Status: Int] = [:]
    for clip in run.discovery.clips { expected[try expectedStatus(clip), default: 0] += 1 }
    // The tree must still hold every case, or this test would prove less than it claims.
    for status in ClipRecord.Status.allCases { XCTAssertGreaterThan(expected[status] ?? 0, 0, "sample tree has no \(status) clip") }

    let summary = run.summary
    XCTAssertEqual(summary.clipsFound, run.discovery.clips.count)
    XCTAssertEqual(summary.ingested, (expected[.ok] ?? 0) + (expected[.partial] ?? 0))
    XCTAssertEqual(summary.partial, expected[.partial] ?? 0)
    XCTAssertEqual(summary.notVideo, expected[.notVideo] ?? 0)
    XCTAssertEqual(summary.failed, expected[.failed] ?? 0)
    XCTAssertEqual(summary.unchanged, 0)
    XCTAssertFalse(summary.interrupted)
    XCTAssertEqual(summary.encryptedFolders, [sampleTeslaCam + "/EncryptedClips"])
    XCTAssertEqual(summary.database, run.database)
    // A failed clip makes the run exit 1 so scripts notice; not-video stubs do not.
    XCTAssertEqual(summary.exitCode, 1)
  }

  func testEachClipIsStoredWithTheStatusItsFileImplies() throws {
    let run = try SampleRun.shared()
    let rows = try run.clipRows()
    XCTAssertEqual(try SQLiteCLI.scalar(run.database, "SELECT count(*) FROM clips"), String(run.discovery.clips.count))
    var problems: Set<String> = []
    for clip in run.discovery.clips {
      let row = try XCTUnwrap(rows[clip.path], "no row for \(clip.path)")
      let status = try expectedStatus(clip)
      XCTAssertEqual(row.status, status, clip.path)
      if status == .ok { XCTAssertNil(row.error, clip.path) } else { XCTAssertFalse(row.error?.isEmpty ?? true, clip.path) }
      if status != .ok { problems.insert(clip.path) }
    }
    // Every problem clip is listed once in the summary, with its reason.
    XCTAssertEqual(Set(run.summary.problems.map(\.path)), problems)
    XCTAssertEqual(run.summary.problems.count, problems.count)
    XCTAssertTrue(run.summary.problems.allSatisfy { !$0.reason.isEmpty })
  }

  func testClipRowsDescribeTheirFiles() throws {
    let run = try SampleRun.shared()
    let rows = try run.clipRows()
    for clip in run.discovery.clips {
      let row = try XCTUnwrap(rows[clip.path])
      XCTAssertEqual(row.camera, clip.camera)
      XCTAssertEqual(row.source, clip.source.rawValue)
      XCTAssertEqual(row.nameTimeLocal, clip.nameTime?.description)
      XCTAssertEqual(row.sizeBytes, try fileSize(clip.path))
      XCTAssertEqual(row.fingerprint, try ClipFingerprint.of(path: clip.path, sizeBytes: row.sizeBytes))
      XCTAssertEqual(row.ingestRunId, run.summary.runID)
      XCTAssertEqual(row.analysisVersion, IngestOptions.analysisVersion)
      guard row.status == .ok || row.status == .partial else { continue }
      let probe = try XCTUnwrap(FFmpeg.probe(clip.path), clip.path)
      // FFmpeg prints "2026-11-02T16:14:31.000000Z"; the row keeps whole seconds.
      let created = try XCTUnwrap(probe.creationTime, clip.path)
      XCTAssertEqual(row.startUtc, created.replacingOccurrences(of: ".000000Z", with: "Z"), clip.path)
      XCTAssertEqual(row.codec, "h264")
      XCTAssertEqual(row.width, probe.width, clip.path)
      XCTAssertEqual(row.height, probe.height, clip.path)
    }
  }

  func testFramesOfEachOKFrontClipMatchFFprobe() throws {
    let run = try SampleRun.shared()
    let rows = try run.clipRows()
    var storedFrames = 0
    var checked = 0
    for clip in run.discovery.clips where clip.isFront {
      let row = try XCTUnwrap(rows[clip.path])
      guard row.status == .ok || row.status == .partial else { continue }
      let motion = try XCTUnwrap(try run.store.motion(clipID: XCTUnwrap(row.id)), clip.path)
      storedFrames += motion.frameCount
      XCTAssertEqual(row.frameCount, motion.frameCount, clip.path)
      XCTAssertEqual(row.decodeQuality, "analysis", clip.path)
      if row.status == .ok {
        XCTAssertEqual(motion.frameCount, try FFmpeg.decodedFrameCount(clip.path), clip.path)
        checked += 1
      }
    }
    XCTAssertGreaterThanOrEqual(checked, 4)
    // The summary and the progress reports count the same frames the database holds.
    XCTAssertEqual(run.summary.framesDecoded, storedFrames)
    XCTAssertEqual(run.observer.outcomes.map(\.framesDecoded).reduce(0, +), storedFrames)
  }

  func testPartialClipKeepsTheFramesThatDecodeAndTheirDuration() throws {
    let run = try SampleRun.shared()
    let partial = try XCTUnwrap(try run.clipRows().values.first { $0.status == .partial })
    let indexed = try FFmpeg.indexedFrameCount(partial.path)
    let motion = try XCTUnwrap(try run.store.motion(clipID: XCTUnwrap(partial.id)))
    XCTAssertGreaterThan(motion.frameCount, 0)
    XCTAssertLessThan(motion.frameCount, indexed)
    // FFmpeg and fsdlog read the same damaged file; allow the last broken frame or two to differ.
    XCTAssertEqual(Double(motion.frameCount), Double(try FFmpeg.decodedFrameCount(partial.path)), accuracy: 2)
    // The duration is what is really there (frames at the samples' 36 fps), not the index's.
    XCTAssertEqual(try XCTUnwrap(partial.durationS), Double(motion.frameCount) / 36, accuracy: 1e-6)
    XCTAssertLessThan(try XCTUnwrap(partial.durationS), Double(indexed) / 36 - 1)
    XCTAssertTrue(partial.error?.contains("\(indexed)") ?? false, "reason should say how many frames the index lists: \(partial.error ?? "nil")")
  }

  func testMotionSeriesAreWellFormed() throws {
    let run = try SampleRun.shared()
    var sawMotion = false
    for row in try run.clipRows().values where row.camera == "front" && row.status != .failed && row.status != .notVideo {
      let motion = try XCTUnwrap(try run.store.motion(clipID: XCTUnwrap(row.id)))
      XCTAssertTrue(motion.ptsSeconds.isStrictlyIncreasing, "\(row.path): pts not strictly increasing")
      XCTAssertEqual(motion.mafd.first, 0, "\(row.path): the first frame has no predecessor")
      XCTAssertTrue(motion.mafd.allSatisfy { $0.isFinite && $0 >= 0 && $0 <= 100 }, "\(row.path): mafd outside 0...100")
      // The samples are constant 36 fps: pts are k/36 s, never index ÷ a guessed rate.
      XCTAssertEqual(motion.ptsSeconds.first ?? -1, 0, accuracy: 1e-9, row.path)
      for (index, pts) in motion.ptsSeconds.enumerated() {
        XCTAssertEqual(pts, Double(index) / 36, accuracy: 1e-6, "\(row.path) frame \(index)")
      }
      if motion.mafd.dropFirst().contains(where: { $0 > 0 }) { sawMotion = true }
    }
    XCTAssertTrue(sawMotion, "every sample clip moves; an all-zero series means frames were not compared")
  }

  func testOtherCamerasAreRecordedButNotDecoded() throws {
    let run = try SampleRun.shared()
    var checked = 0
    for row in try run.clipRows().values where row.camera != "front" && row.status == .ok {
      XCTAssertNil(try run.store.motion(clipID: XCTUnwrap(row.id)), row.path)
      XCTAssertNil(row.decodeQuality, row.path)
      // Their frame count is what the index lists, read without decoding.
      XCTAssertEqual(row.frameCount, try FFmpeg.indexedFrameCount(row.path), row.path)
      checked += 1
    }
    XCTAssertGreaterThan(checked, 0)
    XCTAssertEqual(try SQLiteCLI.scalar(run.database, "SELECT count(*) FROM motion m JOIN clips c ON c.id = m.clip_id WHERE c.camera != 'front'"), "0")
  }

  func testEventFolderRowsCarryTheEventJSONFields() throws {
    let run = try SampleRun.shared()
    // quote() prints a REAL with every digit it needs; sqlite3 -json output goes through
    // Foundation's JSON number parsing, which is not exact on Linux.
    let rows = try SQLiteCLI.rows(run.database, "SELECT *, quote(est_lat) AS lat_text, quote(est_lon) AS lon_text FROM event_folders")
    XCTAssertEqual(rows.count, run.discovery.eventFolders.count)
    var parsedOne = false, brokenOne = false
    for folder in run.discovery.eventFolders {
      let row = try XCTUnwrap(rows.first { $0["path"] as? String == folder.path }, folder.path)
      XCTAssertEqual(row["source"] as? String, folder.source.rawValue)
      let thumbnail = folder.path + "/thumb.png"
      XCTAssertEqual(row["thumbnail_path"] as? String, FileManager.default.fileExists(atPath: thumbnail) ? thumbnail : nil)
      let text = try String(contentsOfFile: folder.path + "/event.json", encoding: .utf8)
      guard let json = (try? JSONSerialization.jsonObject(with: Data(text.utf8))) as? [String: Any] else {
        // Not JSON: the folder is kept with the reason, and no field is guessed.
        brokenOne = true
        XCTAssertTrue((row["event_json_error"] as? String)?.contains("event.json") ?? false, folder.path)
        for column in ["event_json", "timestamp_local", "city", "reason", "est_lat"] {
          XCTAssertTrue(row[column] is NSNull, "\(folder.path): \(column) should be NULL")
        }
        continue
      }
      parsedOne = true
      XCTAssertTrue(row["event_json_error"] is NSNull, folder.path)
      XCTAssertEqual(row["event_json"] as? String, text)
      XCTAssertEqual(row["timestamp_local"] as? String, json["timestamp"] as? String)
      XCTAssertEqual(row["city"] as? String, json["city"] as? String)
      XCTAssertEqual(row["street"] as? String, json["street"] as? String)
      XCTAssertEqual(row["reason"] as? String, json["reason"] as? String)
      XCTAssertEqual(row["camera"] as? String, json["camera"] as? String)
      XCTAssertEqual((row["lat_text"] as? String).flatMap(Double.init), (json["est_lat"] as? String).flatMap(Double.init))
      XCTAssertEqual((row["lon_text"] as? String).flatMap(Double.init), (json["est_lon"] as? String).flatMap(Double.init))
      XCTAssertNotNil(json["est_lat"], "the sample event.json files give a position")
    }
    XCTAssertTrue(parsedOne && brokenOne, "the sample tree has a good and a malformed event.json")

    // Each clip points at its event folder; RecentClips clips at none.
    let folderIDs = Dictionary(uniqueKeysWithValues: rows.map { ($0["path"] as! String, ($0["id"] as! NSNumber).int64Value) })
    let clips = try run.clipRows()
    for clip in run.discovery.clips {
      XCTAssertEqual(clips[clip.path]?.eventFolderId, clip.eventFolderPath.flatMap { folderIDs[$0] }, clip.path)
    }
    XCTAssertTrue(run.discovery.clips.contains { $0.eventFolderPath != nil })
  }

  func testRunRowRecordsTheRun() throws {
    let run = try SampleRun.shared()
    let summary = run.summary
    let row = try XCTUnwrap(try SQLiteCLI.rows(run.database, "SELECT * FROM ingest_runs WHERE id = \(try XCTUnwrap(summary.runID))").first)
    XCTAssertEqual(row["status"] as? String, "completed")
    XCTAssertEqual(row["clips_ingested"] as? Int, summary.ingested)
    XCTAssertEqual(row["clips_partial"] as? Int, summary.partial)
    XCTAssertEqual(row["clips_failed"] as? Int, summary.failed)
    XCTAssertEqual(row["clips_skipped"] as? Int, summary.unchanged + summary.notVideo)
    XCTAssertEqual(row["frames_decoded"] as? Int, summary.framesDecoded)
    XCTAssertEqual(row["jobs"] as? Int, 1)
    XCTAssertEqual(row["force"] as? Int, 0)
    XCTAssertEqual(row["decode_quality"] as? String, "analysis")
    XCTAssertEqual(row["tool_version"] as? String, IngestOptions.toolVersion)
    XCTAssertFalse(row["finished_at"] is NSNull)
    XCTAssertGreaterThan(row["wall_s"] as? Double ?? 0, 0)
    // The arguments are kept as a JSON array, as given.
    let paths = try JSONSerialization.jsonObject(with: Data(try XCTUnwrap(row["paths"] as? String).utf8)) as? [String]
    XCTAssertEqual(paths, [sampleTeslaCam])
  }

  func testObserverHearsThePlanAndEveryClip() throws {
    let run = try SampleRun.shared()
    let planned = try XCTUnwrap(run.observer.planned)
    XCTAssertEqual(planned.progress.clipsTotal, run.discovery.clips.count)
    XCTAssertEqual(planned.progress.bytesTotal, try run.discovery.clips.map { try fileSize($0.path) }.reduce(0, +))
    XCTAssertEqual(planned.progress.clipsDone, 0)
    XCTAssertEqual(planned.progress.bytesDone, 0)
    XCTAssertEqual(planned.encrypted, run.discovery.encryptedFolders)
    XCTAssertEqual(Set(run.observer.outcomes.map(\.path)), Set(run.discovery.clips.map(\.path)))
    XCTAssertEqual(run.observer.outcomes.count, run.discovery.clips.count)
    // One worker: each report counts one more clip, and the last one accounts for everything.
    let progress = run.observer.progress
    XCTAssertEqual(progress.map(\.clipsDone), Array(1...run.discovery.clips.count))
    XCTAssertEqual(progress.last?.bytesDone, planned.progress.bytesTotal)
    XCTAssertEqual(progress.last?.framesDecoded, run.summary.framesDecoded)
  }

  func testClipDeletedAfterDiscoveryIsReportedFailedAndNotStored() throws {
    // The car recycles RecentClips while the drive is plugged in: a listed clip can vanish
    // before it is read. The others still go in, and the run says which one was lost.
    let folder = try TemporaryFolder()
    let recent = folder.path("RecentClips")
    let stays = recent + "/2026-11-02_08-14-31-front.mp4", goes = recent + "/2026-11-02_08-15-31-front.mp4"
    try FFmpeg.makeClip(stays, seconds: 1)
    try FFmpeg.makeClip(goes, seconds: 1)
    let discovery = try Discovery.discover(paths: [recent])
    try FileManager.default.removeItem(atPath: goes)
    let database = folder.path("fsdlog.sqlite")

    let summary = try IngestPipeline(store: Store(path: database), options: IngestOptions(jobs: 1)).run(discovery, arguments: [recent])

    XCTAssertEqual(summary.ingested, 1)
    XCTAssertEqual(summary.failed, 1)
    XCTAssertEqual(summary.exitCode, 1)
    XCTAssertEqual(summary.problems.map(\.path), [goes])
    XCTAssertEqual(try SQLiteCLI.paths(database), [stays])
  }
}
