import FSDDomain
import FSDTelemetry
import XCTest

@testable import FSDDetection

final class UsageAndResamplerTests: XCTestCase {
  func testUsageIntegratesSpeedPerState() {
    // 10 Hz: 10 s FSD at 20 m/s, 5 s Autosteer, 5 s TACC, 10 s manual at 10 m/s.
    let samples = (0...300).map { k -> TelemetrySample in
      let t = Double(k) / 10
      var s = TelemetrySample(timeS: t)
      s.speedMPS = t < 20 ? 20 : 10
      s.autopilot = t < 10 ? .selfDriving : t < 15 ? .autosteer : t < 20 ? .tacc : AutopilotMode.none
      return s
    }
    let usage = TelemetryEventDetector.usage(samples)
    XCTAssertEqual(usage.fsdDistanceM, 200, accuracy: 1e-6)
    XCTAssertEqual(usage.fsdTimeS, 10, accuracy: 1e-9)
    XCTAssertEqual(usage.autosteerDistanceM, 100, accuracy: 1e-6)
    // The pair straddling the speed change (20 → 10 m/s) is a trapezoid credited to TACC.
    XCTAssertEqual(usage.taccDistanceM, 4.9 * 20 + 0.1 * 15, accuracy: 1e-6)
    XCTAssertEqual(usage.manualDistanceM, 100, accuracy: 1e-6)
    XCTAssertEqual(usage.manualTimeS, 10, accuracy: 1e-9)
    XCTAssertEqual(usage.gapTimeS, 0)
    XCTAssertEqual(usage.totalTimeS, 30, accuracy: 1e-9)
  }

  func testUsageSkipsGapsAndCountsTimeWithoutSpeed() {
    var samples: [TelemetrySample] = []
    for k in 0..<100 {
      var s = TelemetrySample(timeS: Double(k) / 10 + (k >= 50 ? 60 : 0))
      s.speedMPS = k < 80 ? 30 : nil
      s.autopilot = .selfDriving
      samples.append(s)
    }
    let usage = TelemetryEventDetector.usage(samples)
    XCTAssertEqual(usage.gapTimeS, 60.1, accuracy: 1e-9)
    // 49 + 30 intervals with speed (one end with speed counts as that speed), 19 without.
    XCTAssertEqual(usage.fsdDistanceM, (4.9 + 3.0) * 30, accuracy: 1e-6)
    XCTAssertEqual(usage.timeWithoutSpeedS, 1.9, accuracy: 1e-9)
    XCTAssertEqual(usage.fsdTimeS, 9.8, accuracy: 1e-9)
  }

  func testResampleAveragesNumbersAndKeepsFlags() throws {
    // 36 Hz for 2 s: a brake tap in one sample, a state change at 1.0 s.
    let samples = (0..<72).map { k -> TelemetrySample in
      let t = Double(k) / 36
      var s = TelemetrySample(timeS: t)
      s.speedMPS = 10 + t
      s.accelXMPS2 = 1
      s.brakePedal = k == 40
      s.autopilot = t < 1.0 ? .selfDriving : AutopilotMode.none
      s.headingDeg = k % 2 == 0 ? 359 : 1
      return s
    }
    let out = TelemetryResampler.resample(samples, hz: 10)
    XCTAssertEqual(out.count, 20)
    for s in out {
      // Speed is linear in time: the mean belongs to the mean time exactly.
      XCTAssertEqual(try XCTUnwrap(s.speedMPS), 10 + s.timeS, accuracy: 1e-9)
      XCTAssertEqual(try XCTUnwrap(s.accelXMPS2), 1, accuracy: 1e-12)
      let heading = try XCTUnwrap(s.headingDeg)
      XCTAssertTrue(heading < 1.01 || heading > 358.99, "circular mean of 359° and 1°: \(heading)")
    }
    XCTAssertEqual(out.filter { $0.brakePedal == true }.count, 1)
    XCTAssertEqual(out.filter { $0.brakePedal == true }.first.map { ($0.timeS * 10).rounded(.down) }, 11)
    // The bin holding 1.0 s ends manual.
    XCTAssertEqual(out[9].autopilot, .selfDriving)
    XCTAssertEqual(out[10].autopilot, AutopilotMode.none)
    // Gaps stay gaps; a rate above the input's changes nothing.
    let gappy = samples.filter { $0.timeS < 0.5 || $0.timeS > 1.5 }
    XCTAssertEqual(TelemetryResampler.resample(gappy, hz: 10).count, 10)
    XCTAssertEqual(TelemetryResampler.resample(samples, hz: 100), samples)
    XCTAssertEqual(TelemetryResampler.resample(samples, hz: 0), samples)
  }

  func testResampledBrakeKeepsItsPeakAndTiming() throws {
    // A 0.4 g brake with 0.3 s ramps at 36 Hz, stored at 10 Hz.
    var series = HandMadeSeries()
    series.hz = 36
    series.decelG = { trapezoid($0, start: 5, ramp: 0.3, hold: 0.4, peak: 0.4) }
    let samples = series.samples()
    let stored = TelemetryResampler.resample(samples, hz: 10)
    func peakG(_ samples: [TelemetrySample]) -> Double {
      samples.compactMap(\.accelLongMPS2).map { -$0 / standardGravity }.max()!
    }
    print("resampled 36 → 10 Hz: stored peak \(peakG(samples)) g → \(peakG(stored)) g")
    XCTAssertEqual(peakG(stored), peakG(samples), accuracy: 0.02 * peakG(samples))

    let full = try XCTUnwrap(TelemetryEventDetector.detect(samples, calibration: nil).first)
    let reduced = try XCTUnwrap(TelemetryEventDetector.detect(stored, calibration: nil).first)
    let fullPeak = try XCTUnwrap(full.peakDecelG)
    let reducedPeak = try XCTUnwrap(reduced.peakDecelG)
    print(
      "detected at 36 / 10 Hz: peak \(fullPeak) / \(reducedPeak) g, onset \(full.onsetS) / \(reduced.onsetS) s, "
        + "end \(full.endS) / \(reduced.endS) s")
    XCTAssertEqual(reducedPeak, fullPeak, accuracy: 0.05 * fullPeak)
    XCTAssertEqual(reduced.onsetS, full.onsetS, accuracy: 0.1)
    XCTAssertEqual(reduced.endS, full.endS, accuracy: 0.1)
  }
}
