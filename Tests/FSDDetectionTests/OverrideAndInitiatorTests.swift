import FSDDomain
import FSDTelemetry
import XCTest

@testable import FSDDetection

final class OverrideAndInitiatorTests: XCTestCase {
  /// A 0.3 g FSD brake from 5 s; it ends (under 0.1 g) at 6.85 s.
  private func phantomBrake(_ configure: (inout HandMadeSeries) -> Void = { _ in }) -> HandMadeSeries {
    var series = HandMadeSeries()
    series.decelG = { trapezoid($0, start: 5, ramp: 0.5, hold: 1, peak: 0.3) }
    configure(&series)
    return series
  }

  private func events(_ series: HandMadeSeries, _ kind: EventKind) -> [DetectedEvent] {
    TelemetryEventDetector.detect(series.samples(), calibration: nil).filter { $0.kind == kind }
  }

  func testAcceleratorWithinThreeSecondsAfterABrakeIsAnOverride() throws {
    let series = phantomBrake { $0.accelerator = { trapezoid($0, start: 9.5, ramp: 0.2, hold: 0.5, peak: 0.4) } }
    let brake = try XCTUnwrap(events(series, .brake).first)
    XCTAssertEqual(brake.endS, 6.85, accuracy: 1e-9)
    let found = events(series, .override)
    XCTAssertEqual(found.count, 1)
    let event = try XCTUnwrap(found.first)
    // 0.05 first reached at 9.525 s (0.05 exactly is 9.525: 0.4 × 0.025 / 0.2).
    XCTAssertEqual(event.onsetS, 9.525, accuracy: 0.03)
    XCTAssertEqual(try XCTUnwrap(event.peakAcceleratorPedal), 0.4, accuracy: 1e-9)
    XCTAssertEqual(event.initiator, .driver)
    XCTAssertEqual(event.autopilotAtOnset, .selfDriving)
    XCTAssertNil(event.severity)
  }

  func testAcceleratorDuringABrakeIsAnOverride() {
    let series = phantomBrake { $0.accelerator = { $0 >= 6 && $0 < 7 ? 0.3 : 0 } }
    XCTAssertEqual(events(series, .override).count, 1)
  }

  func testAcceleratorMoreThanThreeSecondsAfterIsNot() {
    // The brake ends at 6.85 s: 9.9 s is the last moment.
    let series = phantomBrake { $0.accelerator = { $0 >= 10 && $0 < 11 ? 0.3 : 0 } }
    XCTAssertEqual(events(series, .override), [])
  }

  func testAcceleratorWhileDrivingManuallyIsNot() {
    let series = phantomBrake {
      $0.autopilot = { $0 < 8 ? .selfDriving : AutopilotMode.none }
      $0.accelerator = { $0 >= 9 && $0 < 10 ? 0.3 : 0 }
    }
    XCTAssertEqual(events(series, .override), [])
  }

  func testAcceleratorWithoutABrakeIsNot() {
    var series = HandMadeSeries()
    series.accelerator = { $0 >= 9 && $0 < 10 ? 0.3 : 0 }
    XCTAssertEqual(TelemetryEventDetector.detect(series.samples(), calibration: nil), [])
  }

  func testOverrideWhileTACCCounts() {
    let series = phantomBrake {
      $0.autopilot = { _ in .tacc }
      $0.accelerator = { $0 >= 8 && $0 < 9 ? 0.3 : 0 }
    }
    XCTAssertEqual(events(series, .override).count, 1)
    XCTAssertEqual(events(series, .brake).map(\.initiator), [.fsd])
  }

  func testInitiatorDriverWhenThePedalCameFirst() {
    // Pedal 4.0–4.5 s; the brake's onset is 5.35 s: inside the 2 s look-back.
    let series = phantomBrake { $0.brake = { $0 >= 4 && $0 < 4.5 } }
    XCTAssertEqual(events(series, .brake).map(\.initiator), [.driver])
  }

  func testInitiatorFSDWhenThePedalCameLater() {
    let series = phantomBrake { $0.brake = { $0 >= 5.6 && $0 < 6.5 } }
    XCTAssertEqual(events(series, .brake).map(\.initiator), [.fsd])
  }

  func testInitiatorFSDWhenThePedalWasLongBefore() {
    let series = phantomBrake { $0.brake = { $0 >= 2 && $0 < 3 } }
    XCTAssertEqual(events(series, .brake).map(\.initiator), [.fsd])
  }

  func testInitiatorDriverWhenDrivingManually() {
    let series = phantomBrake { $0.autopilot = { _ in AutopilotMode.none } }
    XCTAssertEqual(events(series, .brake).map(\.initiator), [.driver])
    XCTAssertEqual(events(series, .brake).map(\.autopilotAtOnset), [AutopilotMode.none])
  }

  func testInitiatorUnknownWithoutTheState() {
    let series = phantomBrake { $0.autopilot = { _ in nil } }
    XCTAssertEqual(events(series, .brake).map(\.initiator), [.unknown])
  }

  func testSwerveWithASteeringTakeoverJustAfterOnsetIsTheDriver() {
    var series = HandMadeSeries()
    series.latG = { trapezoid($0, start: 5, ramp: 0.4, hold: 0.5, peak: 0.4) }
    // The driver's wheel movement disengages FSD 0.1 s after the swerve's onset (5.25 s).
    series.steeringDeg = { trapezoid($0, start: 4.9, ramp: 0.5, hold: 0.5, peak: 15) }
    series.autopilot = { $0 < 5.35 ? .selfDriving : AutopilotMode.none }
    let all = TelemetryEventDetector.detect(series.samples(), calibration: nil)
    XCTAssertEqual(all.filter { $0.kind == .disengagement }.map(\.cause), [.steering])
    XCTAssertEqual(all.filter { $0.kind == .swerve }.map(\.initiator), [.driver])
    XCTAssertEqual(all.filter { $0.kind == .swerve }.map(\.autopilotAtOnset), [.selfDriving])
  }
}
