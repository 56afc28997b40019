import FSDMedia
import XCTest

/// A cut across two real clips (an event near a clip's end keeps footage from the next one):
/// the parts play back to back, each from a keyframe, with the pictures exactly the source's; a
/// neighbour that cannot be read is left out and the event's own clip is still kept.
final class MP4SnippetPartsTests: XCTestCase {
  var folder: URL!

  override func setUpWithError() throws { folder = try Fixtures.temporaryDirectory() }
  override func tearDownWithError() throws { try? FileManager.default.removeItem(at: folder) }

  func testTwoClipsAreCutBackToBackWithTheSourcesPictures() throws {
    let first = Fixtures.driveFront1, second = Fixtures.sample("RecentClips/2026-11-02/2026-11-02_08-15-31-front.mp4")
    let output = folder.appendingPathComponent("cut.mp4").path
    let result = try MP4Snippet.write(parts: [
      MP4Snippet.Part(path: first, fromSeconds: 5, toSeconds: 8),
      MP4Snippet.Part(path: second, fromSeconds: 0, toSeconds: 2),
    ], anchor: 1, to: output)

    XCTAssertEqual(result.parts.count, 2)
    let (before, own) = (result.parts[0], result.parts[1])
    XCTAssertGreaterThan(before.packetCount, 0)
    XCTAssertGreaterThan(own.packetCount, 0)
    // Shown from the start (less the frame or two B-frames delay a picture by).
    XCTAssertEqual(before.outputStartSeconds, 0, accuracy: 0.1)
    // The first part runs from its keyframe at or before 5 s to the clip's end at 8 s.
    XCTAssertLessThanOrEqual(before.sourceStartSeconds, 5)
    XCTAssertEqual(own.outputStartSeconds - before.outputStartSeconds, 8 - before.sourceStartSeconds, accuracy: 0.1)
    XCTAssertEqual(own.sourceStartSeconds, 0, accuracy: 0.001)

    let cut = try MediaFile(path: output)
    XCTAssertEqual(cut.info.durationSeconds ?? 0, own.outputStartSeconds + 2, accuracy: 0.15)
    // 0.5 s into the second clip, in the cut and in the source: the same picture, byte for byte.
    let inCut = try cut.picture(atSeconds: own.outputStartSeconds + 0.5)
    let inSource = try MediaFile(path: second).picture(atSeconds: 0.5)
    XCTAssertTrue(inCut.y == inSource.y, "the cut's picture 0.5 s into the second clip is not the source's")
    // ... and not the first clip's picture at the same place.
    XCTAssertFalse(try cut.picture(atSeconds: own.outputStartSeconds - 0.5).y == inSource.y)
  }

  func testAnUnreadableNeighbourIsLeftOutAndTheOwnClipKept() throws {
    let output = folder.appendingPathComponent("cut.mp4").path
    let result = try MP4Snippet.write(parts: [
      MP4Snippet.Part(path: Fixtures.driveFront1, fromSeconds: 6, toSeconds: 8),
      MP4Snippet.Part(path: Fixtures.noMoov, fromSeconds: 0, toSeconds: 2),
    ], anchor: 0, to: output)
    XCTAssertEqual(result.parts.map(\.packetCount).map { $0 > 0 }, [true, false])
    XCTAssertEqual(try MediaFile(path: output).info.durationSeconds ?? 0, 8 - result.parts[0].sourceStartSeconds, accuracy: 0.15)
    // The event's own clip must give footage.
    XCTAssertThrowsError(try MP4Snippet.write(parts: [
      MP4Snippet.Part(path: Fixtures.driveFront1, fromSeconds: 6, toSeconds: 8),
      MP4Snippet.Part(path: Fixtures.noMoov, fromSeconds: 0, toSeconds: 2),
    ], anchor: 1, to: folder.appendingPathComponent("none.mp4").path))
  }
}
