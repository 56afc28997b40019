import FSDDomain
import FSDTelemetry
import XCTest

@testable import FSDDetection

final class SwerveDetectionTests: XCTestCase {
  private func swerves(_ series: HandMadeSeries, config: DetectionConfig = .standard) -> [DetectedEvent] {
    TelemetryEventDetector.detect(series.samples(), calibration: nil, config: config).filter { $0.kind == .swerve }
  }

  func testLateralAccelerationSwerve() throws {
    var series = HandMadeSeries()
    series.startSpeedMPS = 80 / 3.6
    series.latG = { -trapezoid($0, start: 5, ramp: 0.4, hold: 0.5, peak: 0.35) }
    let found = swerves(series)
    XCTAssertEqual(found.count, 1)
    let event = try XCTUnwrap(found.first)
    // |lateral| ≥ 0.25 g first at 5.3 s (0.2625 g), back under 0.125 g at 6.175 s (0.109 g);
    // the smoothed flat top is reached at 5.5 s.
    XCTAssertEqual(event.onsetS, 5.3, accuracy: 1e-9)
    XCTAssertEqual(event.peakS, 5.5, accuracy: 1e-9)
    XCTAssertEqual(event.endS, 6.175, accuracy: 1e-9)
    XCTAssertEqual(try XCTUnwrap(event.peakLatG), 0.35, accuracy: 1e-9)
    XCTAssertEqual(event.severity, .hard)
    XCTAssertEqual(event.rule, "lateral>=0.25g")
    XCTAssertEqual(event.initiator, .fsd)
    XCTAssertNil(event.peakDecelG)
  }

  func testSteeringRateSwerveWithoutLateralData() throws {
    var series = HandMadeSeries()
    series.startSpeedMPS = 60 / 3.6
    // 0 → 45° in 0.3 s (150 °/s), held 1 s, and back.
    series.steeringDeg = { trapezoid($0, start: 5, ramp: 0.3, hold: 1, peak: 45) }
    let found = swerves(series)
    XCTAssertEqual(found.count, 1)
    let event = try XCTUnwrap(found.first)
    // 150 °/s from the start, but the wheel has moved ≥ 20° only from 5.15 s (22.5°).
    XCTAssertEqual(event.onsetS, 5.15, accuracy: 1e-9)
    // The way back is a second steering interval 1.15 s later: merged.
    XCTAssertEqual(event.endS, 6.625, accuracy: 1e-9)
    XCTAssertEqual(event.rule, "steering_rate>=90deg/s with excursion>=20deg")
    XCTAssertEqual(try XCTUnwrap(event.peakSteeringRateDegPerS), 150, accuracy: 1e-6)
    XCTAssertNil(event.peakLatG)
    XCTAssertNil(event.severity)
  }

  func testSlowSteeringOrSmallExcursionIsNoSwerve() {
    var series = HandMadeSeries()
    series.startSpeedMPS = 60 / 3.6
    // Fast but small (15°), then large but slow (60° over 1 s).
    series.steeringDeg = {
      trapezoid($0, start: 5, ramp: 0.1, hold: 1, peak: 15) + trapezoid($0, start: 10, ramp: 1, hold: 1, peak: 60)
    }
    XCTAssertEqual(swerves(series), [])
  }

  func testSteeringInACurveIsNotAnExcursion() {
    var series = HandMadeSeries()
    series.startSpeedMPS = 60 / 3.6
    // A steady 90° with a fast 10° correction on top: the wheel moves fast but not far.
    series.steeringDeg = { 90 + trapezoid($0, start: 5, ramp: 0.1, hold: 0.2, peak: 10) }
    XCTAssertEqual(swerves(series), [])
  }

  func testNoSwerveBelowThirtyKmh() {
    var series = HandMadeSeries()
    series.startSpeedMPS = 25 / 3.6
    series.latG = { trapezoid($0, start: 5, ramp: 0.4, hold: 0.5, peak: 0.35) }
    series.steeringDeg = { trapezoid($0, start: 5, ramp: 0.3, hold: 1, peak: 120) }
    XCTAssertEqual(swerves(series), [])
  }

  func testSteeringRuleNearALateralSwerveKeepsTheLateralTiming() throws {
    var series = HandMadeSeries()
    series.startSpeedMPS = 40 / 3.6
    // The wheel turns well before the lateral acceleration builds (as at low speed).
    series.steeringDeg = { trapezoid($0, start: 4.5, ramp: 0.3, hold: 1.5, peak: 60) }
    series.latG = { trapezoid($0, start: 5, ramp: 0.4, hold: 0.5, peak: 0.35) }
    let found = swerves(series)
    XCTAssertEqual(found.count, 1)
    let event = try XCTUnwrap(found.first)
    XCTAssertEqual(event.rule, "lateral>=0.25g")
    XCTAssertEqual(event.onsetS, 5.3, accuracy: 1e-9)
    XCTAssertEqual(event.endS, 6.175, accuracy: 1e-9)
  }

  func testSwerveSeverityByPeakLateralG() {
    for (peak, expected) in [(0.27, Severity.mild), (0.4, .hard), (0.5, .emergency)] {
      var series = HandMadeSeries()
      series.latG = { trapezoid($0, start: 5, ramp: 0.4, hold: 0.5, peak: peak) }
      XCTAssertEqual(swerves(series).map(\.severity), [expected], "peak \(peak)")
    }
  }
}
