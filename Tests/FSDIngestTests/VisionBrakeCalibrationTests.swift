import FSDTestSupport
import FSDDetection
import FSDStore
import XCTest

@testable import FSDIngest

/// Vision-only brakes get g once fused brakes have paired the car's pitch with its telemetry:
/// the median pitch per g of at least three pairs, applied to the vision peak pitch.
final class VisionBrakeCalibrationTests: XCTestCase {
  func fused(g: Double, pitchPercent: Double) -> EventRecord {
    var record = EventRecord(kind: "brake", onsetUtc: "2026-11-02T16:14:45Z", peakUtc: "2026-11-02T16:14:45Z",
                             endUtc: "2026-11-02T16:14:46Z", initiator: "fsd", source: "both", confidence: 1,
                             detectedAt: "2026-11-02T17:00:00Z")
    record.peakDecelG = g
    record.rule = String(format: "decel>=0.20g for 0.4s; vision onset +0.03s, pitch %.2f%% of height", pitchPercent)
    return record
  }

  func testTheRuleCarriesThePitchAndTheMedianRatioCalibrates() throws {
    XCTAssertEqual(try XCTUnwrap(VisionBrakeCalibration.pitch(inRule: fused(g: 0.3, pitchPercent: 1.62).rule)), 0.0162, accuracy: 1e-9)
    XCTAssertNil(VisionBrakeCalibration.pitch(inRule: "decel>=0.20g for 0.4s"))

    let folder = try TemporaryFolder()
    let store = try Store(path: folder.path("fsdlog.sqlite"))
    // Two pairs are not enough to trust.
    XCTAssertNil(try VisionBrakeCalibration.from(store: store, excludingDrives: [], runEvents: [
      fused(g: 0.3, pitchPercent: 1.6), fused(g: 0.4, pitchPercent: 2.2),
    ]))
    // 5.5 % of the picture height per g (2.5°/g at 21 rows/° of 960), one outlier.
    let calibration = try XCTUnwrap(try VisionBrakeCalibration.from(store: store, excludingDrives: [], runEvents: [
      fused(g: 0.3, pitchPercent: 1.65), fused(g: 0.4, pitchPercent: 2.2), fused(g: 0.5, pitchPercent: 2.75),
      fused(g: 0.25, pitchPercent: 4.0),
    ]))
    XCTAssertEqual(calibration.pairs, 4)
    XCTAssertEqual(calibration.pitchPerG, 0.055, accuracy: 0.0001)

    var vision = EventRecord(kind: "brake", onsetUtc: "2026-11-03T10:00:00Z", peakUtc: "2026-11-03T10:00:00Z",
                             endUtc: "2026-11-03T10:00:01Z", initiator: "unknown", source: "vision", confidence: 0.8,
                             detectedAt: "2026-11-03T11:00:00Z")
    vision.rule = "vision: nose-down pitch>=0.9% of height for 0.4s (peak 1.9%)"
    calibration.apply(to: &vision, peakPitch: 0.0198, config: .standard)
    XCTAssertEqual(try XCTUnwrap(vision.peakDecelG), 0.36, accuracy: 0.005)
    XCTAssertEqual(vision.severity, "hard")
    XCTAssertTrue(vision.rule?.contains("calibrated on 4 fused brakes") ?? false, vision.rule ?? "")
  }
}
