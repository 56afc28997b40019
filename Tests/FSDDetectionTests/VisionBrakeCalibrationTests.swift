import FSDDomain
import XCTest

@testable import FSDDetection

/// Where telemetry and the camera both saw a brake, the telemetry event stays and records the
/// camera's pitch; vision-only brakes get g once three such pairs have calibrated the car's pitch
/// per g (the median, applied to the vision peak pitch).
final class VisionBrakeCalibrationTests: XCTestCase {
  func telemetryBrake(atS onsetS: Double, g: Double) -> DetectedEvent {
    DetectedEvent(kind: .brake, severity: .hard, onsetS: onsetS, peakS: onsetS + 0.5, endS: onsetS + 1.5, peakDecelG: g,
                  initiator: .fsd, rule: "decel>=0.20g for 0.4s")
  }

  func visionBrake(atS onsetS: Double, pitchHeights: Double) -> DetectedEvent {
    var event = DetectedEvent(kind: .brake, source: .vision, onsetS: onsetS, peakS: onsetS + 0.4, endS: onsetS + 1.2,
                              initiator: .unknown, rule: "vision: nose-down pitch>=0.94% of height for 0.3s", confidence: 0.8)
    event.visionPeakPitchHeights = pitchHeights
    return event
  }

  func testFusionConfirmsTheNearestVisionEventOfTheSameKindAndRecordsItsPitch() throws {
    let swerve = DetectedEvent(kind: .swerve, source: .vision, onsetS: 100.1, peakS: 100.5, endS: 101, initiator: .unknown,
                               rule: "vision: yaw")
    let fused = VisionFusion.confirm(
      [telemetryBrake(atS: 100, g: 0.3), telemetryBrake(atS: 200, g: 0.4)],
      with: [swerve, visionBrake(atS: 100.3, pitchHeights: 0.0162), visionBrake(atS: 150, pitchHeights: 0.02)])
    XCTAssertEqual(fused.map(\.source), [.both, .telemetry], "the second brake has no vision event within 1 s")
    XCTAssertEqual(fused[0].peakDecelG, 0.3, "telemetry magnitudes stay")
    XCTAssertEqual(fused[0].rule, "decel>=0.20g for 0.4s; vision onset +0.30s, pitch 1.62% of height")
    XCTAssertEqual(try XCTUnwrap(VisionFusion.pitch(inRule: fused[0].rule)), 0.0162, accuracy: 1e-9,
                   "a stored fused brake gives its pitch back from its rule")
    XCTAssertNil(VisionFusion.pitch(inRule: fused[1].rule))
    XCTAssertEqual(VisionBrakeCalibration.pair(of: fused[0])?.pitchHeights, 0.0162)
    XCTAssertNil(VisionBrakeCalibration.pair(of: fused[1]))
  }

  func testTheMedianPitchPerGOfThreeOrMorePairsCalibratesVisionOnlyBrakes() throws {
    // Two pairs are not enough to trust.
    XCTAssertNil(VisionBrakeCalibration(fusedBrakes: [(0.3, 0.016), (0.4, 0.022)]))
    // 5.5 % of the picture height per g (2.5°/g at 21 rows/° of 960), one outlier.
    let calibration = try XCTUnwrap(VisionBrakeCalibration(fusedBrakes: [
      (0.3, 0.0165), (0.4, 0.022), (0.5, 0.0275), (0.25, 0.04),
    ]))
    XCTAssertEqual(calibration.pairs, 4)
    XCTAssertEqual(calibration.pitchPerG, 0.055, accuracy: 0.0001)

    var vision = visionBrake(atS: 10, pitchHeights: 0.0198)
    calibration.apply(to: &vision, config: .standard)
    XCTAssertEqual(try XCTUnwrap(vision.peakDecelG), 0.36, accuracy: 0.005)
    XCTAssertEqual(vision.severity, .hard)
    XCTAssertTrue(vision.rule.contains("calibrated on 4 fused brakes"), vision.rule)

    var telemetry = telemetryBrake(atS: 10, g: 0.25)
    calibration.apply(to: &telemetry, config: .standard)
    XCTAssertEqual(telemetry, telemetryBrake(atS: 10, g: 0.25), "telemetry figures are never replaced by the camera's")
  }
}
