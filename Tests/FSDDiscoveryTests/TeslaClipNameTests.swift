import XCTest

@testable import FSDDiscovery

final class TeslaClipNameTests: XCTestCase {
  func testCurrentFormWithSeconds() throws {
    let parsed = try XCTUnwrap(TeslaClipName.parse(fileName: "2026-11-02_08-14-31-front.mp4"))
    XCTAssertEqual(parsed.time.description, "2026-11-02T08:14:31")
    XCTAssertEqual(parsed.camera, "front")
  }

  func testOldFormWithoutSecondsMeansSecondZero() throws {
    let parsed = try XCTUnwrap(TeslaClipName.parse(fileName: "2026-11-02_08-14-front.mp4"))
    XCTAssertEqual(parsed.time.description, "2026-11-02T08:14:00")
    XCTAssertEqual(parsed.camera, "front")
    XCTAssertEqual(TeslaClipName.parse(fileName: "2019-05-01_17-02-left_repeater.mp4")?.camera, "left_repeater")
  }

  func testEveryCameraNameAndUnknownSuffixVerbatim() {
    for camera in [
      "front", "back", "left_repeater", "right_repeater", "left_pillar", "right_pillar", "rear_view",
      "cabin_ir", "Front-Wide",
    ] {
      XCTAssertEqual(TeslaClipName.parse(fileName: "2026-11-02_08-14-31-\(camera).mp4")?.camera.rawValue, camera)
    }
  }

  func testExtensionIsCaseInsensitive() {
    XCTAssertEqual(TeslaClipName.parse(fileName: "2026-11-02_08-14-31-back.MP4")?.camera, "back")
    XCTAssertEqual(TeslaClipName.parse(fileName: "2026-11-02_08-14-31-back.Mp4")?.camera, "back")
  }

  func testRejectsOtherNames() {
    for name in [
      "clip.mp4", "2026-11-02_08-14-31-front.mov", "2026-11-02_08-14-31-.mp4", "2026-11-02_08-14-.mp4",
      "2026-13-02_08-14-31-front.mp4", "2026-11-02_08-14-61-front.mp4", "2026-11-02 08-14-31-front.mp4",
      "2026-11-02_08-14-31-front", ".mp4", "20261102_081431-front.mp4",
    ] {
      XCTAssertNil(TeslaClipName.parse(fileName: name), name)
    }
  }
}
