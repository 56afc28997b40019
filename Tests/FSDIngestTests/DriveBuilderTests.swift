import FSDTestSupport
import FSDDiscovery
import FSDStore
import Foundation
import XCTest

@testable import FSDIngest

/// Drives after an ingest: regrouped over everything in the database, with the other cameras
/// following their front clip.
final class DriveBuilderTests: XCTestCase {
  private struct ExpectedDrive {
    var clips: [ClipRecord]
    var start: Double
    var end: Double
  }

  private static let localFormat: DateFormatter = {
    let formatter = DateFormatter()
    formatter.locale = Locale(identifier: "en_US_POSIX")
    formatter.timeZone = TimeZone(identifier: "UTC")
    formatter.dateFormat = "yyyy-MM-dd'T'HH:mm:ss"
    return formatter
  }()

  private func seconds(_ local: String) throws -> Double {
    try XCTUnwrap(Self.localFormat.date(from: local), local).timeIntervalSince1970
  }

  private func local(_ seconds: Double) -> String {
    Self.localFormat.string(from: Date(timeIntervalSince1970: seconds.rounded(.down)))
  }

  /// Drives as the clip times imply, worked out here from the stored rows: readable front clips
  /// outside SentryClips, in file-name time order, and a new drive after more than two minutes
  /// without video.
  private func expectedDrives(_ rows: [ClipRecord]) throws -> [ExpectedDrive] {
    let candidates = try rows
      .filter { $0.camera == "front" && $0.source != "sentry" && ($0.status == .ok || $0.status == .partial) }
      .map { (clip: $0, start: try seconds(XCTUnwrap($0.nameTimeLocal))) }
      .sorted { ($0.start, $0.clip.id ?? 0) < ($1.start, $1.clip.id ?? 0) }
    var drives: [ExpectedDrive] = []
    for (clip, start) in candidates {
      let end = start + (clip.durationS ?? 0)
      if var last = drives.last, start - last.end <= 120 {
        last.clips.append(clip)
        last.end = max(last.end, end)
        drives[drives.count - 1] = last
      } else {
        drives.append(ExpectedDrive(clips: [clip], start: start, end: end))
      }
    }
    return drives
  }

  private func allClips(_ database: String) throws -> [ClipRecord] {
    let store = try Store(path: database)
    return try SQLiteCLI.paths(database).compactMap { try store.clip(path: $0) }
  }

  private func assertDrivesFollowClipTimes(_ database: String, file: StaticString = #filePath, line: UInt = #line) throws {
    let clips = try allClips(database)
    let expected = try expectedDrives(clips)
    let rows = try SQLiteCLI.rows(database, "SELECT * FROM drives ORDER BY start_local")
    XCTAssertEqual(rows.count, expected.count, file: file, line: line)
    for (row, drive) in zip(rows, expected) {
      XCTAssertEqual(row["start_local"] as? String, local(drive.start), file: file, line: line)
      XCTAssertEqual(row["end_local"] as? String, local(drive.end), file: file, line: line)
      XCTAssertEqual(row["start_utc"] as? String, drive.clips[0].startUtc, file: file, line: line)
      XCTAssertEqual(row["clip_count"] as? Int, drive.clips.count, file: file, line: line)
      XCTAssertEqual(row["duration_s"] as? Double ?? -1, drive.clips.compactMap(\.durationS).reduce(0, +), accuracy: 1e-9,
                     file: file, line: line)
      let id = (row["id"] as? NSNumber)?.int64Value
      for clip in drive.clips { XCTAssertEqual(clip.driveId, id, clip.path, file: file, line: line) }
    }
    // Every other camera goes with the front clip of the same time and folder, or with nothing.
    for clip in clips where clip.camera != "front" {
      let front = clips.first { $0.camera == "front" && $0.nameTimeLocal == clip.nameTimeLocal && $0.source == clip.source && $0.driveId != nil }
      XCTAssertEqual(clip.driveId, front?.driveId, clip.path, file: file, line: line)
    }
    // Front clips that are not drive candidates belong to no drive.
    for clip in clips where clip.camera == "front" && (clip.source == "sentry" || clip.status == .failed || clip.status == .notVideo) {
      XCTAssertNil(clip.driveId, clip.path, file: file, line: line)
    }
  }

  func testSampleTreeDrivesFollowTheClipTimes() throws {
    let run = try SampleRun.shared()
    try assertDrivesFollowClipTimes(run.database)
    XCTAssertEqual(run.summary.drives, try Int(SQLiteCLI.scalar(run.database, "SELECT count(*) FROM drives")))
    // tools/make-layout-fixture: the readable front clips of RecentClips/2026-11-02 are one drive; the
    // saved event eight minutes later, the next evening, and 2026-11-05 are drives of their own;
    // Sentry footage is a parked car.
    let firstDrive = try SQLiteCLI.paths(run.database, """
      SELECT path FROM clips WHERE camera = 'front' AND drive_id = (SELECT id FROM drives ORDER BY start_local LIMIT 1)
      """)
    let day = sampleTeslaCam + "/RecentClips/2026-11-02/"
    XCTAssertEqual(firstDrive, [day + "2026-11-02_08-14-31-front.mp4", day + "2026-11-02_08-15-31-front.mp4", day + "2026-11-02_08-16-31-front.mp4"])
    XCTAssertEqual(run.summary.drives, 4)
    XCTAssertEqual(try SQLiteCLI.scalar(run.database, "SELECT count(*) FROM clips WHERE source = 'sentry' AND drive_id IS NOT NULL"), "0")
  }

