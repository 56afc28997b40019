import FSDTestSupport
import FSDDiscovery
import FSDStore
import Foundation
import XCTest

@testable import FSDIngest

/// Any dashcam clip becomes a drive: timed by its file name (TeslaCam or another dashcam's), else
/// its MP4 creation time, else its file's modification time minus its length; `time_source` says
/// which, and a creation time that disagrees with the name is reported and ignored.
final class AnyDashcamClipTests: XCTestCase {
  /// A 3 s clip (10 fps) with no MP4 creation time at all, or the one given.
  private func makeClip(_ path: String, creationTime: String? = nil, seconds: Double = 3) throws {
    try FileManager.default.createDirectory(
      atPath: (path as NSString).deletingLastPathComponent, withIntermediateDirectories: true)
    try Tool.run("/usr/bin/ffmpeg", [
      "-v", "error", "-y", "-f", "lavfi", "-i", "testsrc2=size=320x240:rate=10", "-t", String(seconds),
      "-c:v", "libx264", "-preset", "veryfast", "-pix_fmt", "yuv420p", "-map_metadata", "-1",
    ] + (creationTime.map { ["-metadata", "creation_time=\($0)"] } ?? []) + [path])
    XCTAssertEqual(FFmpeg.probe(path)?.creationTime.map { _ in true } ?? false, creationTime != nil, path)
  }

  private func setModificationTime(_ path: String, _ seconds: Double) throws {
    try FileManager.default.setAttributes([.modificationDate: Date(timeIntervalSince1970: seconds)], ofItemAtPath: path)
  }

  private func utc(_ iso: String) throws -> Double { try XCTUnwrap(ClipClock.utcSeconds(iso), iso) }

  func testClipWithNoTimeAnywhereIsADriveStartingAtItsModificationTimeMinusItsLength() throws {
    let folder = try TemporaryFolder()
    let clip = folder.path("exports/clip.mp4")
    try makeClip(clip)
    let mtime = try utc("2023-11-05T14:22:33Z")
    try setModificationTime(clip, mtime)
    let database = folder.path("fsdlog.sqlite")

    let summary = try ingest([clip], into: database)

    XCTAssertEqual(summary.ingested, 1)
    XCTAssertEqual(summary.drives, 1)
    let row = try XCTUnwrap(try SQLiteCLI.rows(database, "SELECT * FROM clips").first)
    XCTAssertEqual(row["time_source"] as? String, "file_modified")
    XCTAssertTrue(row["start_utc"] is NSNull, "no creation time is invented in start_utc")
    let duration = try XCTUnwrap((row["duration_s"] as? NSNumber)?.doubleValue)
    XCTAssertEqual(duration, 3, accuracy: 0.05)
    XCTAssertEqual(try XCTUnwrap((row["mtime_s"] as? NSNumber)?.doubleValue), mtime)
    let drive = try XCTUnwrap(try SQLiteCLI.rows(database, "SELECT * FROM drives").first)
    let expectedStart = Date(timeIntervalSince1970: (mtime - duration).rounded(.down))
    XCTAssertEqual(drive["start_utc"] as? String, Timestamps.utc(expectedStart))
    XCTAssertEqual(drive["start_local"] as? String, ClipClock.localText(mtime - duration))
    XCTAssertEqual(drive["clip_count"] as? Int, 1)
    XCTAssertEqual(try SQLiteCLI.scalar(database, "SELECT count(*) FROM clips WHERE drive_id IS NULL"), "0")
    // The ingest output says where the time came from.
    let note = try XCTUnwrap(summary.clockNotes.first)
    XCTAssertEqual(note.path, clip)
    XCTAssertTrue(note.note.contains("clip.mp4: no time in the file name or the MP4"), note.note)
    XCTAssertTrue(note.note.contains("modification time"), note.note)
    XCTAssertTrue(note.note.contains("starts 2023-11-05 14:22:30 UTC"), note.note)
  }

  func testDashcamFileNameGivesTheTime() throws {
    let folder = try TemporaryFolder()
    let clip = folder.path("sd/20231105_142233.mp4")
    try makeClip(clip)
    try setModificationTime(clip, try utc("2024-06-01T00:00:00Z"))  // a copy's time: must not be used
    let database = folder.path("fsdlog.sqlite")

    let summary = try ingest([folder.path("sd")], into: database)

    XCTAssertEqual(summary.drives, 1)
    XCTAssertEqual(summary.clockNotes, [])
    let row = try XCTUnwrap(try SQLiteCLI.rows(database, "SELECT * FROM clips").first)
    XCTAssertEqual(row["time_source"] as? String, "dashcam_file_name")
    XCTAssertEqual(row["name_time_local"] as? String, "2023-11-05T14:22:33")
    XCTAssertEqual(row["camera"] as? String, "front")
    let drive = try XCTUnwrap(try SQLiteCLI.rows(database, "SELECT * FROM drives").first)
    XCTAssertEqual(drive["start_local"] as? String, "2023-11-05T14:22:33")
    XCTAssertTrue(drive["start_utc"] is NSNull, "the name is the camera's clock, not UTC")
  }

