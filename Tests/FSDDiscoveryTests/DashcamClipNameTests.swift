import Foundation
import XCTest

@testable import FSDDiscovery

/// Other dashcams' (and phones') file-name times: each recognised form, the rear/interior
/// markers, and names that must not be read as times.
final class DashcamClipNameTests: XCTestCase {
  private func parsed(_ name: String, file: StaticString = #filePath, line: UInt = #line) throws -> (String, String) {
    let result = try XCTUnwrap(DashcamClipName.parse(fileName: name), name, file: file, line: line)
    return (result.time.description, result.camera.rawValue)
  }

  func testDateUnderscoreTime() throws {
    XCTAssertEqual(try parsed("20231105_142233.mp4").0, "2023-11-05T14:22:33")
    XCTAssertEqual(try parsed("20231105_142233_0012.mp4").0, "2023-11-05T14:22:33")
    XCTAssertEqual(try parsed("20231105-142233.MP4").0, "2023-11-05T14:22:33")
    XCTAssertEqual(try parsed("20231105T142233.mp4").0, "2023-11-05T14:22:33")
    XCTAssertEqual(try parsed("IMG_20231105_142233.mp4").0, "2023-11-05T14:22:33")
  }

  func testFourteenDigitRun() throws {
    XCTAssertEqual(try parsed("20231105142233.mp4").0, "2023-11-05T14:22:33")
    XCTAssertEqual(try parsed("REC_20231105142233_01.mp4").0, "2023-11-05T14:22:33")
  }

  func testViofo() throws {
    XCTAssertEqual(try parsed("2023_1105_142233_001.MP4").0, "2023-11-05T14:22:33")
    XCTAssertEqual(try parsed("2023_1105_142233_001F.MP4").1, "front")
    XCTAssertEqual(try parsed("2023_1105_142233_001R.MP4").1, "back")
  }

  func testBlackVue() throws {
    XCTAssertEqual(try parsed("20231105_142233_NF.mp4").0, "2023-11-05T14:22:33")
    XCTAssertEqual(try parsed("20231105_142233_NF.mp4").1, "front")
    XCTAssertEqual(try parsed("20231105_142233_ER.mp4").1, "back")
    XCTAssertEqual(try parsed("20231105_142233_NI.mp4").1, "interior")
  }

  func testTwoDigitYearWithPrefix() throws {
    XCTAssertEqual(try parsed("FILE231105-142233F.MP4").0, "2023-11-05T14:22:33")
    XCTAssertEqual(try parsed("FILE231105-142233F.MP4").1, "front")
    XCTAssertEqual(try parsed("FILE231105-142233R.MP4").1, "back")
    XCTAssertEqual(try parsed("231105_142233_001.MP4").0, "2023-11-05T14:22:33")
  }

  func testThinkwareLike() throws {
    XCTAssertEqual(try parsed("NO20231105-142233-000123F.MP4").0, "2023-11-05T14:22:33")
    XCTAssertEqual(try parsed("NO20231105-142233-000123F.MP4").1, "front")
    XCTAssertEqual(try parsed("EVT20231105-142233-000124R.MP4").1, "back")
  }

  func testLeapDayIsADate() throws {
    XCTAssertEqual(try parsed("20240229_235959.mp4").0, "2024-02-29T23:59:59")
  }

  func testWordsAtTheEndAreNotCameraMarkers() throws {
    // "_rear" is a word, not a one- or two-letter marker: the clip stays front.
    XCTAssertEqual(try parsed("20231105_142233_trip.mp4").1, "front")
    XCTAssertEqual(try parsed("20231105_142233_rear.mp4").1, "front")
  }

  func testRejectsNamesWithoutARealDateAndTime() {
    for name in [
      "clip.mp4", "GOPR0001.MP4", "DJI_0001.MP4", "IMG_1234.mp4", "20231105.mp4", "20231105_1422.mp4",
      "20231305_142233.mp4",  // month 13
      "20230230_142233.mp4",  // 30 February
      "20230229_120000.mp4",  // 29 February in a common year
      "20231105_242233.mp4",  // hour 24
      "20231105_146033.mp4",  // minute 60
      "2023110514223.mp4",  // 13 digits
      "202311051422330.mp4",  // 15 digits: not cut up
      "120231105_142233.mp4",  // the date is part of a longer run
      "20231105_1422331.mp4",
      "19691231_235959.mp4",  // before 1990
      "FILE231305-142233F.MP4",  // month 13
      "123456-654321.mp4",
      "2023_1105_1422_001.MP4",
      "2023_1305_142233_001.MP4",
      "20231105_142233.mov",  // not an mp4
      "20231105_142233",
    ] {
      XCTAssertNil(DashcamClipName.parse(fileName: name), name)
    }
  }

  func testTeslaNamesAreNotDashcamNames() {
    // Discovery asks TeslaClipName first; this parser does not read Tesla's dashed form either.
    XCTAssertNil(DashcamClipName.parse(fileName: "2026-11-02_08-14-31-front.mp4"))
  }

  func testDiscoveryGivesDashcamClipsTheirNameTime() throws {
    let folder = NSTemporaryDirectory() + "/fsd-dashcam-names-" + UUID().uuidString
    try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
    defer { try? FileManager.default.removeItem(atPath: folder) }
    for name in ["20231105_142233_NF.mp4", "20231105_142233_NR.mp4", "clip.mp4", "2026-11-02_08-14-31-back.mp4"] {
      FileManager.default.createFile(atPath: folder + "/" + name, contents: Data())
    }

    let clips = try Discovery.discover(paths: [folder]).clips
    let byName = Dictionary(uniqueKeysWithValues: clips.map { (($0.path as NSString).lastPathComponent, $0) })

    let front = try XCTUnwrap(byName["20231105_142233_NF.mp4"])
    XCTAssertEqual(front.nameTime?.description, "2023-11-05T14:22:33")
    XCTAssertEqual(front.nameFormat, .dashcam)
    XCTAssertEqual(front.camera, "front")
    XCTAssertEqual(byName["20231105_142233_NR.mp4"]?.camera, "back")
    XCTAssertNil(byName["clip.mp4"]?.nameTime)
    XCTAssertNil(byName["clip.mp4"]?.nameFormat)
    XCTAssertEqual(byName["clip.mp4"]?.camera, "front")
    XCTAssertEqual(byName["2026-11-02_08-14-31-back.mp4"]?.nameFormat, .teslaCam)
    XCTAssertEqual(byName["2026-11-02_08-14-31-back.mp4"]?.camera, "back")
  }
}