  func testDriveIDsSurviveANewClipJoiningTheEnd() throws {
    let folder = try TemporaryFolder()
    let tree = try folder.copyOfSamples()
    let database = folder.path("fsdlog.sqlite")
    try ingest([tree], into: database)
    let before = try SQLiteCLI.rows(database, "SELECT id, start_local, clip_count FROM drives ORDER BY start_local")

    // The car kept driving: one more front clip a minute after the last readable one.
    let added = tree + "/RecentClips/2026-11-02/2026-11-02_08-17-59-front.mp4"
    try FFmpeg.makeClip(added, seconds: 2, utc: "2026-11-02T16:17:59Z")
    let summary = try ingest([tree], into: database)

    XCTAssertEqual(summary.ingested, 1)
    let after = try SQLiteCLI.rows(database, "SELECT id, start_local, clip_count FROM drives ORDER BY start_local")
    XCTAssertEqual(after.map { $0["id"] as? Int }, before.map { $0["id"] as? Int }, "drive ids must not change")
    XCTAssertEqual(after.map { $0["start_local"] as? String }, before.map { $0["start_local"] as? String })
    XCTAssertEqual(after.first?["clip_count"] as? Int, (before.first?["clip_count"] as? Int ?? 0) + 1)
    XCTAssertEqual(try Store(path: database).clip(path: added)?.driveId, (after.first?["id"] as? NSNumber)?.int64Value)
    try assertDrivesFollowClipTimes(database)
  }

  func testDriveIDsSurviveForcedReanalysis() throws {
    // docs/schema.md: "a drive keeps its id while its first clip stays first". --force (or a new
    // analysis version, which redoes every clip) analyses the same files again: same clips, same
    // first clip, so the same drive.
    let folder = try TemporaryFolder()
    let recent = folder.path("TeslaCam/RecentClips")
    try FFmpeg.makeClip(recent + "/2026-11-02_08-14-31-front.mp4", seconds: 1, utc: "2026-11-02T16:14:31Z")
    try FFmpeg.makeClip(recent + "/2026-11-02_08-15-31-front.mp4", seconds: 1, utc: "2026-11-02T16:15:31Z")
    let database = folder.path("fsdlog.sqlite")
    try ingest([recent], into: database)
    let before = try SQLiteCLI.scalar(database, "SELECT id FROM drives")

    let forced = try ingest([recent], into: database, options: IngestOptions(jobs: 1, force: true))

    XCTAssertEqual(forced.ingested, 2)
    XCTAssertEqual(try SQLiteCLI.scalar(database, "SELECT count(*) FROM drives"), "1")
    // Re-analysis rebuilds each clip row without a drive; the store must keep the clip's drive
    // so replaceDrives finds the previous drive on the first clip instead of inserting a new one.
    XCTAssertEqual(try SQLiteCLI.scalar(database, "SELECT id FROM drives"), before)
    try assertDrivesFollowClipTimes(database)
  }

  func testClipWithoutATeslaNameIsPlacedByItsCreationTime() throws {
    // A clip someone exported and renamed has no name time; its MP4 creation time places it.
    let folder = try TemporaryFolder()
    let clip = folder.path("exports/my drive.mp4")
    try FFmpeg.makeClip(clip, seconds: 2, utc: "2026-11-02T16:14:31Z")
    let database = folder.path("fsdlog.sqlite")

    let summary = try ingest([folder.path("exports")], into: database)

    XCTAssertEqual(summary.drives, 1)
    let row = try XCTUnwrap(try SQLiteCLI.rows(database, "SELECT * FROM drives").first)
    XCTAssertEqual(row["start_local"] as? String, "2026-11-02T16:14:31")
    XCTAssertEqual(row["start_utc"] as? String, "2026-11-02T16:14:31Z")
    XCTAssertEqual(row["clip_count"] as? Int, 1)
  }

  func testSentryFootageMakesNoDrive() throws {
    let folder = try TemporaryFolder()
    let database = folder.path("fsdlog.sqlite")
    let summary = try ingest([sampleTeslaCam + "/SentryClips"], into: database)
    XCTAssertGreaterThan(summary.ingested, 0)
    XCTAssertEqual(summary.drives, 0)
    XCTAssertEqual(try SQLiteCLI.scalar(database, "SELECT count(*) FROM drives"), "0")
  }
}
