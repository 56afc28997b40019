import FSDSynth
import FSDTelemetry
import Foundation
import XCTest

@testable import FSDDetection

final class AxisCalibrationTests: XCTestCase {
  /// Two minutes with brakes, a stop and swerves, as the simulator writes it in one convention.
  private func drive(_ axes: IMUAxes, noise: Double = 0.2, bumps: Bool = true) throws -> [TelemetrySample] {
    var s = Scenario(name: "calibration", durationS: 120, seed: 5, initialSpeedKmh: 90)
    s.road = RoadLayout(lanes: 3, egoLane: 2)
    s.imuAxes = axes
    s.imuNoiseMPS2 = noise
    s.events = [
      .fsdBrake(.init(atS: 10, peakG: 0.35, durationS: 1.8)),
      .swerve(.init(atS: 25, lateralOffsetM: 1.0, durationS: 2.4)),
      .fsdBrake(.init(atS: 40, peakG: 0.25, durationS: 2.2)),
      .swerve(.init(atS: 60, lateralOffsetM: -0.9, durationS: 2.2)),
      .stop(.init(atS: 75, decelG: 0.3, standS: 3)),
    ]
    if bumps { s.distractors = [.bump(.init(atS: 35, pitchDeg: 1.2)), .bump(.init(atS: 55))] }
    return SimulatedTelemetry.samples(try DriveSimulation(scenario: s))
  }

  func testEveryConventionIsFound() throws {
    for axes in VariedScenarios.conventions {
      let calibration = try XCTUnwrap(AxisCalibration.calibrate(try drive(axes)), "\(axes)")
      let label = "long \(axes.longitudinal) lat \(axes.lateral): got \(calibration)"
      XCTAssertEqual(calibration.method, AxisCalibration.methodCorrelation, label)
      XCTAssertEqual(calibration.longitudinalAxis.rawValue, axes.longitudinal.axis.rawValue, label)
      XCTAssertEqual(calibration.longitudinalSign, axes.longitudinal.sign, label)
      XCTAssertEqual(calibration.lateralAxis.rawValue, axes.lateral.axis.rawValue, label)
      XCTAssertEqual(calibration.lateralSign, axes.lateral.sign, label)
      XCTAssertGreaterThan(calibration.correlation, 0.9, label)
      XCTAssertGreaterThan(calibration.lateralCorrelation, 0.9, label)
      XCTAssertEqual(calibration.longitudinalBiasMPS2, 0, accuracy: 0.05, label)
    }
  }

  func testCalibratedAxesReadTheVehicleFrame() throws {
    let axes = IMUAxes(longitudinal: SignedAxis(.y, sign: -1), lateral: SignedAxis(.x))
    let samples = try drive(axes, noise: 0)
    let calibration = try XCTUnwrap(AxisCalibration.calibrate(samples))
    var s = TelemetrySample(timeS: 0)
    s.accelXMPS2 = 1.5
    s.accelYMPS2 = 2.0
    s.accelZMPS2 = 9
    XCTAssertEqual(try XCTUnwrap(calibration.longitudinal(s)), -2.0, accuracy: 0.05)
    XCTAssertEqual(try XCTUnwrap(calibration.lateral(s)), 1.5, accuracy: 1e-12)
  }

  func testWithoutSteeringOrHeadingTheLateralSignIsUnknown() throws {
    let axes = IMUAxes(longitudinal: SignedAxis(.x), lateral: SignedAxis(.y, sign: -1))
    let samples = try drive(axes, bumps: false).map { s -> TelemetrySample in
      var s = s
      s.steeringDeg = nil
      s.headingDeg = nil
      return s
    }
    let calibration = try XCTUnwrap(AxisCalibration.calibrate(samples))
    XCTAssertEqual(calibration.method, AxisCalibration.methodCorrelation)
    XCTAssertEqual(calibration.lateralAxis, .y)
    XCTAssertEqual(calibration.lateralSign, 0)
    var s = TelemetrySample(timeS: 0)
    s.accelYMPS2 = -3
    XCTAssertEqual(try XCTUnwrap(calibration.lateral(s)), 3, accuracy: 0.05)
  }

