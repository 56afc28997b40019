import FSDDomain
import FSDTelemetry
import XCTest

@testable import FSDDetection

final class BrakeDetectionTests: XCTestCase {
  private func brakes(_ series: HandMadeSeries, config: DetectionConfig = .standard) -> [DetectedEvent] {
    TelemetryEventDetector.detect(series.samples(), calibration: nil, config: config).filter { $0.kind == .brake }
  }

  /// 0.42 g trapezoid from 5 s, 0.5 s linear ramps, 1 s flat, sampled at 40 Hz.
  private var trapezoidSeries: HandMadeSeries {
    var series = HandMadeSeries()
    series.decelG = { trapezoid($0, start: 5, ramp: 0.5, hold: 1, peak: 0.42) }
    return series
  }

  func testTrapezoidOnsetPeakEndWithoutSmoothing() throws {
    var config = DetectionConfig()
    config.accelSmoothingS = 0
    config.brakePeakWindowS = 0
    let found = brakes(trapezoidSeries, config: config)
    XCTAssertEqual(found.count, 1)
    let event = try XCTUnwrap(found.first)
    // Onset: first sample ≥ 0.20 g on the ramp (0.21 g at 5.25 s; 0.189 g at 5.225 s).
    XCTAssertEqual(event.onsetS, 5.25, accuracy: 1e-9)
    // Peak: the first sample of the flat top.
    XCTAssertEqual(event.peakS, 5.5, accuracy: 1e-9)
    // End: first sample under 0.10 g on the way down (0.084 g at 6.9 s; 0.105 g at 6.875 s).
    XCTAssertEqual(event.endS, 6.9, accuracy: 1e-9)
    XCTAssertEqual(try XCTUnwrap(event.peakDecelG), 0.42, accuracy: 1e-9)
    XCTAssertEqual(event.severity, .hard)
    XCTAssertEqual(event.initiator, .fsd)
    XCTAssertEqual(event.autopilotAtOnset, .selfDriving)
    XCTAssertEqual(event.rule, "decel>=0.20g for 0.4s")
    XCTAssertEqual(event.confidence, 1)
    // Speed at onset: 0.25 s into the ramp, 0.26 m/s already lost.
    XCTAssertEqual(try XCTUnwrap(event.speedBeforeMPS), 25 - 0.42 * standardGravity * 0.25 * 0.25, accuracy: 0.01)
    XCTAssertLessThan(try XCTUnwrap(event.speedAfterMPS), 25 - 0.42 * standardGravity * 1.4)
    XCTAssertEqual(try XCTUnwrap(event.latitudeDeg), 37.39 + 5.5e-5, accuracy: 1e-12)
  }

  func testTrapezoidWithDefaultSmoothingKeepsRampTimes() throws {
    let event = try XCTUnwrap(brakes(trapezoidSeries).first)
    // A centred average leaves linear ramps unchanged, so onset and end do not move; the peak (a
    // 0.4 s average) is reached once that whole window lies on the flat top.
    XCTAssertEqual(event.onsetS, 5.25, accuracy: 1e-9)
    XCTAssertEqual(event.peakS, 5.7, accuracy: 1e-9)
    XCTAssertEqual(event.endS, 6.9, accuracy: 1e-9)
    XCTAssertEqual(try XCTUnwrap(event.peakDecelG), 0.42, accuracy: 1e-9)
  }

  func testTwoBrakesTwoSecondsApartMerge() throws {
    var series = HandMadeSeries()
    // First ends (< 0.1 g) at about 6.9 s; the second starts (≥ 0.2 g) at about 8.9 s.
    series.decelG = {
      trapezoid($0, start: 5, ramp: 0.5, hold: 1, peak: 0.3) + trapezoid($0, start: 8.7, ramp: 0.5, hold: 1, peak: 0.5)
    }
    let found = brakes(series)
    XCTAssertEqual(found.count, 1)
    let event = try XCTUnwrap(found.first)
    XCTAssertEqual(event.onsetS, 5.35, accuracy: 0.03)
    XCTAssertGreaterThan(event.peakS, 9)
    XCTAssertEqual(try XCTUnwrap(event.peakDecelG), 0.5, accuracy: 1e-6)
    XCTAssertEqual(event.severity, .emergency)
    XCTAssertGreaterThan(event.endS, 10.5)
  }

  func testTwoBrakesFourSecondsApartStaySeparate() throws {
    var series = HandMadeSeries()
    series.decelG = {
      trapezoid($0, start: 5, ramp: 0.5, hold: 1, peak: 0.32)
        + trapezoid($0, start: 10.7, ramp: 0.5, hold: 1, peak: 0.32)
    }
    let found = brakes(series)
    XCTAssertEqual(found.count, 2)
    XCTAssertEqual(found.map(\.severity), [.hard, .hard])
    XCTAssertEqual(found[1].onsetS - found[0].endS, 4.1, accuracy: 0.1)
  }

