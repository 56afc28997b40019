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

  func testTextFileHasNoBoxesThatLookLikeMP4() {
    XCTAssertNotEqual(MP4Boxes.topLevel(path: Fixtures.textFile).first?.type, "ftyp")
  }
}