  func testGravityOnTheVerticalAxisIsNotASwerve() throws {
    // No turns, bumps, and an accelerometer that keeps gravity on z: the lateral axis cannot be
    // told from the vertical one, but whichever is chosen, 1 g of gravity must not read as a swerve.
    var s = Scenario(name: "straight", durationS: 90, seed: 9, initialSpeedKmh: 100, imuNoiseMPS2: 0.2)
    s.events = [
      .fsdBrake(.init(atS: 20, peakG: 0.4, durationS: 1.6)), .fsdBrake(.init(atS: 50, peakG: 0.3, durationS: 2)),
    ]
    s.distractors = [.bump(.init(atS: 35, pitchDeg: 1.5)), .bump(.init(atS: 70, pitchDeg: 1.5))]
    let samples = SimulatedTelemetry.samples(try DriveSimulation(scenario: s)).map { sample -> TelemetrySample in
      var sample = sample
      sample.accelZMPS2 = sample.accelZMPS2.map { $0 + 9.81 }
      sample.steeringDeg = nil
      sample.headingDeg = nil
      return sample
    }
    let calibration = try XCTUnwrap(AxisCalibration.calibrate(samples))
    XCTAssertEqual(calibration.lateralSign, 0)
    let events = TelemetryEventDetector.detect(samples, calibration: calibration)
    XCTAssertEqual(events.map(\.kind), [.brake, .brake])
  }

  func testWeakCorrelationFallsBackToTheSpeedDerivative() throws {
    // The accelerometer is garbage (noise unrelated to the motion): d(speed)/dt is used.
    var rng = TestRandom(seed: 42)
    let samples = try drive(IMUAxes()).map { s -> TelemetrySample in
      var s = s
      s.accelXMPS2 = rng.uniform(-3...3)
      s.accelYMPS2 = rng.uniform(-3...3)
      s.accelZMPS2 = rng.uniform(-3...3)
      return s
    }
    let calibration = try XCTUnwrap(AxisCalibration.calibrate(samples))
    XCTAssertEqual(calibration.method, AxisCalibration.methodSpeedDerivative)
    XCTAssertLessThan(calibration.correlation, AxisCalibration.minimumCorrelation)
    XCTAssertNil(calibration.longitudinal(samples[100]))
    // Brakes are still found, from the speed.
    let brakes = TelemetryEventDetector.detect(samples, calibration: calibration).filter { $0.kind == .brake }
    XCTAssertEqual(brakes.count, 3)
    XCTAssertTrue(brakes.allSatisfy { $0.rule.hasSuffix("(from speed)") })
    XCTAssertEqual(brakes.first?.onsetS ?? 0, 10.2, accuracy: 0.3)
  }

  func testConstantSpeedCannotBeTrusted() throws {
    let s = Scenario(name: "cruise", durationS: 60, seed: 3, initialSpeedKmh: 100, imuNoiseMPS2: 0.1)
    let samples = SimulatedTelemetry.samples(try DriveSimulation(scenario: s))
    let calibration = try XCTUnwrap(AxisCalibration.calibrate(samples))
    XCTAssertEqual(calibration.method, AxisCalibration.methodSpeedDerivative)
  }

  func testNoAccelerometerNoCalibration() throws {
    let samples = try drive(IMUAxes()).map { s -> TelemetrySample in
      var s = s
      s.accelXMPS2 = nil
      s.accelYMPS2 = nil
      s.accelZMPS2 = nil
      return s
    }
    XCTAssertNil(AxisCalibration.calibrate(samples))
    XCTAssertNil(AxisCalibration.calibrate(Array(try drive(IMUAxes()).prefix(AxisCalibration.minimumSamples - 1))))
  }

  func testCodableWithSnakeCaseKeys() throws {
    let calibration = AxisCalibration(
      longitudinalAxis: .y, longitudinalSign: -1, lateralAxis: .x, lateralSign: 1,
      correlation: 0.97)
    let json = String(decoding: try JSONEncoder().encode(calibration), as: UTF8.self)
    XCTAssertTrue(json.contains(#""longitudinal_axis":"y""#), json)
    XCTAssertTrue(json.contains(#""method":"correlation""#), json)
    XCTAssertEqual(try JSONDecoder().decode(AxisCalibration.self, from: Data(json.utf8)), calibration)
    // As stored before the biases existed.
    let old = #"{"longitudinal_axis":"y","longitudinal_sign":-1,"lateral_axis":"x","lateral_sign":1,"correlation":0.97,"#
      + #""method":"correlation"}"#
    XCTAssertEqual(try JSONDecoder().decode(AxisCalibration.self, from: Data(old.utf8)), calibration)
  }
}
