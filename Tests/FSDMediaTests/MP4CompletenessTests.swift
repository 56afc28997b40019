import XCTest
@testable import FSDMedia

/// A clip copied in is whole only when all its bytes are there, whichever end its index is at.
final class MP4CompletenessTests: XCTestCase {
  /// The car's layout: ftyp, free, mdat, then moov.
  static let indexLast = Fixtures.packageRoot.appendingPathComponent(
    "samples/TeslaCam/RecentClips/2026-11-16/2026-11-16_07-58-02-front.mp4").path
  var folder: URL!
  /// The same clip with its index first (`-movflags +faststart`): ftyp, moov, free, mdat.
  var indexFirst: String { folder.appendingPathComponent("index-first.mp4").path }

  override func setUpWithError() throws {
    folder = try Fixtures.temporaryDirectory()
    try Fixtures.run("ffmpeg", ["-v", "error", "-i", Self.indexLast, "-c", "copy", "-movflags", "+faststart", indexFirst])
  }

  override func tearDownWithError() throws { try? FileManager.default.removeItem(at: folder) }

  func testTheClipsHaveTheirIndexAtEitherEnd() {
    XCTAssertEqual(MP4Boxes.topLevel(path: Self.indexLast).map(\.type).last, "moov")
    XCTAssertEqual(MP4Boxes.topLevel(path: indexFirst).map(\.type).dropFirst().first, "moov")
  }

  func testWholeClipsAreComplete() {
    XCTAssertTrue(MP4Completeness.isComplete(path: Self.indexLast))
    XCTAssertTrue(MP4Completeness.isComplete(path: indexFirst))
    XCTAssertTrue(MP4Completeness.isComplete(path: Fixtures.driveFront1))
  }

  func testEveryPrefixOfAClipIsIncomplete() throws {
    for clip in [Self.indexLast, indexFirst] {
      let bytes = try Data(contentsOf: URL(fileURLWithPath: clip))
      let boxes = MP4Boxes.topLevel(path: clip)
      // Cut inside each box, at a box boundary, and one byte short of the end.
      let cuts = boxes.flatMap { [Int($0.offset), Int($0.offset + $0.size / 2)] }.filter { $0 > 0 } + [bytes.count - 1]
      for cut in cuts {
        let path = folder.appendingPathComponent("cut-\(cut).mp4")
        try bytes.prefix(cut).write(to: path)
        XCTAssertFalse(MP4Completeness.isComplete(path: path.path),
                       "\((clip as NSString).lastPathComponent) cut at \(cut) of \(bytes.count) bytes")
      }
    }
  }

  func testDamagedAndForeignFilesAreNotComplete() {
    // samples/ has a clip with its index first cut off in its mdat, which claims more than is there.
    XCTAssertFalse(MP4Completeness.isComplete(path: Fixtures.packageRoot.appendingPathComponent(
      "samples/TeslaCam/RecentClips/2026-11-16/2026-11-16_07-58-32-front.mp4").path))
    XCTAssertFalse(MP4Completeness.isComplete(path: Fixtures.noMoov))
    XCTAssertFalse(MP4Completeness.isComplete(path: Fixtures.cutShort))
    XCTAssertFalse(MP4Completeness.isComplete(path: Fixtures.zeroBytes))
    XCTAssertFalse(MP4Completeness.isComplete(path: Fixtures.textFile))
    XCTAssertFalse(MP4Completeness.isComplete(path: "/nonexistent/clip.mp4"))
  }
}
