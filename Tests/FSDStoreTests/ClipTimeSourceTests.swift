import FSDTestSupport
import Foundation
import GRDB
import XCTest

@testable import FSDStore

/// `clips.time_source` and the one clock rule: which clock a clip's start comes from, when a
/// creation time is overruled by the file name, and what status says about it.
final class ClipTimeSourceTests: XCTestCase {
  func testZoneOffsetsExplainWholeQuarterHoursWithin14Hours() {
    for hours in [0.0, 1, -1, 5.5, 5.75, -3.5, 8, -10, 12.75, 14, -12] {
      XCTAssertTrue(ClipClock.zoneOffsetExplains(utcMinusLocalS: hours * 3600), "\(hours) h")
      XCTAssertTrue(ClipClock.zoneOffsetExplains(utcMinusLocalS: hours * 3600 + 119), "\(hours) h + 119 s")
      XCTAssertTrue(ClipClock.zoneOffsetExplains(utcMinusLocalS: hours * 3600 - 119), "\(hours) h - 119 s")
    }
    let unexplained: [Double] = [51_300, -54_000, 4_050, 180, -300, 34_560_000, .nan]  // 14:15 h, -15 h, 1:07:30 h, 3 min, -5 min, 400 days
    for difference in unexplained {
      XCTAssertFalse(ClipClock.zoneOffsetExplains(utcMinusLocalS: difference), "\(difference) s")
    }
  }

  func testUTCStartByTimeSource() throws {
    var tesla = makeClip("/m/2026-11-02_08-14-31-front.mp4")
    tesla.timeSource = .fileName
    XCTAssertEqual(ClipClock.utcStartS(tesla), ClipClock.utcSeconds("2026-11-02T16:14:31Z"))
    XCTAssertNil(ClipClock.sourceNote(tesla), "a TeslaCam name with an agreeing creation time needs no word")

    var wrongClock = tesla
    wrongClock.startUtc = "2019-01-01T00:00:00Z"
    XCTAssertNil(ClipClock.utcStartS(wrongClock), "the file name overrules the creation time")
    let note = try XCTUnwrap(ClipClock.sourceNote(wrongClock))
    XCTAssertTrue(note.contains("2019-01-01 00:00:00 UTC") && note.contains("7 years") && note.contains("ignored"), note)

    var byFile = makeClip("/m/clip.mp4", nameTimeLocal: nil, durationS: 42.5)
    byFile.startUtc = nil
    byFile.mtimeS = 1_700_000_000
    byFile.timeSource = .fileModified
    XCTAssertEqual(ClipClock.utcStartS(byFile), 1_700_000_000 - 42.5)
    XCTAssertEqual(ClipClock.sourceNote(byFile),
                   "time from the file's modification time minus the clip's length (no time in the name or the MP4)")

    var byCreation = byFile
    byCreation.startUtc = "2016-08-28T21:16:08Z"
    byCreation.timeSource = .mp4CreationTime
    XCTAssertEqual(ClipClock.utcStartS(byCreation), ClipClock.utcSeconds("2016-08-28T21:16:08Z"))
    XCTAssertEqual(ClipClock.sourceNote(byCreation), "time from the MP4's creation time (UTC; no time in the file name)")
  }

  func testGapText() {
    XCTAssertEqual(ClipClock.gapText(40), "40 s")
    XCTAssertEqual(ClipClock.gapText(-17 * 60), "17 min")
    XCTAssertEqual(ClipClock.gapText(3 * 3600 + 7 * 60), "3 h 07 min")
    XCTAssertEqual(ClipClock.gapText(45 * 86_400), "45 days")
    XCTAssertEqual(ClipClock.gapText(8 * 365.25 * 86_400 + 86_400), "8 years")
  }

