import XCTest

@testable import FSDDiscovery

final class DriveGroupingTests: XCTestCase {
  private func ids(_ groups: [[DriveClip]]) -> [[Int64]] {
    groups.map { $0.map(\.id) }
  }

  func testGapOfExactlyMaxJoins() {
    let clips = [
      DriveClip(id: 1, startSeconds: 0, durationSeconds: 60),
      DriveClip(id: 2, startSeconds: 180, durationSeconds: 60),
    ]
    XCTAssertEqual(ids(DriveGrouping.group(clips)), [[1, 2]])
  }

  func testGapOneSecondOverMaxSplits() {
    let clips = [
      DriveClip(id: 1, startSeconds: 0, durationSeconds: 60),
      DriveClip(id: 2, startSeconds: 181, durationSeconds: 60),
    ]
    XCTAssertEqual(ids(DriveGrouping.group(clips)), [[1], [2]])
  }

  func testOverlappingCopiesJoin() {
    // A SavedClips copy of a RecentClips clip starts at the same time.
    let clips = [
      DriveClip(id: 1, startSeconds: 1000, durationSeconds: 60),
      DriveClip(id: 2, startSeconds: 1000, durationSeconds: 60),
      DriveClip(id: 3, startSeconds: 1060, durationSeconds: 61),
    ]
    XCTAssertEqual(ids(DriveGrouping.group(clips)), [[1, 2, 3]])
  }

  func testShortCopyDoesNotHideTheLongerClipsEnd() {
    // Clip 2 is a truncated 5 s copy of clip 1; clip 3 follows clip 1 closely.
    let clips = [
      DriveClip(id: 1, startSeconds: 0, durationSeconds: 300),
      DriveClip(id: 2, startSeconds: 0, durationSeconds: 5),
      DriveClip(id: 3, startSeconds: 310, durationSeconds: 60),
    ]
    XCTAssertEqual(ids(DriveGrouping.group(clips)), [[1, 2, 3]])
  }

  func testUnsortedInputGivesSortedGroups() {
    let clips = [
      DriveClip(id: 4, startSeconds: 10_000, durationSeconds: 60),
      DriveClip(id: 2, startSeconds: 60, durationSeconds: 60),
      DriveClip(id: 5, startSeconds: 10_060, durationSeconds: 60),
      DriveClip(id: 1, startSeconds: 0, durationSeconds: 60),
      DriveClip(id: 3, startSeconds: 125, durationSeconds: 30),
    ]
    XCTAssertEqual(ids(DriveGrouping.group(clips)), [[1, 2, 3], [4, 5]])
  }

  func testCustomGapAndEmptyInput() {
    XCTAssertEqual(DriveGrouping.group([]).count, 0)
    let clips = [
      DriveClip(id: 1, startSeconds: 0, durationSeconds: 60),
      DriveClip(id: 2, startSeconds: 70, durationSeconds: 60),
    ]
    XCTAssertEqual(ids(DriveGrouping.group(clips, maxGapSeconds: 5)), [[1], [2]])
    XCTAssertEqual(DriveGrouping.defaultMaxGapSeconds, 120)
  }

  func testUnknownDurationCountsAsZero() {
    let clips = [
      DriveClip(id: 1, startSeconds: 0, durationSeconds: .nan),
      DriveClip(id: 2, startSeconds: 120, durationSeconds: 60),
      DriveClip(id: 3, startSeconds: 301, durationSeconds: 60),
    ]
    XCTAssertEqual(ids(DriveGrouping.group(clips)), [[1, 2], [3]])
  }
}