  func testCreationTimeThatDisagreesWithTheNameIsReportedAndTheNameWins() throws {
    let folder = try TemporaryFolder()
    let clip = folder.path("sd/20231105_142233.mp4")
    try makeClip(clip, creationTime: "2015-01-01T00:00:00Z")  // a camera whose clock was never set
    let tesla = folder.path("TeslaCam/RecentClips/2026-11-02_08-14-31-front.mp4")
    try makeClip(tesla, creationTime: "2026-11-02T19:14:31Z")  // 11 h: a zone offset explains it
    let database = folder.path("fsdlog.sqlite")

    let summary = try ingest([folder.path("sd"), folder.path("TeslaCam")], into: database)

    XCTAssertEqual(summary.drives, 2)
    XCTAssertEqual(summary.clockNotes.count, 1, "\(summary.clockNotes)")
    let note = try XCTUnwrap(summary.clockNotes.first)
    XCTAssertEqual(note.path, clip)
    for part in ["20231105_142233.mp4", "2023-11-05 14:22:33", "2015-01-01 00:00:00 UTC", "the file name's time is used"] {
      XCTAssertTrue(note.note.contains(part), "\(part) missing from: \(note.note)")
    }
    let drives = try SQLiteCLI.rows(database, "SELECT * FROM drives ORDER BY start_local")
    XCTAssertEqual(drives.map { $0["start_local"] as? String }, ["2023-11-05T14:22:33", "2026-11-02T08:14:31"])
    XCTAssertTrue(drives[0]["start_utc"] is NSNull, "the overruled creation time is not the drive's UTC start")
    XCTAssertEqual(drives[1]["start_utc"] as? String, "2026-11-02T19:14:31Z")
    // The MP4's value stays recorded as the file says it.
    XCTAssertEqual(try SQLiteCLI.scalar(database, "SELECT start_utc FROM clips WHERE path = '\(clip)'"), "2015-01-01T00:00:00Z")
    let stored = try XCTUnwrap(try Store(path: database).clip(path: clip))
    XCTAssertNil(ClipClock.utcStartS(stored))
    XCTAssertTrue(ClipClock.sourceNote(stored)?.contains("is ignored") ?? false)
  }

  func testCreationTimeAZoneOffsetAwayAgreesWithTheName() throws {
    let folder = try TemporaryFolder()
    // India is 5:30 ahead: 14:22:33 there is 08:52:33 UTC; the camera stamped one second late.
    let clip = folder.path("sd/2023_1105_142233_001.MP4")
    try makeClip(clip, creationTime: "2023-11-05T08:52:34Z")
    let database = folder.path("fsdlog.sqlite")

    let summary = try ingest([clip], into: database)

    XCTAssertEqual(summary.clockNotes, [])
    let drive = try XCTUnwrap(try SQLiteCLI.rows(database, "SELECT * FROM drives").first)
    XCTAssertEqual(drive["start_local"] as? String, "2023-11-05T14:22:33")
    XCTAssertEqual(drive["start_utc"] as? String, "2023-11-05T08:52:34Z")
  }

  func testDashcamClipsThatFollowOnAreOneDriveAndARearClipJoinsIt() throws {
    let folder = try TemporaryFolder()
    for name in ["20231105_142233_NF.mp4", "20231105_142336_NF.mp4", "20231105_150000_NF.mp4", "20231105_142233_NR.mp4"] {
      try makeClip(folder.path("BlackVue/Record/" + name))
    }
    let database = folder.path("fsdlog.sqlite")

    let summary = try ingest([folder.path("BlackVue")], into: database)

    // 14:22:33 + 3 s, then 14:23:36 (60 s later: same drive); 15:00:00 is a drive of its own.
    XCTAssertEqual(summary.drives, 2)
    let rows = try SQLiteCLI.rows(database, """
      SELECT substr(path, length(path) - 21) AS name, camera, drive_id, time_source FROM clips ORDER BY name
      """)
    let drive = Dictionary(uniqueKeysWithValues: rows.map { ($0["name"] as! String, $0["drive_id"] as? Int) })
    XCTAssertEqual(drive["20231105_142233_NF.mp4"], drive["20231105_142336_NF.mp4"])
    XCTAssertNotEqual(drive["20231105_142233_NF.mp4"], drive["20231105_150000_NF.mp4"])
    XCTAssertEqual(drive["20231105_142233_NR.mp4"], drive["20231105_142233_NF.mp4"], "the rear camera follows its front clip")
    XCTAssertEqual(rows.first { ($0["name"] as? String) == "20231105_142233_NR.mp4" }?["camera"] as? String, "back")
    XCTAssertEqual(Set(rows.compactMap { $0["time_source"] as? String }), ["dashcam_file_name"])
    XCTAssertEqual(try SQLiteCLI.scalar(database, "SELECT count(*) FROM motion"), "3", "the rear clip is not decoded as a front view")
  }

  func testAClipStoredBeforeItsNameWasReadIsReadAgain() throws {
    // A row stored without a name time (an older fsdlog did not read this dashcam's names) is
    // not "unchanged": the next ingest reads it again and places it by its name.
    let folder = try TemporaryFolder()
    let clip = folder.path("sd/FILE231105-142233F.MP4")
    try makeClip(clip)
    let database = folder.path("fsdlog.sqlite")
    try ingest([clip], into: database)
    _ = try SQLiteCLI.scalar(database, """
      UPDATE clips SET name_time_local = NULL, time_source = 'file_modified'; SELECT changes();
      """)

    let again = try ingest([clip], into: database)

    XCTAssertEqual(again.ingested, 1)
    XCTAssertEqual(try SQLiteCLI.scalar(database, "SELECT time_source || ' ' || name_time_local FROM clips"),
                   "dashcam_file_name 2023-11-05T14:22:33")
    XCTAssertEqual(try SQLiteCLI.scalar(database, "SELECT start_local FROM drives"), "2023-11-05T14:22:33")
  }
}
