import FSDTestSupport
import Foundation
import XCTest

@testable import FSDStore

/// The ego-motion columns of the motion table ("v5: motion ego-motion"): they round-trip bit for
/// bit, and rows written before they existed (NULL there) still read, as mafd-only series.
final class StoreEgoMotionTests: XCTestCase {
  private var folder: TemporaryFolder!
  private var store: Store!

  override func setUpWithError() throws {
    folder = try TemporaryFolder()
    store = try Store(path: folder.path("fsdlog.sqlite"))
  }

  override func tearDown() {
    store = nil
    folder = nil
  }

  func testEgoMotionColumnsRoundTripBitForBit() throws {
    let count = 200
    let pts = (0..<count).map { Double($0) / 36 }
    func column(_ scale: Float) -> [Float] { (0..<count).map { Float($0) * scale - 3.3 } }
    let motion = StoredMotion(ptsSeconds: pts, mafd: column(0.1), dx: column(-0.37), dy: column(0.013),
                              expansion: column(0.5), brightness: column(1.1), confidence: column(0.004))
    let id = try XCTUnwrap(try store.saveClip(makeClip("/m/RecentClips/2026-11-02_08-14-31-front.mp4"), motion: motion).id)
    let loaded = try XCTUnwrap(try store.motion(clipID: id))
    XCTAssertTrue(loaded.hasEgoMotion)
    XCTAssertEqual(loaded, motion)
    XCTAssertEqual(loaded.dy.map(\.bitPattern), motion.dy.map(\.bitPattern))
    XCTAssertEqual(try SQLiteCLI.scalar(store.path, "SELECT length(expansion) FROM motion WHERE clip_id = \(id)"), "\(4 * count)")
  }

  func testRowsFromBeforeTheEgoMotionColumnsStillRead() throws {
    // What an older fsdlog wrote: pts_s and mafd only, the new columns NULL.
    let id = try XCTUnwrap(try store.saveClip(makeClip("/m/RecentClips/2026-11-02_08-15-31-front.mp4"), motion: nil).id)
    try SQLiteCLI.execute(store.path, """
      INSERT INTO motion (clip_id, frame_count, pts_s, mafd)
      VALUES (\(id), 2, X'0000000000000000000000000000E03F', X'000000000000C03F')
      """)
    let loaded = try XCTUnwrap(try store.motion(clipID: id))
    XCTAssertFalse(loaded.hasEgoMotion)
    XCTAssertEqual(loaded.mafd, [0, 1.5])
    XCTAssertEqual(loaded.dx, [0, 0])
  }

  func testAnEgoMotionColumnOfTheWrongLengthIsCorruptMotion() throws {
    let motion = StoredMotion(ptsSeconds: [0, 1], mafd: [0, 1], dx: [0, 1], dy: [0, 1], expansion: [0, 1],
                              brightness: [0, 1], confidence: [0, 1])
    let id = try XCTUnwrap(try store.saveClip(makeClip("/m/RecentClips/2026-11-02_08-16-31-front.mp4"), motion: motion).id)
    try SQLiteCLI.execute(store.path, "UPDATE motion SET dy = X'0000803F' WHERE clip_id = \(id)")
    XCTAssertThrowsError(try store.motion(clipID: id)) { error in
      guard case StoreError.corruptMotion = error else { return XCTFail("got \(error)") }
    }
  }
}
