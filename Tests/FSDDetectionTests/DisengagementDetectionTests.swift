import FSDDomain
import FSDTelemetry
import XCTest

@testable import FSDDetection

final class DisengagementDetectionTests: XCTestCase {
  /// FSD until 10 s, then manual.
  private func takeover(_ configure: (inout HandMadeSeries) -> Void = { _ in }) -> HandMadeSeries {
    var series = HandMadeSeries()
    series.autopilot = { $0 < 10 ? .selfDriving : AutopilotMode.none }
    configure(&series)
    return series
  }

  private func disengagements(_ samples: [TelemetrySample], config: DetectionConfig = .standard) -> [DetectedEvent] {
    TelemetryEventDetector.detect(samples, calibration: nil, config: config).filter { $0.kind == .disengagement }
  }

  private func only(_ series: HandMadeSeries, file: StaticString = #filePath, line: UInt = #line) throws
    -> DetectedEvent
  {
    let found = disengagements(series.samples())
    XCTAssertEqual(found.count, 1, file: file, line: line)
    return try XCTUnwrap(found.first, file: file, line: line)
  }

  func testBrakePedalCause() throws {
    let event = try only(takeover { $0.brake = { $0 >= 9.85 && $0 < 10.5 } })
    XCTAssertEqual(event.onsetS, 10, accuracy: 1e-9)
    XCTAssertEqual(event.peakS, event.onsetS)
    XCTAssertEqual(event.endS, event.onsetS)
    XCTAssertEqual(event.cause, .brakePedal)
    XCTAssertEqual(event.initiator, .driver)
    XCTAssertEqual(event.autopilotAtOnset, .selfDriving)
    XCTAssertEqual(event.autopilotAfter, AutopilotMode.none)
    XCTAssertEqual(event.rule, "state SELF_DRIVING->NONE")
    XCTAssertEqual(try XCTUnwrap(event.speedBeforeMPS), 25, accuracy: 1e-9)
  }

  func testBrakePedalInTheSameSampleAsTheChange() throws {
    XCTAssertEqual(try only(takeover { $0.brake = { $0 >= 10 } }).cause, .brakePedal)
  }

  func testSteeringCause() throws {
    // A 4° nudge over 0.4 s (10+ °/s) just before the change.
    let event = try only(takeover { $0.steeringDeg = { trapezoid($0, start: 9.6, ramp: 0.3, hold: 0.2, peak: 4) } })
    XCTAssertEqual(event.cause, .steering)
    XCTAssertEqual(event.initiator, .driver)
  }

  func testAcceleratorCause() throws {
    let event = try only(takeover { $0.accelerator = { $0 >= 9.7 ? 0.3 : 0 } })
    XCTAssertEqual(event.cause, .accelerator)
    XCTAssertEqual(event.initiator, .driver)
  }

  func testAcceleratorAfterTheChangeIsDrivingNotTheCause() throws {
    // The driver drives on with the accelerator from the first manual sample.
    let event = try only(takeover { $0.accelerator = { $0 >= 10 ? 0.3 : 0 } })
    XCTAssertEqual(event.cause, .unknown)
    XCTAssertEqual(event.initiator, .fsd)
  }

  func testEarliestInputIsTheCause() throws {
    let event = try only(
      takeover {
        $0.accelerator = { $0 >= 9.5 ? 0.3 : 0 }
        $0.brake = { $0 >= 9.9 }
      })
    XCTAssertEqual(event.cause, .accelerator)
  }

  func testInputsLongBeforeTheChangeAreNotTheCause() throws {
    let event = try only(takeover { $0.brake = { $0 >= 7 && $0 < 7.5 } })
    XCTAssertEqual(event.cause, .unknown)
    XCTAssertEqual(event.initiator, .fsd)
  }

  func testWithoutDriverInputsTheInitiatorIsUnknown() throws {
    let samples = takeover().samples().map { s -> TelemetrySample in
      var s = s
      s.brakePedal = nil
      s.acceleratorPedal = nil
      s.steeringDeg = nil
      return s
    }
    let found = disengagements(samples)
    XCTAssertEqual(found.map(\.cause), [.unknown])
    XCTAssertEqual(found.map(\.initiator), [.unknown])
  }

  func testNoDisengagementWhileStanding() {
    var series = takeover()
    series.startSpeedMPS = 0
    XCTAssertEqual(disengagements(series.samples()), [])
  }

  func testWhichStateChangesCount() {
    func changes(_ from: AutopilotMode, _ to: AutopilotMode, config: DetectionConfig = .standard) -> Int {
      var series = HandMadeSeries()
      series.autopilot = { $0 < 10 ? from : to }
      return disengagements(series.samples(), config: config).count
    }
    XCTAssertEqual(changes(.selfDriving, .none), 1)
    XCTAssertEqual(changes(.selfDriving, .tacc), 1)
    XCTAssertEqual(changes(.autosteer, .none), 1)
    // docs/detection.md: FSD/Autosteer → *any* other state.
    XCTAssertEqual(changes(.selfDriving, .autosteer), 1)
    XCTAssertEqual(changes(.tacc, .none), 0)
    XCTAssertEqual(changes(.none, .selfDriving), 0)
    var withTACC = DetectionConfig()
    withTACC.disengagementFrom = [.selfDriving, .autosteer, .tacc]
    XCTAssertEqual(changes(.tacc, .none, config: withTACC), 1)
  }

  func testChangeAcrossAGapIsNotReported() {
    let samples = takeover().samples().filter { $0.timeS < 8 || $0.timeS > 12 }
    XCTAssertEqual(disengagements(samples), [])
  }

  func testQuickReEngageAndDisengageMerge() throws {
    var series = HandMadeSeries()
    series.autopilot = { t in t < 10 || (t >= 11 && t < 12) ? .selfDriving : AutopilotMode.none }
    let found = disengagements(series.samples())
    XCTAssertEqual(found.count, 1)
    XCTAssertEqual(try XCTUnwrap(found.first).onsetS, 10, accuracy: 1e-9)
    XCTAssertEqual(try XCTUnwrap(found.first).endS, 12, accuracy: 1e-9)
    series.autopilot = { t in t < 10 || (t >= 11 && t < 14) ? .selfDriving : AutopilotMode.none }
    XCTAssertEqual(disengagements(series.samples()).count, 2)
  }

  func testMissingStateSamplesAreBridged() throws {
    let samples = takeover().samples().map { s -> TelemetrySample in
      var s = s
      if s.timeS > 9.9 && s.timeS < 10.2 { s.autopilot = nil }
      return s
    }
    let found = disengagements(samples)
    XCTAssertEqual(found.count, 1)
    XCTAssertEqual(try XCTUnwrap(found.first).onsetS, 10.2, accuracy: 0.03)
  }
}
