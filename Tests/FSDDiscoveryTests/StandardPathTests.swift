import XCTest

@testable import FSDDiscovery

final class StandardPathTests: XCTestCase {
  func testStandardizes() {
    XCTAssertEqual(StandardPath.absolute("/a/b/../c/./d/", relativeTo: "/x"), "/a/c/d")
    XCTAssertEqual(StandardPath.absolute("b//c", relativeTo: "/x/y"), "/x/y/b/c")
    XCTAssertEqual(StandardPath.absolute("../../..", relativeTo: "/x"), "/")
    XCTAssertEqual(StandardPath.absolute(".", relativeTo: "/x/y/"), "/x/y")
  }

  func testParentAndLastComponent() {
    XCTAssertEqual(StandardPath.parent(of: "/a/b.mp4"), "/a")
    XCTAssertEqual(StandardPath.parent(of: "/b.mp4"), "/")
    XCTAssertEqual(StandardPath.lastComponent(of: "/a/b.mp4"), "b.mp4")
    XCTAssertEqual(StandardPath.join("/", "a"), "/a")
  }

  func testPlacement() {
    XCTAssertEqual(TeslaCamLayout.placement(ofFolder: "/v/TeslaCam/RecentClips/2026-11-02").source, .recent)
    let saved = TeslaCamLayout.placement(ofFolder: "/v/TeslaCam/SavedClips/E/sub")
    XCTAssertEqual(saved.source, .saved)
    XCTAssertEqual(saved.savedEventFolder, "/v/TeslaCam/SavedClips/E")
    XCTAssertNil(TeslaCamLayout.placement(ofFolder: "/v/TeslaCam/SentryClips").savedEventFolder)
    // The nearest car folder wins.
    XCTAssertEqual(TeslaCamLayout.placement(ofFolder: "/SavedClips/backup/RecentClips").source, .recent)
    XCTAssertEqual(TeslaCamLayout.placement(ofFolder: "/home/me").source, .other)
  }
}
