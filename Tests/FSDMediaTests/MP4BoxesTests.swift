import XCTest
@testable import FSDMedia

final class MP4BoxesTests: XCTestCase {
  func testCompleteClipHasFtypMoovAndMdat() {
    let types = MP4Boxes.topLevel(path: Fixtures.driveFront1).map(\.type)
    XCTAssertEqual(types.first, "ftyp")
    XCTAssertTrue(types.contains("moov"))
    XCTAssertTrue(types.contains("mdat"))
  }

  func testClipCutBeforeItsMoovHasNone() {
    let types = MP4Boxes.topLevel(path: Fixtures.noMoov).map(\.type)
    XCTAssertEqual(types.first, "ftyp")
    XCTAssertFalse(types.contains("moov"))
  }

  func testBoxSizePastTheEndOfTheFileEndsTheWalkInsteadOfOverflowing() throws {
    // ftyp, then a box whose 64-bit size is 2^64 - 1: adding it to the offset used to trap.
    let folder = try Fixtures.temporaryDirectory()
    let path = folder.appendingPathComponent("huge-box.mp4").path
    var bytes: [UInt8] = [0, 0, 0, 16] + Array("ftypisom".utf8) + [0, 0, 2, 0]
    bytes += [0, 0, 0, 1] + Array("moov".utf8) + [UInt8](repeating: 0xFF, count: 8) + [UInt8](repeating: 0, count: 32)
    try Data(bytes).write(to: URL(fileURLWithPath: path))
    let boxes = MP4Boxes.topLevel(path: path)
    XCTAssertEqual(boxes.map(\.type), ["ftyp", "moov"])
    XCTAssertEqual(boxes.last?.size, UInt64.max, "the box is listed with the size it claims")
  }

  func testTextFileHasNoBoxesThatLookLikeMP4() {
    XCTAssertNotEqual(MP4Boxes.topLevel(path: Fixtures.textFile).first?.type, "ftyp")
  }
}