  func testMigrationGivesEarlierRowsTheTimeSourceIngestWouldHaveChosen() throws {
    let folder = try TemporaryFolder()
    let path = folder.path("old.sqlite")
    let queue = try DatabaseQueue(path: path)
    try Schema.migrator.migrate(queue, upTo: "v5: motion ego-motion")
    try queue.write { db in
      for (name, nameTime, startUtc, status) in [
        ("tesla", "'2026-11-02T08:14:31'", "'2026-11-02T16:14:31Z'", "ok"),
        ("created", "NULL", "'2016-08-28T21:16:08Z'", "ok"),
        ("nothing", "NULL", "NULL", "partial"),
        ("broken", "NULL", "NULL", "failed"),
      ] {
        try db.execute(sql: """
          INSERT INTO clips (path, size_bytes, mtime_s, fingerprint, camera, source, name_time_local, start_utc,
            duration_s, status, analysis_version, ingested_at)
          VALUES ('/m/\(name).mp4', 1, 1700000000, 'f', 'front', 'other', \(nameTime), \(startUtc), 10, '\(status)', 1, 'x')
          """)
      }
    }
    try queue.close()

    let store = try Store(path: path)

    let sources = try SQLiteCLI.rows(path, "SELECT path, time_source FROM clips ORDER BY path")
      .map { "\($0["path"] as! String) \($0["time_source"] as? String ?? "NULL")" }
    XCTAssertEqual(sources, [
      "/m/broken.mp4 NULL", "/m/created.mp4 mp4_creation_time", "/m/nothing.mp4 file_modified", "/m/tesla.mp4 file_name",
    ])
    let nothing = try XCTUnwrap(try store.clip(path: "/m/nothing.mp4"))
    XCTAssertEqual(ClipClock.utcStartS(nothing), 1_700_000_000 - 10)
    XCTAssertThrowsError(try SQLiteCLI.execute(path, "UPDATE clips SET time_source = 'sundial'"), "the column is checked")
  }

  func testStatusListsClipsNotTimedByATeslaCamName() throws {
    let folder = try TemporaryFolder()
    let store = try Store(path: folder.path("fsdlog.sqlite"))
    var tesla = makeClip("/m/2026-11-02_08-14-31-front.mp4")
    tesla.timeSource = .fileName
    var overruled = makeClip("/m/2026-11-02_08-15-31-front.mp4", nameTimeLocal: "2026-11-02T08:15:31")
    overruled.startUtc = "2019-01-01T00:00:00Z"
    overruled.timeSource = .fileName
    var dashcam = makeClip("/m/20231105_142233.mp4", nameTimeLocal: "2023-11-05T14:22:33")
    dashcam.startUtc = nil
    dashcam.timeSource = .dashcamFileName
    var byFile = makeClip("/m/clip.mp4", nameTimeLocal: nil, durationS: 3)
    byFile.mtimeS = 1_699_194_153
    byFile.timeSource = .fileModified
    for clip in [tesla, overruled, dashcam, byFile] { try store.saveClip(clip, motion: nil) }

    let report = try store.statusReport()

    XCTAssertEqual(report.clipsByTimeSource, ["file_name": 2, "dashcam_file_name": 1, "file_modified": 1])
    // By path; the TeslaCam clip whose creation time agrees is not listed.
    XCTAssertEqual(report.clockNotes.map(\.path), ["/m/20231105_142233.mp4", "/m/2026-11-02_08-15-31-front.mp4", "/m/clip.mp4"])
    XCTAssertEqual(report.clockNotes.map(\.start), ["2023-11-05 14:22:33", "2026-11-02 08:15:31", "2023-11-05 14:22:30 UTC"])
    XCTAssertEqual(report.clockNotes[0].note, "time from the file name (the dashcam's own clock, no time zone)")
    XCTAssertTrue(report.clockNotes[1].note.hasPrefix("time from the TeslaCam file name; the MP4's creation time, 2019-01-01"),
                  report.clockNotes[1].note)
    XCTAssertEqual(report.clockNotes[2].note,
                   "time from the file's modification time minus the clip's length (no time in the name or the MP4)")
  }
}
