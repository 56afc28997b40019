import Foundation
import XCTest

@testable import FSDDiscovery

/// Discovery over whole TeslaCam trees, built for real on disk.
final class DiscoveryLayoutTests: XCTestCase {
  private let eventJSON = #"""
    {"timestamp":"2026-11-02T08:25:07","city":"Venezia","street":"Via Roma","est_lat":"45.4853","est_lon":"12.2004","reason":"user_interaction_honk","camera":"0"}
    """#

  func testRecentClipsFlatWithEveryCamera() throws {
    let tree = try TemporaryTree()
    let cameras = [
      "front", "back", "left_repeater", "right_repeater", "left_pillar", "right_pillar", "rear_view", "mystery_cam",
    ]
    for camera in cameras {
      try tree.file("TeslaCam/RecentClips/2026-11-02_08-14-31-\(camera).mp4")
    }
    try tree.file("TeslaCam/RecentClips/2026-11-02_08-13-front.mp4")

    let result = try Discovery.discover(paths: [tree.path("TeslaCam")])
    XCTAssertEqual(result.clips.count, cameras.count + 1)
    XCTAssertEqual(Set(result.clips.map(\.camera.rawValue)), Set(cameras))
    XCTAssertTrue(result.clips.allSatisfy { $0.source == .recent && $0.eventFolderPath == nil })
    // The old no-seconds name sorts first: 08:13:00 is before 08:14:31.
    XCTAssertEqual(result.clips.first?.path, tree.path("TeslaCam/RecentClips/2026-11-02_08-13-front.mp4"))
    XCTAssertEqual(result.clips.first?.nameTime?.description, "2026-11-02T08:13:00")
    XCTAssertEqual(result.clips.filter(\.isFront).count, 2)
    XCTAssertEqual(result.eventFolders, [])
  }

  func testRecentClipsWithPerDaySubfoldersAtAnyDepth() throws {
    let tree = try TemporaryTree()
    try tree.file("TeslaCam/RecentClips/2026-11-02/2026-11-02_08-14-31-front.mp4")
    try tree.file("TeslaCam/RecentClips/2026/11/03/2026-11-03_09-00-00-back.mp4")
    try tree.file("TeslaCam/RecentClips/2026-11-01_07-00-00-front.mp4")

    let result = try Discovery.discover(paths: [tree.path("TeslaCam/RecentClips")])
    XCTAssertEqual(
      result.clips.map(\.path),
      [
        tree.path("TeslaCam/RecentClips/2026-11-01_07-00-00-front.mp4"),
        tree.path("TeslaCam/RecentClips/2026-11-02/2026-11-02_08-14-31-front.mp4"),
        tree.path("TeslaCam/RecentClips/2026/11/03/2026-11-03_09-00-00-back.mp4"),
      ])
    XCTAssertTrue(result.clips.allSatisfy { $0.source == .recent && $0.eventFolderPath == nil })
  }

  func testSavedAndSentryEventFolders() throws {
    let tree = try TemporaryTree()
    let saved = "TeslaCam/SavedClips/2026-11-02_08-25-07"
    try tree.file("\(saved)/2026-11-02_08-15-12-front.mp4")
    try tree.file("\(saved)/2026-11-02_08-15-12-back.mp4")
    try tree.file("\(saved)/event.json", contents: eventJSON)
    try tree.file("\(saved)/thumb.png")
    let sentry = "TeslaCam/SentryClips/2026-11-02_21-03-44"
    try tree.file("\(sentry)/2026-11-02_21-02-50-left_pillar.mp4")
    let sentryJSON = #"{"timestamp":"2026-11-02T21:03:44","reason":"sentry_aware_object_detection","est_lat":45.1}"#
    try tree.file("\(sentry)/event.json", contents: sentryJSON)

    let result = try Discovery.discover(paths: [tree.path("TeslaCam")])
    XCTAssertEqual(result.eventFolders.map(\.path), [tree.path(saved), tree.path(sentry)])

    let savedFolder = result.eventFolders[0]
    XCTAssertEqual(savedFolder.source, .saved)
    XCTAssertTrue(savedFolder.hasEventJSON)
    XCTAssertNil(savedFolder.infoError)
    XCTAssertEqual(savedFolder.thumbnailPath, tree.path("\(saved)/thumb.png"))
    XCTAssertEqual(savedFolder.info?.reason, "user_interaction_honk")
    XCTAssertEqual(savedFolder.info?.timestamp?.description, "2026-11-02T08:25:07")
    XCTAssertEqual(savedFolder.info?.rawJSON, eventJSON)

    let sentryFolder = result.eventFolders[1]
    XCTAssertEqual(sentryFolder.source, .sentry)
    XCTAssertNil(sentryFolder.thumbnailPath)
    XCTAssertEqual(try XCTUnwrap(sentryFolder.info?.estLatDeg), 45.1, accuracy: 1e-9)

    let savedClips = result.clips.filter { $0.source == .saved }
    XCTAssertEqual(savedClips.count, 2)
    XCTAssertTrue(savedClips.allSatisfy { $0.eventFolderPath == tree.path(saved) })
    let sentryClip = try XCTUnwrap(result.clips.first { $0.source == .sentry })
    XCTAssertEqual(sentryClip.camera, "left_pillar")
    XCTAssertEqual(sentryClip.eventFolderPath, tree.path(sentry))
    XCTAssertEqual(result.ignoredFiles, [], "event.json and thumb.png are not ignored files")
  }

  func testUnknownReasonKeptVerbatim() throws {
    let tree = try TemporaryTree()
    try tree.file("SentryClips/2026-11-02_21-03-44/2026-11-02_21-03-00-front.mp4")
    try tree.file("SentryClips/2026-11-02_21-03-44/event.json", contents: #"{"reason":"sentry_aware_accel_0.51"}"#)
    let result = try Discovery.discover(paths: [tree.path("SentryClips")])
    XCTAssertEqual(result.eventFolders.first?.info?.reason, "sentry_aware_accel_0.51")
  }

  func testMissingEventJSONStillMakesAnEventFolder() throws {
    let tree = try TemporaryTree()
    let saved = "TeslaCam/SavedClips/2026-11-02_08-25-07"
    try tree.file("\(saved)/2026-11-02_08-15-12-front.mp4")

    let result = try Discovery.discover(paths: [tree.path("TeslaCam")])
    let folder = try XCTUnwrap(result.eventFolders.first)
    XCTAssertEqual(folder.path, tree.path(saved))
    XCTAssertFalse(folder.hasEventJSON)
    XCTAssertNil(folder.info)
    XCTAssertNil(folder.infoError, "a missing event.json is not an error")
    XCTAssertEqual(result.clips.first?.eventFolderPath, tree.path(saved))
  }

  func testMalformedEventJSONReportedAndClipsStillListed() throws {
    let tree = try TemporaryTree()
    let saved = "TeslaCam/SavedClips/2026-11-02_08-25-07"
    try tree.file("\(saved)/2026-11-02_08-15-12-front.mp4")
    try tree.file("\(saved)/2026-11-02_08-15-12-back.mp4")
    try tree.file("\(saved)/event.json", contents: #"{"timestamp":"2026-11-02T08:2"#)
    let notObject = "TeslaCam/SavedClips/2026-11-02_09-00-00"
    try tree.file("\(notObject)/2026-11-02_08-59-00-front.mp4")
    try tree.file("\(notObject)/event.json", contents: "[]")

    let result = try Discovery.discover(paths: [tree.path("TeslaCam")])
    XCTAssertEqual(result.clips.count, 3)
    XCTAssertEqual(result.eventFolders.count, 2)
    let truncated = result.eventFolders[0]
    XCTAssertTrue(truncated.hasEventJSON)
    XCTAssertNil(truncated.info)
    let message = try XCTUnwrap(truncated.infoError)
    XCTAssertTrue(message.hasPrefix("event.json is not valid JSON: "), message)
    XCTAssertEqual(result.eventFolders[1].infoError, "event.json is not a JSON object (found an array)")
  }

  func testSubfolderOfAnEventFolderBelongsToIt() throws {
    let tree = try TemporaryTree()
    try tree.file("SavedClips/2026-11-02_08-25-07/extra/2026-11-02_08-15-12-front.mp4")
    try tree.file("SavedClips/2026-11-02_08-25-07/event.json", contents: eventJSON)
    // Very old firmware wrote saved clips flat in SavedClips: no event folder then.
    try tree.file("SavedClips/2019-05-01_17-02-front.mp4")

    let result = try Discovery.discover(paths: [tree.path("SavedClips")])
    let nested = try XCTUnwrap(result.clips.first { $0.path.hasSuffix("extra/2026-11-02_08-15-12-front.mp4") })
    XCTAssertEqual(nested.eventFolderPath, tree.path("SavedClips/2026-11-02_08-25-07"))
    let flat = try XCTUnwrap(result.clips.first { $0.path.hasSuffix("2019-05-01_17-02-front.mp4") })
    XCTAssertEqual(flat.source, .saved)
    XCTAssertNil(flat.eventFolderPath)
    XCTAssertEqual(result.eventFolders.map(\.path), [tree.path("SavedClips/2026-11-02_08-25-07")])
    XCTAssertEqual(result.eventFolders.first?.info?.city, "Venezia")
  }

  func testEventFolderOutsideTeslaCam() throws {
    // A user copied one event folder to their desktop and renamed it.
    let tree = try TemporaryTree()
    try tree.file("honk on the bridge/2026-11-02_08-15-12-front.mp4")
    try tree.file("honk on the bridge/event.json", contents: eventJSON)

    let result = try Discovery.discover(paths: [tree.path("honk on the bridge")])
    XCTAssertEqual(result.clips.first?.source, .other)
    XCTAssertEqual(result.clips.first?.eventFolderPath, tree.path("honk on the bridge"))
    XCTAssertEqual(result.eventFolders.map(\.source), [.other])
  }

  func testEncryptedClipsReportedNotListed() throws {
    let tree = try TemporaryTree()
    try tree.file("TeslaCam/EncryptedClips/2026-11-02_08-14-31-front.mp4")
    try tree.file("TeslaCam/EncryptedClips/SavedClips/2026-11-02_08-25-07/2026-11-02_08-14-31-front.mp4")
    try tree.file("TeslaCam/RecentClips/2026-11-02_08-14-31-front.mp4")

    let result = try Discovery.discover(paths: [tree.path("TeslaCam")])
    XCTAssertEqual(result.encryptedFolders, [tree.path("TeslaCam/EncryptedClips")])
    XCTAssertEqual(result.clips.map(\.path), [tree.path("TeslaCam/RecentClips/2026-11-02_08-14-31-front.mp4")])
    XCTAssertEqual(result.eventFolders, [])

    let direct = try Discovery.discover(paths: [
      tree.path("TeslaCam/EncryptedClips"), tree.path("TeslaCam/EncryptedClips/2026-11-02_08-14-31-front.mp4"),
    ])
    XCTAssertEqual(direct.encryptedFolders, [tree.path("TeslaCam/EncryptedClips")])
    XCTAssertEqual(direct.clips, [])
  }

  func testHiddenFilesSkippedAndOthersIgnored() throws {
    let tree = try TemporaryTree()
    try tree.file("TeslaCam/.DS_Store")
    try tree.file("TeslaCam/RecentClips/._2026-11-02_08-14-31-front.mp4")
    try tree.file("TeslaCam/.Trashes/2026-11-02_08-14-31-front.mp4")
    try tree.file("TeslaCam/RecentClips/2026-11-02_08-14-31-front.mp4")
    try tree.file("TeslaCam/RecentClips/notes.txt")
    try tree.file("TeslaCam/SavedClips/2026-11-02_08-25-07/event.json.bak")

    let result = try Discovery.discover(paths: [tree.path("TeslaCam")])
    XCTAssertEqual(result.clips.map(\.path), [tree.path("TeslaCam/RecentClips/2026-11-02_08-14-31-front.mp4")])
    XCTAssertEqual(
      result.ignoredFiles,
      [
        tree.path("TeslaCam/RecentClips/notes.txt"),
        tree.path("TeslaCam/SavedClips/2026-11-02_08-25-07/event.json.bak"),
      ])
  }

  func testFolderNamesMatchedExactly() throws {
    let tree = try TemporaryTree()
    try tree.file("savedclips/trip/2026-11-02_08-14-31-front.mp4")
    let result = try Discovery.discover(paths: [tree.root])
    XCTAssertEqual(result.clips.first?.source, .other)
    XCTAssertNil(result.clips.first?.eventFolderPath)
  }

  func testClipsSortedByNameTimeThenPathWithUnnamedFirst() throws {
    let tree = try TemporaryTree()
    try tree.file("b/2026-11-02_08-14-31-front.mp4")
    try tree.file("a/2026-11-02_08-14-31-front.mp4")
    try tree.file("z/clip.mp4")
    try tree.file("a/2026-11-02_08-13-00-front.mp4")

    let result = try Discovery.discover(paths: [tree.root])
    XCTAssertEqual(
      result.clips.map(\.path),
      [
        tree.path("z/clip.mp4"), tree.path("a/2026-11-02_08-13-00-front.mp4"),
        tree.path("a/2026-11-02_08-14-31-front.mp4"), tree.path("b/2026-11-02_08-14-31-front.mp4"),
      ])
  }
}
