import Foundation
import XCTest

@testable import FSDDiscovery

/// How discovery treats the paths it is given: files, overlaps, errors, symlinks.
final class DiscoveryArgumentTests: XCTestCase {
  func testSingleTeslaNamedClip() throws {
    let tree = try TemporaryTree()
    let path = try tree.file("TeslaCam/RecentClips/2026-11-02_08-14-31-right_repeater.mp4")
    try tree.file("TeslaCam/RecentClips/2026-11-02_08-14-31-front.mp4")

    let result = try Discovery.discover(paths: [path])
    XCTAssertEqual(result.clips.count, 1, "siblings of a single clip are not listed")
    let clip = try XCTUnwrap(result.clips.first)
    XCTAssertEqual(clip.path, path)
    XCTAssertEqual(clip.camera, "right_repeater")
    XCTAssertFalse(clip.isFront)
    XCTAssertEqual(clip.nameTime?.description, "2026-11-02T08:14:31")
    XCTAssertEqual(clip.source, .recent)
  }

  func testSingleNonTeslaNamedClipIsFront() throws {
    let tree = try TemporaryTree()
    let path = try tree.file("Downloads/clip.MP4")
    let result = try Discovery.discover(paths: [path])
    let clip = try XCTUnwrap(result.clips.first)
    XCTAssertEqual(clip.camera, "front")
    XCTAssertTrue(clip.isFront)
    XCTAssertNil(clip.nameTime)
    XCTAssertEqual(clip.source, .other)
    XCTAssertNil(clip.eventFolderPath)
  }

