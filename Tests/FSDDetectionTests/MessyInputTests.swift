import FSDDomain
import FSDTelemetry
import XCTest

@testable import FSDDetection

/// Real telemetry has holes, repeats and garbage: none of it may crash or invent events.
final class MessyInputTests: XCTestCase {
  private var brakeSeries: HandMadeSeries {
    var series = HandMadeSeries()
    series.decelG = { trapezoid($0, start: 5, ramp: 0.5, hold: 1, peak: 0.42) }
    return series
  }

  func testEmptyAndSingleSample() {
    XCTAssertEqual(TelemetryEventDetector.detect([], calibration: nil), [])
    XCTAssertEqual(TelemetryEventDetector.usage([]), UsageTotals())
    XCTAssertNil(AxisCalibration.calibrate([]))
    XCTAssertEqual(TelemetryResampler.resample([], hz: 10), [])
    var one = TelemetrySample(timeS: 3)
    one.speedMPS = 20
    one.accelXMPS2 = -5
    one.autopilot = .selfDriving
    XCTAssertEqual(TelemetryEventDetector.detect([one], calibration: nil), [])
    XCTAssertEqual(TelemetryEventDetector.usage([one]), UsageTotals())
    XCTAssertNil(AxisCalibration.calibrate([one]))
    XCTAssertEqual(TelemetryResampler.resample([one], hz: 10), [one])
  }

  func testSamplesWithOnlyTimes() {
    let samples = (0..<400).map { TelemetrySample(timeS: Double($0) / 36) }
    XCTAssertEqual(TelemetryEventDetector.detect(samples, calibration: nil), [])
    XCTAssertNil(AxisCalibration.calibrate(samples))
    let usage = TelemetryEventDetector.usage(samples)
    XCTAssertEqual(usage.totalDistanceM, 0)
    XCTAssertEqual(usage.unknownStateTimeS, 399.0 / 36, accuracy: 1e-9)
    XCTAssertEqual(usage.timeWithoutSpeedS, 399.0 / 36, accuracy: 1e-9)
  }

  func testNaNEverywhere() {
    let samples = (0..<400).map { k -> TelemetrySample in
      var s = TelemetrySample(timeS: k % 50 == 0 ? .nan : Double(k) / 36)
      s.speedMPS = .nan
      s.accelXMPS2 = .nan
      s.accelYMPS2 = .infinity
      s.accelZMPS2 = -.infinity
      s.accelLongMPS2 = .nan
      s.accelLatMPS2 = .nan
      s.steeringDeg = .nan
      s.acceleratorPedal = .nan
      s.headingDeg = .nan
      s.latitudeDeg = .nan
      s.longitudeDeg = .nan
      s.autopilot = k < 200 ? .selfDriving : AutopilotMode.none
      return s
    }
    // The state change is still a disengagement (speed unknown counts as moving); nothing else.
    let events = TelemetryEventDetector.detect(samples, calibration: nil)
    XCTAssertEqual(events.map(\.kind), [.disengagement])
    XCTAssertEqual(events.first?.initiator, .unknown)
    XCTAssertNil(AxisCalibration.calibrate(samples))
    let usage = TelemetryEventDetector.usage(samples)
    XCTAssertEqual(usage.totalDistanceM, 0)
    XCTAssertFalse(TelemetryResampler.resample(samples, hz: 10).isEmpty)
  }

  func testSporadicNaNAndMissingFieldsDoNotChangeTheEvent() throws {
    let clean = TelemetryEventDetector.detect(brakeSeries.samples(), calibration: nil)
    let holey = brakeSeries.samples().enumerated().map { k, s -> TelemetrySample in
      var s = s
      if k % 7 == 3 {
        s.speedMPS = .nan
        s.brakePedal = nil
        s.autopilot = nil
      }
      if k % 11 == 5 {
        s.latitudeDeg = nil
        s.acceleratorPedal = .nan
      }
      return s
    }
    let found = TelemetryEventDetector.detect(holey, calibration: nil)
    XCTAssertEqual(found.map(\.kind), clean.map(\.kind))
    let event = try XCTUnwrap(found.first)
    XCTAssertEqual(event.onsetS, try XCTUnwrap(clean.first).onsetS, accuracy: 0.03)
    XCTAssertEqual(event.initiator, .fsd)
    XCTAssertNotNil(event.speedBeforeMPS)
  }

  func testDuplicateAndBackwardTimesAreSkipped() {
    let clean = brakeSeries.samples()
    var messy: [TelemetrySample] = []
    for (k, s) in clean.enumerated() {
      messy.append(s)
      if k % 13 == 0 {
        // A repeated record with garbage, then one from the past.
        var duplicate = s
        duplicate.accelLongMPS2 = -40
        messy.append(duplicate)
        var past = s
        past.timeS -= 0.5
        past.accelLongMPS2 = -40
        messy.append(past)
      }
    }
    XCTAssertEqual(
      TelemetryEventDetector.detect(messy, calibration: nil), TelemetryEventDetector.detect(clean, calibration: nil))
    XCTAssertEqual(TelemetryEventDetector.usage(messy), TelemetryEventDetector.usage(clean))
  }

  func testNothingIsHeldOrSmoothedAcrossAGap() {
    // A 0.3 s stretch over threshold on each side of a 5 s gap: neither half is held 0.4 s.
    var series = HandMadeSeries()
    series.decelG = { $0 >= 4.7 && $0 <= 10.3 ? 0.3 : 0 }
    let samples = series.samples().filter { $0.timeS < 5 || $0.timeS >= 10 }
      .map { s -> TelemetrySample in
        var s = s
        s.speedMPS = 25
        return s
      }
    XCTAssertEqual(TelemetryEventDetector.detect(samples, calibration: nil), [])
    let usage = TelemetryEventDetector.usage(samples)
    XCTAssertEqual(usage.gapTimeS, 5.025, accuracy: 1e-9)
    XCTAssertEqual(usage.fsdDistanceM, 25 * (20 - 0.025 - 5.025), accuracy: 1e-6)
  }

  func testAnEventSpanningTwoClipsIsOneEvent() {
    // The caller concatenates clips: a brake across the boundary is one event.
    let samples = brakeSeries.samples()
    let first = Array(samples.prefix { $0.timeS < 5.8 })
    let second = Array(samples.drop { $0.timeS < 5.8 })
    XCTAssertEqual(
      TelemetryEventDetector.detect(first + second, calibration: nil).filter { $0.kind == .brake }.count, 1)
  }

  func testRawAxesWithoutCalibrationFallBackToSpeed() throws {
    let samples = brakeSeries.samples().map { s -> TelemetrySample in
      var s = s
      s.accelXMPS2 = s.accelLongMPS2
      s.accelLongMPS2 = nil
      return s
    }
    let found = TelemetryEventDetector.detect(samples, calibration: nil)
    XCTAssertEqual(found.map(\.rule), ["decel>=0.20g for 0.4s (from speed)"])
  }
}
