import FSDTestSupport
import Foundation
import XCTest

@testable import FSDStore

/// The motion table: one row per clip, each series a little-endian blob.
final class StoreMotionTests: XCTestCase {
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

  private func save(_ motion: StoredMotion?, path: String = "/m/RecentClips/2026-11-02_08-14-31-front.mp4") throws -> Int64 {
    try XCTUnwrap(try store.saveClip(makeClip(path), motion: motion).id)
  }

  func testSeriesRoundTripsBitForBit() throws {
    // Real pts are k/36 s (not exact in binary); mafd spans 0 to 100 with values that only
    // survive if no conversion through Double or text happens on the way.
    let pts = (0..<300).map { Double($0) / 36 } + [1e-300, 86_400.000_000_001, -0.0]
    let mafd: [Float] = (0..<300).map { Float($0) * 0.337 }
      + [Float.leastNonzeroMagnitude, Float.greatestFiniteMagnitude, -0.0]
    let id = try save(StoredMotion(ptsSeconds: pts, mafd: mafd))

    let loaded = try XCTUnwrap(try store.motion(clipID: id))

    XCTAssertEqual(loaded.ptsSeconds.map(\.bitPattern), pts.map(\.bitPattern))
    XCTAssertEqual(loaded.mafd.map(\.bitPattern), mafd.map(\.bitPattern))
    XCTAssertEqual(loaded.frameCount, 303)
    XCTAssertEqual(try SQLiteCLI.scalar(databasePath, "SELECT frame_count FROM motion WHERE clip_id = \(id)"), "303")
  }

  func testEmptySeriesRoundTrips() throws {
    let id = try save(StoredMotion(ptsSeconds: [], mafd: []))
    XCTAssertEqual(try store.motion(clipID: id), StoredMotion(ptsSeconds: [], mafd: []))
    XCTAssertEqual(try SQLiteCLI.scalar(databasePath, "SELECT frame_count FROM motion WHERE clip_id = \(id)"), "0")
  }

  func testClipSavedWithoutSeriesHasNone() throws {
    // Non-front cameras are not decoded: no motion row at all, not an empty one.
    let id = try save(nil)
    XCTAssertNil(try store.motion(clipID: id))
    XCTAssertNil(try store.motion(clipID: id + 1000))
  }

  func testBlobsAreLittleEndianFloat64AndFloat32() throws {
    // The layout is the public format other tools read: check it against IEEE 754 by hand.
    // 1.0 as float64 is 3FF0000000000000, -2.5 is C004000000000000; 1.0 as float32 is 3F800000,
    // 0.5 is 3F000000; little-endian puts the low byte first.
    let id = try save(StoredMotion(ptsSeconds: [1.0, -2.5], mafd: [1.0, 0.5]))
    let row = try XCTUnwrap(try SQLiteCLI.rows(
      databasePath, "SELECT hex(pts_s) AS pts, hex(mafd) AS mafd, length(pts_s) AS n8, length(mafd) AS n4 FROM motion WHERE clip_id = \(id)").first)
    XCTAssertEqual(row["pts"] as? String, "000000000000F03F" + "00000000000004C0")
    XCTAssertEqual(row["mafd"] as? String, "0000803F" + "0000003F")
    XCTAssertEqual(row["n8"] as? Int, 16)
    XCTAssertEqual(row["n4"] as? Int, 8)
  }

  func testSeriesWrittenByAnotherClientIsRead() throws {
    // A blob written by hand (little-endian) reads back as the numbers it encodes.
    let id = try save(nil)
    try SQLiteCLI.execute(databasePath, """
      INSERT INTO motion (clip_id, frame_count, pts_s, mafd)
      VALUES (\(id), 2, X'0000000000000000000000000000E03F', X'000000000000C03F')
      """)
    XCTAssertEqual(try store.motion(clipID: id), StoredMotion(ptsSeconds: [0, 0.5], mafd: [0, 1.5]))
  }

  func testMafdBlobWithAnOddByteCountIsCorruptMotion() throws {
    let path = "/m/RecentClips/2026-11-02_08-15-31-front.mp4"
    let id = try save(StoredMotion(ptsSeconds: [0, 1], mafd: [0, 2]), path: path)
    try SQLiteCLI.execute(databasePath, "UPDATE motion SET mafd = X'0000000000000040FF' WHERE clip_id = \(id)")
    assertCorruptMotion(clipID: id, path: path)
  }

  func testPtsBlobThatIsNotWholeFloat64sIsCorruptMotion() throws {
    let path = "/m/RecentClips/2026-11-02_08-15-31-front.mp4"
    let id = try save(StoredMotion(ptsSeconds: [0, 1], mafd: [0, 2]), path: path)
    // 12 bytes: a whole number of float32s but not of float64s.
    try SQLiteCLI.execute(databasePath, "UPDATE motion SET pts_s = X'000000000000000000000000' WHERE clip_id = \(id)")
    assertCorruptMotion(clipID: id, path: path)
  }

  func testColumnsOfDifferentLengthsAreCorruptMotion() throws {
    // Each blob is well formed, but three times do not go with two values.
    let path = "/m/RecentClips/2026-11-02_08-16-31-front.mp4"
    let id = try save(StoredMotion(ptsSeconds: [0, 1], mafd: [0, 2]), path: path)
    try SQLiteCLI.execute(databasePath, """
      UPDATE motion SET pts_s = X'000000000000000000000000000000000000000000000040' WHERE clip_id = \(id)
      """)
    assertCorruptMotion(clipID: id, path: path)
  }

  private func assertCorruptMotion(clipID: Int64, path: String, file: StaticString = #filePath, line: UInt = #line) {
    XCTAssertThrowsError(try store.motion(clipID: clipID), file: file, line: line) { error in
      guard case StoreError.corruptMotion(let clipPath) = error else {
        return XCTFail("expected StoreError.corruptMotion, got \(error)", file: file, line: line)
      }
      XCTAssertEqual(clipPath, path, file: file, line: line)
      // The message must say how to repair it.
      XCTAssertTrue((error as? StoreError)?.description.contains("--force") ?? false, file: file, line: line)
    }
  }
}