  func testSingleClipInEventFolderGetsTheFolder() throws {
    let tree = try TemporaryTree()
    let saved = "TeslaCam/SavedClips/2026-11-02_08-25-07"
    let path = try tree.file("\(saved)/2026-11-02_08-15-12-front.mp4")
    try tree.file("\(saved)/event.json", contents: #"{"reason":"user_interaction_dashcam_icon_tapped"}"#)
    try tree.file("\(saved)/thumb.png")

    let result = try Discovery.discover(paths: [path])
    XCTAssertEqual(result.clips.first?.eventFolderPath, tree.path(saved))
    let folder = try XCTUnwrap(result.eventFolders.first)
    XCTAssertEqual(folder.path, tree.path(saved))
    XCTAssertEqual(folder.source, .saved)
    XCTAssertEqual(folder.info?.reason, "user_interaction_dashcam_icon_tapped")
    XCTAssertEqual(folder.thumbnailPath, tree.path("\(saved)/thumb.png"))
  }

  func testSingleClipWithEventJSONOutsideTeslaCam() throws {
    let tree = try TemporaryTree()
    let path = try tree.file("copy/2026-11-02_08-15-12-back.mp4")
    try tree.file("copy/event.json", contents: "not json")
    let result = try Discovery.discover(paths: [path])
    XCTAssertEqual(result.clips.first?.eventFolderPath, tree.path("copy"))
    XCTAssertEqual(result.eventFolders.first?.hasEventJSON, true)
    XCTAssertNotNil(result.eventFolders.first?.infoError)
  }

  func testOverlappingArgumentsDeduplicated() throws {
    let tree = try TemporaryTree()
    let clip = try tree.file("TeslaCam/RecentClips/2026-11-02_08-14-31-front.mp4")
    try tree.file("TeslaCam/SavedClips/2026-11-02_08-25-07/2026-11-02_08-15-12-front.mp4")
    try tree.file("TeslaCam/SavedClips/2026-11-02_08-25-07/event.json", contents: "{}")
    try tree.file("TeslaCam/notes.txt")

    let result = try Discovery.discover(paths: [
      tree.path("TeslaCam/RecentClips") + "/", tree.path("TeslaCam"), clip,
      tree.path("TeslaCam/SavedClips/../SavedClips"),
      tree.path("TeslaCam/SavedClips/2026-11-02_08-25-07/2026-11-02_08-15-12-front.mp4"),
    ])
    XCTAssertEqual(result.clips.count, 2)
    XCTAssertEqual(Set(result.clips.map(\.path)).count, 2)
    XCTAssertEqual(result.eventFolders.count, 1)
    XCTAssertEqual(result.ignoredFiles, [tree.path("TeslaCam/notes.txt")])
  }

  func testRelativePathsAreMadeAbsolute() throws {
    let tree = try TemporaryTree()
    try tree.file("TeslaCam/RecentClips/2026-11-02_08-14-31-front.mp4")
    let fileManager = FileManager.default
    let previous = fileManager.currentDirectoryPath
    XCTAssertTrue(fileManager.changeCurrentDirectoryPath(tree.path("TeslaCam")))
    defer { _ = fileManager.changeCurrentDirectoryPath(previous) }

    let result = try Discovery.discover(paths: ["./RecentClips/"])
    let expected = StandardPath.absolute(
      "RecentClips/2026-11-02_08-14-31-front.mp4", relativeTo: fileManager.currentDirectoryPath)
    XCTAssertEqual(result.clips.map(\.path), [expected])
  }

  func testNonexistentPathThrowsNotFoundBeforeListing() throws {
    let tree = try TemporaryTree()
    try tree.file("TeslaCam/RecentClips/2026-11-02_08-14-31-front.mp4")
    let missing = tree.path("TeslaCm")
    XCTAssertThrowsError(try Discovery.discover(paths: [tree.path("TeslaCam"), missing])) { error in
      XCTAssertEqual(error as? DiscoveryError, .notFound(path: missing))
      XCTAssertEqual(String(describing: error), "no such file or directory: \(missing)")
    }
    XCTAssertThrowsError(try Discovery.discover(paths: [""])) { error in
      XCTAssertEqual(error as? DiscoveryError, .notFound(path: ""))
    }
  }

  func testNonMP4FileArgumentThrows() throws {
    let tree = try TemporaryTree()
    let notes = try tree.file("notes.txt")
    XCTAssertThrowsError(try Discovery.discover(paths: [notes])) { error in
      XCTAssertEqual(error as? DiscoveryError, .notAClipOrFolder(path: notes))
      XCTAssertEqual(String(describing: error), "\(notes) is not an .mp4 clip or a folder")
    }
  }

  func testSymlinkedArgumentsFollowedButNotSymlinkedFoldersInside() throws {
    let tree = try TemporaryTree()
    try tree.file("real/TeslaCam/RecentClips/2026-11-02_08-14-31-front.mp4")
    try tree.file("real/elsewhere/2026-11-02_09-00-00-front.mp4")
    // A link back to an ancestor would loop forever if followed.
    try tree.symlink("real/TeslaCam/RecentClips/loop", to: tree.path("real"))
    let elsewhere = tree.path("real/elsewhere/2026-11-02_09-00-00-front.mp4")
    try tree.symlink("real/TeslaCam/RecentClips/2026-11-02_08-15-31-front.mp4", to: elsewhere)
    try tree.symlink("real/TeslaCam/RecentClips/dangling.mp4", to: tree.path("nowhere.mp4"))
    try tree.symlink("cam", to: tree.path("real/TeslaCam"))
    try tree.symlink("one.mp4", to: elsewhere)

    let result = try Discovery.discover(paths: [tree.path("cam")])
    XCTAssertEqual(
      result.clips.map(\.path),
      [
        tree.path("cam/RecentClips/2026-11-02_08-14-31-front.mp4"),
        tree.path("cam/RecentClips/2026-11-02_08-15-31-front.mp4"),
      ])
    XCTAssertTrue(result.clips.allSatisfy { $0.source == .recent })

    let single = try Discovery.discover(paths: [tree.path("one.mp4")])
    XCTAssertEqual(single.clips.map(\.path), [tree.path("one.mp4")])
    XCTAssertNil(single.clips.first?.nameTime)
  }

  func testUnreadableFolderReported() throws {
    // root reads any folder regardless of permissions, so the case only exists for other users.
    try XCTSkipIf(getuid() == 0, "permissions are not enforced for root")
    let tree = try TemporaryTree()
    try tree.file("TeslaCam/RecentClips/2026-11-02_08-14-31-front.mp4")
    let locked = try tree.folder("TeslaCam/SavedClips")
    try FileManager.default.setAttributes([.posixPermissions: 0o000], ofItemAtPath: locked)
    defer { try? FileManager.default.setAttributes([.posixPermissions: 0o755], ofItemAtPath: locked) }

    let result = try Discovery.discover(paths: [tree.path("TeslaCam")])
    XCTAssertEqual(result.clips.count, 1)
    XCTAssertEqual(result.unreadableFolders.map(\.path), [locked])
  }

  func testEmptyArgumentListFindsNothing() throws {
    let result = try Discovery.discover(paths: [])
    XCTAssertTrue(result.clips.isEmpty && result.eventFolders.isEmpty)
  }
}
