import FSDTestSupport
import Foundation
import XCTest

@testable import FSDStore

/// A clip kept by content (issue 14, item 1): the row of a clip found at a new path takes the
/// path with everything stored about it, and a second row of the same clip is folded into the first.
final class StoreContentIdentityTests: XCTestCase {
  var folder: TemporaryFolder!
  var store: Store!
  var path: String { folder.path("fsdlog.sqlite") }

  override func setUpWithError() throws {
    folder = try TemporaryFolder()
    store = try Store(path: path)
  }

  /// A clip with a motion series and an event on it; returns (clip id, event id).
  private func clipWithEvent(_ clipPath: String, peak: String) throws -> (clip: Int64, event: Int64) {
    let clip = try store.saveClip(makeClip(clipPath), motion: StoredMotion(ptsSeconds: [0, 1.0 / 36], mafd: [0, 2.5]))
    let clipID = try XCTUnwrap(clip.id)
    if try store.driveIDs().isEmpty {
      try store.replaceDrives([(drive: DriveRecord(startLocal: "2026-11-02T08:14:31", endLocal: "2026-11-02T08:15:31",
                                                   startUtc: nil, clipCount: 1, durationS: 60), clipIDs: [clipID])])
    }
    let driveID = try XCTUnwrap(try store.driveIDs().first)
    var event = EventRecord(kind: .brake, onsetUtc: peak, peakUtc: peak, endUtc: peak, initiator: .fsd,
                            source: .telemetry, confidence: 1, detectedAt: "2026-11-04T00:00:00.000Z")
    event.clipId = clipID
    let others = try store.events().filter { $0.driveId == driveID }
    try store.replaceEvents(driveID: driveID, with: others + [event])
    let eventID = try XCTUnwrap(try store.events().first { $0.peakUtc == peak }?.id)
    return (clipID, eventID)
  }

  func testAMovedClipKeepsItsRowMotionEventAndVerdictUnderItsNewPath() throws {
    let (clipID, eventID) = try clipWithEvent("/media/old/TeslaCam/RecentClips/2026-11-02_08-14-31-front.mp4",
                                              peak: "2026-11-02T16:14:40.000Z")
    try store.addTag(eventID: eventID, verdict: .phantom, note: "shadow", source: .cli)
    let before = try XCTUnwrap(try store.findClip(String(clipID)))
    let motion = try store.motion(clipID: clipID)

    let newPath = "/media/new/TeslaCam/SavedClips/2026-11-02_08-15-00/2026-11-02_08-14-31-front.mp4"
    let folderID = try store.upsertEventFolder(EventFolderRecord(path: "/media/new/TeslaCam/SavedClips/2026-11-02_08-15-00",
                                                                 source: "saved"))
    try store.keepOneClip(clipID, absorbing: [],
                          movingTo: ClipLocation(path: newPath, source: "saved", eventFolderId: folderID))

    XCTAssertNil(try store.clip(path: before.path))
    var expected = before
    expected.path = newPath
    expected.source = "saved"
    expected.eventFolderId = folderID
    XCTAssertEqual(try store.clip(path: newPath), expected, "only where it lies changed")
    XCTAssertEqual(try store.motion(clipID: clipID), motion)
    XCTAssertEqual(try SQLiteCLI.rows(path, "SELECT verdict, note, clip FROM event_verdicts WHERE id = \(eventID)")
      .map { [$0["verdict"] as? String, $0["note"] as? String, $0["clip"] as? String] }, [["phantom", "shadow", newPath]])
  }

  func testASecondRowOfTheSameClipIsFoldedIntoTheFirstWithItsEvents() throws {
    // Two rows of one clip, as an fsdlog from before content identity left them.
    let first = try clipWithEvent("/media/stick/TeslaCam/RecentClips/2026-11-02_08-14-31-front.mp4",
                                  peak: "2026-11-02T16:14:40.000Z")
    let second = try clipWithEvent("/home/me/TeslaCam/RecentClips/2026-11-02_08-14-31-front.mp4",
                                   peak: "2026-11-02T16:14:50.000Z")
    try store.addTag(eventID: second.event, verdict: .justified, source: .cli)
    let candidates = try store.clips(sizeBytes: 12_345_678, camera: "front", nameTimeLocal: "2026-11-02T08:14:31",
                                     source: "recent")
    XCTAssertEqual(candidates.map(\.id), [first.clip, second.clip], "oldest first")
    XCTAssertEqual(try store.clips(sizeBytes: 12_345_678, camera: "back", nameTimeLocal: "2026-11-02T08:14:31",
                                   source: "recent"), [])

    try store.keepOneClip(first.clip, absorbing: [second.clip], movingTo: nil)

    XCTAssertEqual(try SQLiteCLI.scalar(path, "SELECT group_concat(id) FROM clips"), String(first.clip))
    XCTAssertEqual(try SQLiteCLI.scalar(path, "SELECT count(*) FROM motion"), "1", "the second row's series went with it")
    XCTAssertEqual(try SQLiteCLI.scalar(path, "SELECT group_concat(DISTINCT clip_id) FROM events"), String(first.clip))
    XCTAssertEqual(try store.currentTag(eventID: second.event)?.verdict, .justified)
  }

  func testEventFoldersOfTheSameEventAreFoundAndFolded() throws {
    var stick = EventFolderRecord(path: "/media/stick/TeslaCam/SentryClips/2026-11-04_21-03-44", source: "sentry")
    stick.eventJson = #"{"timestamp":"2026-11-04T21:03:44","reason":"sentry_aware_object_detection"}"#
    var copy = stick
    copy.path = "/home/me/TeslaCam/SentryClips/2026-11-04_21-03-44"
    var other = stick
    other.path = "/home/me/TeslaCam/SentryClips/2026-11-04_21-09-01"
    let stickID = try store.upsertEventFolder(stick)
    let copyID = try store.upsertEventFolder(copy)
    _ = try store.upsertEventFolder(other)
    var clip = makeClip(copy.path + "/2026-11-04_21-03-front.mp4", source: "sentry")
    clip.eventFolderId = copyID
    try store.saveClip(clip, motion: nil)

    XCTAssertEqual(try store.eventFolders(sameEventAs: copy).map(\.id), [stickID, copyID], "not the other folder name")

    try store.absorbEventFolders([copyID], into: stickID)

    XCTAssertEqual(try SQLiteCLI.scalar(path, "SELECT count(*) FROM event_folders"), "2")
    XCTAssertEqual(try store.clip(path: clip.path)?.eventFolderId, stickID)
  }
}
