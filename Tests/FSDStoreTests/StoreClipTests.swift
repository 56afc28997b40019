import FSDTestSupport
import Foundation
import XCTest

@testable import FSDStore

/// Clip rows: saving, replacing, and finding them the way a user names a clip.
final class StoreClipTests: XCTestCase {
  private var folder: TemporaryFolder!
  private var store: Store!
  private var databasePath: String { store.path }

  override func setUpWithError() throws {
    folder = try TemporaryFolder()
    store = try Store(path: folder.path("fsdlog.sqlite"))
  }

  override func tearDown() {
    store = nil
    folder = nil
  }

  // MARK: - Saving

  func testSavedClipReadsBackWithEveryColumn() throws {
    let events = try store.upsertEventFolder(EventFolderRecord(path: "/m/TeslaCam/SavedClips/2026-11-02_08-25-07", source: "saved"))
    let run = try store.beginRun(IngestRunRecord(
      startedAt: "2026-11-02T20:00:00Z", paths: "[\"/m\"]", jobs: 2, force: false, decodeQuality: "analysis", toolVersion: "t"))
    var clip = makeClip("/m/TeslaCam/SavedClips/2026-11-02_08-25-07/2026-11-02_08-24-10-front.mp4", source: "saved",
                        status: .partial, durationS: 4.25, error: "file ends early")
    clip.eventFolderId = events
    clip.ingestRunId = run.id

    let saved = try store.saveClip(clip, motion: nil)

    let id = try XCTUnwrap(saved.id)
    var expected = clip
    expected.id = id
    XCTAssertEqual(try store.clip(path: clip.path), expected)
    XCTAssertEqual(saved, expected)
    // The columns are snake_case, as the documented schema (and every SQL user) expects.
    let row = try XCTUnwrap(try SQLiteCLI.rows(databasePath, "SELECT * FROM clips WHERE id = \(id)").first)
    XCTAssertEqual(row["name_time_local"] as? String, "2026-11-02T08:14:31")
    XCTAssertEqual(row["event_folder_id"] as? NSNumber, NSNumber(value: events))
    XCTAssertEqual(row["status"] as? String, "partial")
    XCTAssertEqual(row["duration_s"] as? Double, 4.25)
  }

  func testSavingTheSamePathAgainReplacesTheRowAndItsMotion() throws {
    let path = "/m/TeslaCam/RecentClips/2026-11-02_08-14-31-front.mp4"
    let first = try store.saveClip(makeClip(path, durationS: 60), motion: StoredMotion(ptsSeconds: [0, 1, 2], mafd: [0, 3, 4]))
    let firstID = try XCTUnwrap(first.id)

    var changed = makeClip(path, status: .failed, durationS: nil, error: "MP4 has no 'moov' index box")
    changed.fingerprint = "fnv1a64:fedcba9876543210"
    let second = try store.saveClip(changed, motion: nil)

    XCTAssertEqual(try SQLiteCLI.scalar(databasePath, "SELECT count(*) FROM clips WHERE path = '\(path)'"), "1")
    XCTAssertEqual(try store.clip(path: path)?.status, .failed)
    XCTAssertEqual(try store.clip(path: path)?.fingerprint, "fnv1a64:fedcba9876543210")
    // The old series must not outlive the row it described, under either id.
    XCTAssertEqual(try SQLiteCLI.scalar(databasePath, "SELECT count(*) FROM motion"), "0")
    XCTAssertNil(try store.motion(clipID: firstID))
    XCTAssertNil(try store.motion(clipID: XCTUnwrap(second.id)))
  }

  func testSavingTheSamePathWithANewSeriesKeepsOnlyTheNewSeries() throws {
    let path = "/m/TeslaCam/RecentClips/2026-11-02_08-14-31-front.mp4"
    try store.saveClip(makeClip(path), motion: StoredMotion(ptsSeconds: [0, 1, 2], mafd: [0, 3, 4]))
    let second = try store.saveClip(makeClip(path), motion: StoredMotion(ptsSeconds: [0, 0.5], mafd: [0, 9]))

    XCTAssertEqual(try store.motion(clipID: XCTUnwrap(second.id)), StoredMotion(ptsSeconds: [0, 0.5], mafd: [0, 9]))
    XCTAssertEqual(try SQLiteCLI.scalar(databasePath, "SELECT count(*) FROM motion"), "1")
    XCTAssertEqual(try SQLiteCLI.scalar(databasePath, "SELECT frame_count FROM motion"), "2")
  }

  func testSavingOtherPathsLeavesEarlierClipsAlone() throws {
    let a = try store.saveClip(makeClip("/m/a/2026-11-02_08-14-31-front.mp4"), motion: StoredMotion(ptsSeconds: [0], mafd: [0]))
    try store.saveClip(makeClip("/m/a/2026-11-02_08-14-31-back.mp4", camera: "back"), motion: nil)
    XCTAssertEqual(try store.clip(path: "/m/a/2026-11-02_08-14-31-front.mp4"), a)
    XCTAssertEqual(try store.motion(clipID: XCTUnwrap(a.id)), StoredMotion(ptsSeconds: [0], mafd: [0]))
    XCTAssertEqual(try SQLiteCLI.scalar(databasePath, "SELECT count(*) FROM clips"), "2")
  }