  func testSeverityBands() {
    let cases: [(Double, Severity)] = [
      (0.25, .mild), (0.299, .mild), (0.301, .hard), (0.449, .hard), (0.451, .emergency), (0.7, .emergency),
    ]
    for (peak, expected) in cases {
      var series = HandMadeSeries()
      series.decelG = { trapezoid($0, start: 5, ramp: 0.3, hold: 1, peak: peak) }
      let found = brakes(series)
      XCTAssertEqual(found.count, 1, "peak \(peak)")
      XCTAssertEqual(found.first?.severity, expected, "peak \(peak)")
    }
    // The boundaries themselves belong to the upper band (mild < 0.30 ≤ hard < 0.45 ≤ emergency).
    XCTAssertEqual(DetectionConfig.standard.brakeSeverity(peakG: 0.30), .hard)
    XCTAssertEqual(DetectionConfig.standard.brakeSeverity(peakG: 0.45), .emergency)
    XCTAssertEqual(DetectionConfig.standard.brakeSeverity(peakG: 0.2999999), .mild)
  }

  func testShortDecelerationIsNotABrake() {
    var series = HandMadeSeries()
    // Over 0.2 g for well under 0.4 s, and only ~3 km/h lost.
    series.decelG = { trapezoid($0, start: 5, ramp: 0.1, hold: 0.2, peak: 0.3) }
    XCTAssertEqual(brakes(series), [])
  }

  func testHoldIsMeasuredFirstToLastSampleOverThreshold() {
    var config = DetectionConfig()
    config.accelSmoothingS = 0
    // Exactly 0.25 g on samples 5.000 ... 5.400 (17 samples at 40 Hz: 0.4 s first to last).
    var series = HandMadeSeries()
    series.decelG = { $0 >= 4.999 && $0 <= 5.401 ? 0.25 : 0 }
    XCTAssertEqual(brakes(series, config: config).count, 1)
    series.decelG = { $0 >= 4.999 && $0 <= 5.376 ? 0.25 : 0 }
    XCTAssertEqual(brakes(series, config: config), [])
  }

  func testSpeedDropBelowDecelThresholdIsABrake() throws {
    var series = HandMadeSeries()
    series.startSpeedMPS = 60 / 3.6
    // 0.15 g for 3 s: ~16 km/h lost, never 0.2 g.
    series.decelG = { trapezoid($0, start: 5, ramp: 0.3, hold: 3, peak: 0.15) }
    let found = brakes(series)
    XCTAssertEqual(found.count, 1)
    let event = try XCTUnwrap(found.first)
    XCTAssertEqual(event.rule, "speed_drop>=8km/h in 2s")
    XCTAssertEqual(event.severity, .mild)
    XCTAssertEqual(try XCTUnwrap(event.peakDecelG), 0.15, accuracy: 0.01)
    // The first sample from which the speed falls 8 km/h within 2 s: 2.22 m/s at 1.47 m/s² takes
    // 1.51 s of full deceleration (plus half the ramp).
    XCTAssertEqual(event.onsetS, 5.0 + 0.3 / 2 + 1.51 - 2, accuracy: 0.1)
    XCTAssertEqual(event.endS, 8.6, accuracy: 0.1)
  }

  func testNothingAtLowSpeed() {
    var series = HandMadeSeries()
    // From 14 km/h: the speed-drop rule needs ≥ 15 km/h before; 0.15 g never reaches 0.2 g.
    series.startSpeedMPS = 14 / 3.6
    series.decelG = { trapezoid($0, start: 5, ramp: 0.3, hold: 1, peak: 0.15) }
    // A swerve-sized lateral acceleration and a fast wheel while parking.
    series.latG = { trapezoid($0, start: 12, ramp: 0.3, hold: 1, peak: 0.3) }
    series.steeringDeg = { trapezoid($0, start: 12, ramp: 0.3, hold: 1, peak: 200) }
    XCTAssertEqual(TelemetryEventDetector.detect(series.samples(), calibration: nil), [])
  }

  func testSpeedOnlySeriesUsesTheSpeedDerivative() throws {
    var series = HandMadeSeries()
    series.withAcceleration = false
    series.decelG = { trapezoid($0, start: 5, ramp: 0.5, hold: 1, peak: 0.42) }
    let found = brakes(series)
    XCTAssertEqual(found.count, 1)
    let event = try XCTUnwrap(found.first)
    XCTAssertEqual(event.rule, "decel>=0.20g for 0.4s (from speed)")
    XCTAssertEqual(event.onsetS, 5.25, accuracy: 0.05)
    XCTAssertEqual(event.endS, 6.9, accuracy: 0.1)
    XCTAssertEqual(try XCTUnwrap(event.peakDecelG), 0.42, accuracy: 0.01)
  }

  func testStrongBrakeAlsoDroppingSpeedIsOneEventWithDecelTiming() throws {
    var series = HandMadeSeries()
    // 0.48 g for 2.5 s: ~40 km/h lost, so the speed-drop rule fires too, from an earlier sample.
    series.decelG = { trapezoid($0, start: 5, ramp: 0.5, hold: 2, peak: 0.48) }
    let found = brakes(series)
    XCTAssertEqual(found.count, 1)
    XCTAssertEqual(found.first?.rule, "decel>=0.20g for 0.4s")
    XCTAssertEqual(try XCTUnwrap(found.first).onsetS, 5.225, accuracy: 1e-9)
  }
}