  func testUnknownPathHasNoClip() throws {
    XCTAssertNil(try store.clip(path: "/nowhere.mp4"))
  }

  // MARK: - Finding

  private func saveSampleClips() throws -> (recentFront: ClipRecord, recentBack: ClipRecord, savedFront: ClipRecord) {
    let recentFront = try store.saveClip(makeClip("/m/TeslaCam/RecentClips/2026-11-02_08-14-31-front.mp4"), motion: nil)
    let recentBack = try store.saveClip(
      makeClip("/m/TeslaCam/RecentClips/2026-11-02_08-14-31-back.mp4", camera: "back"), motion: nil)
    // The same file name in an event folder: the bare name is ambiguous between the two.
    let savedFront = try store.saveClip(
      makeClip("/m/TeslaCam/SavedClips/2026-11-02_08-25-07/2026-11-02_08-14-31-front.mp4", source: "saved"), motion: nil)
    return (recentFront, recentBack, savedFront)
  }

  func testFindsClipByID() throws {
    let clips = try saveSampleClips()
    let id = try XCTUnwrap(clips.recentBack.id)
    XCTAssertEqual(try store.findClip(String(id)), clips.recentBack)
  }

  func testFindsClipByExactAbsolutePath() throws {
    let clips = try saveSampleClips()
    XCTAssertEqual(try store.findClip(clips.savedFront.path), clips.savedFront)
  }

  func testFindsClipByUnstandardizedAbsolutePath() throws {
    let clips = try saveSampleClips()
    XCTAssertEqual(try store.findClip("/m/TeslaCam/./SavedClips/x/../2026-11-02_08-25-07/2026-11-02_08-14-31-front.mp4"),
                   clips.savedFront)
  }

  func testFindsClipByPathRelativeToTheWorkingFolder() throws {
    // Two clips whose shared suffix is ambiguous: only the working folder can tell them apart.
    let work = try TemporaryFolder()
    let mine = try store.saveClip(makeClip(work.path("TeslaCam/RecentClips/2026-11-02_08-14-31-front.mp4")), motion: nil)
    try store.saveClip(makeClip("/elsewhere/TeslaCam/RecentClips/2026-11-02_08-14-31-front.mp4"), motion: nil)
    XCTAssertNil(try store.findClip("TeslaCam/RecentClips/2026-11-02_08-14-31-front.mp4"), "ambiguous without a working folder")

    let previous = FileManager.default.currentDirectoryPath
    XCTAssertTrue(FileManager.default.changeCurrentDirectoryPath(work.path))
    defer { _ = FileManager.default.changeCurrentDirectoryPath(previous) }

    XCTAssertEqual(try store.findClip("TeslaCam/RecentClips/2026-11-02_08-14-31-front.mp4"), mine)
    XCTAssertEqual(try store.findClip("./TeslaCam/RecentClips/../RecentClips/2026-11-02_08-14-31-front.mp4"), mine)
  }

  func testFindsClipByUniqueSuffix() throws {
    let clips = try saveSampleClips()
    XCTAssertEqual(try store.findClip("2026-11-02_08-14-31-back.mp4"), clips.recentBack)
    XCTAssertEqual(try store.findClip("RecentClips/2026-11-02_08-14-31-front.mp4"), clips.recentFront)
    XCTAssertEqual(try store.findClip("2026-11-02_08-25-07/2026-11-02_08-14-31-front.mp4"), clips.savedFront)
  }

  func testAmbiguousSuffixFindsNothing() throws {
    // Guessing would show the motion of the wrong clip; nil makes the CLI ask for more.
    _ = try saveSampleClips()
    XCTAssertNil(try store.findClip("2026-11-02_08-14-31-front.mp4"))
  }

  func testSuffixMustStartAtAFolderBoundary() throws {
    _ = try saveSampleClips()
    XCTAssertNil(try store.findClip("14-31-back.mp4"))
    XCTAssertNil(try store.findClip("ecentClips/2026-11-02_08-14-31-back.mp4"))
  }

  func testUnknownReferencesFindNothing() throws {
    let clips = try saveSampleClips()
    let unusedID = (clips.savedFront.id ?? 0) + 100
    XCTAssertNil(try store.findClip(String(unusedID)))
    XCTAssertNil(try store.findClip("2026-11-02_09-00-00-front.mp4"))
    XCTAssertNil(try store.findClip("/m/TeslaCam/RecentClips"))
  }

  func testSuffixIsMatchedLiterallyNotAsALikePattern() throws {
    // File names are full of "_", which SQL LIKE treats as "any one character" (and LIKE ignores
    // ASCII case), so a suffix must be compared as text.
    let tesla = try store.saveClip(makeClip("/m/TeslaCam/RecentClips/2026-11-02_08-14-31-front.mp4"), motion: nil)
    try store.saveClip(makeClip("/m/exports/2026-11-02 08-14-31-front.mp4"), motion: nil)

    // As a LIKE pattern, "_" would also match the space of the exported copy: two matches, and
    // nil instead of the one clip whose path really ends with this name.
    XCTAssertEqual(try store.findClip("2026-11-02_08-14-31-front.mp4"), tesla)
    // LIKE is also case-insensitive: a suffix no path ends with must not find a clip.
    XCTAssertNil(try store.findClip("RECENTCLIPS/2026-11-02_08-14-31-FRONT.MP4"))
  }
}
