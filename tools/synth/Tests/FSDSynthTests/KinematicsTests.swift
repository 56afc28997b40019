import XCTest

@testable import FSDSynth

final class KinematicsTests: XCTestCase {
  private let g = 9.80665

  /// A drive that exercises every longitudinal primitive: profile changes, a brake, an override,
  /// a stop, a takeover, a gentle stop at a light.
  private func busyScenario() -> Scenario {
    var s = Fixtures.cruise(seconds: 150, kmh: 90)
    s.speedProfile = [SpeedTarget(atS: 5, targetKmh: 110), SpeedTarget(atS: 110, targetKmh: 70)]
    s.events = [
      .fsdBrake(.init(atS: 30, peakG: 0.35, durationS: 2.0)),
      .acceleratorOverride(.init(atS: 31.2, pedal: 0.4, durationS: 1.5)),
      .stop(.init(atS: 45, decelG: 0.25, standS: 4)),
      .driverBrakeTakeover(.init(atS: 80, decelG: 0.3, durationS: 1.5, reengageAfterS: 8)),
    ]
    s.distractors = [.stoppedAtLight(.init(atS: 120, standS: 6))]
    return s
  }

  func testSpeedIntegratesToDistance() throws {
    let sim = try DriveSimulation(scenario: busyScenario())
    let dt = 1 / sim.fps
    var integral = 0.0
    for i in 1..<sim.frameCount {
      integral += (sim.state(frame: i - 1).speedMPS + sim.state(frame: i).speedMPS) / 2 * dt
      if i % 500 == 0 || i == sim.frameCount - 1 {
        let distance = sim.state(frame: i).distanceM
        XCTAssertEqual(distance, integral, accuracy: max(0.005 * integral, 0.01), "frame \(i)")
      }
    }
    XCTAssertGreaterThan(integral, 2500)
  }

  func testAccelerationMatchesSpeedDerivative() throws {
    let sim = try DriveSimulation(scenario: busyScenario())
    var worst = 0.0
    var worstFrame = 0
    for i in 1..<(sim.frameCount - 1) {
      let derivative = (sim.state(frame: i + 1).speedMPS - sim.state(frame: i - 1).speedMPS) * sim.fps / 2
      let error = abs(derivative - sim.state(frame: i).accelLongMPS2)
      if error > worst {
        worst = error
        worstFrame = i
      }
    }
    XCTAssertLessThan(worst, 0.05, "worst at frame \(worstFrame) (t = \(Double(worstFrame) / sim.fps) s)")
  }

  func testPhantomBrakeReachesPeakAndGroundTruthMatchesSignals() throws {
    let sim = try DriveSimulation(scenario: Fixtures.phantomBrake(peakG: 0.4))
    let decel = sim.states.map { -$0.accelLongMPS2 / g }
    let peak = decel.max()!
    XCTAssertEqual(peak, 0.4, accuracy: 0.02)

    let brakes = sim.groundTruth.events.filter { $0.kind == .brake }
    XCTAssertEqual(brakes.count, 1)
    let event = try XCTUnwrap(brakes.first)
    XCTAssertEqual(event.initiator, .fsd)
    XCTAssertEqual(event.verdict, .phantom)
    XCTAssertEqual(event.severity, .hard)
    XCTAssertEqual(event.magnitude!, peak, accuracy: 1e-9)
    // Onset: first sample ≥ 0.2 g; peak: the extreme sample; end: first sample < 0.1 g after it.
    XCTAssertGreaterThanOrEqual(decel[event.onsetFrame], 0.2)
    XCTAssertLessThan(decel[event.onsetFrame - 1], 0.2)
    XCTAssertEqual(decel[event.peakFrame], peak)
    XCTAssertLessThan(decel[event.endFrame], 0.1)
    XCTAssertTrue(decel[event.peakFrame..<event.endFrame].allSatisfy { $0 >= 0.1 })
    XCTAssertEqual(event.onsetS, Double(event.onsetFrame) / sim.fps, accuracy: 1e-12)
    XCTAssertEqual(event.onsetS, 10.2, accuracy: 0.3)
    // The nose dips in proportion: 2.5°/g by default.
    XCTAssertEqual(sim.state(frame: event.peakFrame).pitchDeg, 2.5 * peak, accuracy: 1e-6)
    // Only the brake: no other events.
    XCTAssertEqual(sim.groundTruth.events.count, 1)
  }

  func testSwerveProducesLateralAccelerationAndReturns() throws {
    let sim = try DriveSimulation(scenario: Fixtures.swerve(offsetM: 1.2))
    let offsets = sim.states.map(\.lateralOffsetM)
    XCTAssertEqual(offsets.max()!, 1.2, accuracy: 0.01)
    XCTAssertEqual(offsets.last!, 0, accuracy: 1e-9)
    XCTAssertEqual(offsets[Int(7.9 * sim.fps)], 0, accuracy: 1e-9)
    let peakLat = sim.states.map { abs($0.accelLatMPS2) / g }.max()!
    XCTAssertGreaterThan(peakLat, 0.25)
    let swerves = sim.groundTruth.events.filter { $0.kind == .swerve }
    XCTAssertEqual(swerves.count, 1)
    XCTAssertEqual(swerves.first?.verdict, .justified)
    XCTAssertEqual(swerves.first?.obstacle, .cutIn)
    XCTAssertEqual(swerves.first!.magnitude!, peakLat, accuracy: 1e-9)
    // Yaw and steering follow the lateral motion: left first (offset +), so yaw rate starts positive.
    let early = sim.state(frame: Int(8.3 * sim.fps))
    XCTAssertGreaterThan(early.yawRateDegPerS, 0)
    XCTAssertGreaterThan(early.steeringWheelDeg, 0)
    XCTAssertLessThan(early.headingDeg, 90)
    // The lateral acceleration is the derivative of the lateral velocity (v sin ψ).
    for i in stride(from: Int(8 * sim.fps) + 3, to: Int(10.5 * sim.fps), by: 7) {
      let a = sim.state(frame: i - 1)
      let b = sim.state(frame: i + 1)
      let lateralVelocity = { (s: FrameState) in s.speedMPS * sin(s.roadYawDeg * .pi / 180) }
      let derivative = (lateralVelocity(b) - lateralVelocity(a)) * sim.fps / 2
      XCTAssertEqual(sim.state(frame: i).accelLatMPS2, derivative, accuracy: 0.08, "frame \(i)")
    }
  }

  func testAxisConventionMapsToConfiguredSEIAxes() throws {
    var s = Fixtures.phantomBrake()
    s.events.append(.swerve(.init(atS: 20, lateralOffsetM: -1.2, durationS: 2.4)))
    s.distractors = [.bump(.init(atS: 5))]
    for (long, lat) in [("+x", "+y"), ("-y", "+x"), ("+y", "-z"), ("-x", "-y")] {
      s.imuAxes = IMUAxes(longitudinal: SignedAxis(text: long)!, lateral: SignedAxis(text: lat)!)
      let sim = try DriveSimulation(scenario: s)
      for frame in [Int(5.1 * sim.fps), Int(10.8 * sim.fps), Int(20.5 * sim.fps)] {
        let st = sim.state(frame: frame)
        let values: [SignedAxis.Axis: Double] = [.x: st.imuX, .y: st.imuY, .z: st.imuZ]
        let l = s.imuAxes.longitudinal
        let t = s.imuAxes.lateral
        let v = s.imuAxes.vertical
        XCTAssertEqual(values[l.axis]!, l.sign * st.accelLongMPS2, accuracy: 1e-12, "\(long)/\(lat)")
        XCTAssertEqual(values[t.axis]!, t.sign * st.accelLatMPS2, accuracy: 1e-12, "\(long)/\(lat)")
        XCTAssertEqual(values[v.axis]!, st.accelVertMPS2, accuracy: 1e-12, "\(long)/\(lat)")
      }
      XCTAssertEqual(sim.groundTruth.imuAxes, s.imuAxes)
    }
  }

  func testFSDDistanceIsTheIntegralOverSelfDrivingFrames() throws {
    var s = Fixtures.cruise(seconds: 60, kmh: 80)
    s.autopilot = [
      AutopilotPhase(fromS: 0, state: .none), AutopilotPhase(fromS: 10, state: .selfDriving),
      AutopilotPhase(fromS: 35, state: .tacc), AutopilotPhase(fromS: 45, state: .selfDriving),
    ]
    s.speedProfile = [SpeedTarget(atS: 20, targetKmh: 110)]
    let sim = try DriveSimulation(scenario: s)
    var fsd = 0.0
    var fsdTime = 0.0
    let dt = 1 / sim.fps
    for i in 0..<(sim.frameCount - 1) where sim.state(frame: i).autopilot == .selfDriving {
      fsd += (sim.state(frame: i).speedMPS + sim.state(frame: i + 1).speedMPS) / 2 * dt
      fsdTime += dt
    }
    let last = sim.state(frame: sim.frameCount - 1)
    if last.autopilot == .selfDriving {
      fsd += last.speedMPS * dt
      fsdTime += dt
    }
    let usage = sim.groundTruth.usage
    XCTAssertEqual(usage.fsdDistanceM, fsd, accuracy: 0.001 * fsd)
    XCTAssertEqual(usage.fsdTimeS, fsdTime, accuracy: 1e-6)
    XCTAssertEqual(usage.fsdTimeS, 40, accuracy: 0.05)
    XCTAssertEqual(usage.taccTimeS, 10, accuracy: 0.05)
    XCTAssertEqual(usage.manualTimeS, 10, accuracy: 0.05)
    let total = usage.fsdDistanceM + usage.autosteerDistanceM + usage.taccDistanceM + usage.manualDistanceM
    XCTAssertEqual(total, sim.groundTruth.distanceM, accuracy: 1e-6)
    // SELF_DRIVING → TACC while moving is a disengagement the rules count (cause unknown); TACC → FSD is not.
    let changes = sim.groundTruth.events.filter { $0.kind == .disengagement }
    XCTAssertEqual(changes.map(\.cause), [.unknown])
    XCTAssertEqual(changes.first!.onsetS, 35, accuracy: 1 / sim.fps)
  }

  func testDriverBrakeTakeoverPressesThePedalBeforeFSDDisengages() throws {
    var s = Fixtures.cruise(seconds: 30)
    s.events = [.driverBrakeTakeover(.init(atS: 12, decelG: 0.3, durationS: 1.5, disengageAfterS: 0.25))]
    let sim = try DriveSimulation(scenario: s)
    let firstBrake = try XCTUnwrap(sim.states.firstIndex { $0.brakeApplied })
    let firstOff = try XCTUnwrap(sim.states.firstIndex { $0.autopilot != .selfDriving })
    XCTAssertLessThan(firstBrake, firstOff)
    XCTAssertEqual(sim.state(frame: firstBrake).autopilot, .selfDriving)

    let disengagement = try XCTUnwrap(sim.groundTruth.events.first { $0.kind == .disengagement })
    XCTAssertEqual(disengagement.cause, .brakePedal)
    XCTAssertEqual(disengagement.initiator, .driver)
    XCTAssertNil(disengagement.verdict)
    XCTAssertEqual(disengagement.onsetFrame, firstOff)
    // The driver's braking is a brake event too, driver-initiated, with no verdict.
    let brake = try XCTUnwrap(sim.groundTruth.events.first { $0.kind == .brake })
    XCTAssertEqual(brake.initiator, .driver)
    XCTAssertNil(brake.verdict)
  }

  func testAcceleratorOverrideDuringPhantomBrake() throws {
    var s = Fixtures.phantomBrake(peakG: 0.3)
    s.events.append(.acceleratorOverride(.init(atS: 11.0, pedal: 0.4)))
    let sim = try DriveSimulation(scenario: s)
    let kinds = sim.groundTruth.events.map(\.kind)
    XCTAssertEqual(kinds, [.brake, .override])
    let override = sim.groundTruth.events[1]
    XCTAssertEqual(override.magnitude!, 0.4, accuracy: 0.01)
    XCTAssertEqual(override.initiator, .driver)
    XCTAssertTrue(sim.states.allSatisfy { $0.autopilot == .selfDriving })
    // The pedal cut the brake short: the deceleration is gone soon after the press.
    XCTAssertLessThan(-sim.state(frame: Int(11.5 * sim.fps)).accelLongMPS2 / g, 0.05)
  }

  func testDistractorsProduceNoEvents() throws {
    var s = Fixtures.cruise(seconds: 90, kmh: 70)
    s.distractors = [
      .shadowBand(.init(atS: 5, count: 4, style: .trees)),
      .tunnel(.init(atS: 15, durationS: 8, brightness: 0.35, transitionS: 0.3)),
      .cloud(.init(atS: 30, durationS: 5, brightness: 0.7, transitionS: 1)),
      .bump(.init(atS: 38, pitchDeg: 1.2)),
      .roadPatch(.init(atS: 40, count: 4)),
      .stoppedAtLight(.init(atS: 45, standS: 12)),
    ]
    let sim = try DriveSimulation(scenario: s)
    XCTAssertEqual(sim.groundTruth.events, [])
    XCTAssertEqual(
      sim.groundTruth.distractors.map(\.kind),
      ["shadow_band", "tunnel", "cloud", "bump", "road_patch", "stopped_at_light"])
    let light = sim.groundTruth.distractors[5]
    XCTAssertGreaterThan(light.endS - light.startS, 11.9)
    let standing = sim.states.filter { $0.timeS > light.startS + 0.1 && $0.timeS < light.endS - 0.1 }
    XCTAssertTrue(standing.allSatisfy { $0.speedMPS == 0 })
    XCTAssertEqual(sim.world.shadows.count, 4)
    XCTAssertEqual(sim.world.patches.count, 4)
    XCTAssertLessThan(sim.states.map(\.sceneBrightness).min()!, 0.36)
    // The bump: a decaying pitch oscillation of about ±1.2° with vertical acceleration, nothing longitudinal.
    let bump = sim.states.filter { $0.timeS >= 38 && $0.timeS < 40 }
    let cruisePitch = sim.state(frame: Int(37 * sim.fps)).pitchDeg
    XCTAssertEqual(bump.map { $0.pitchDeg - cruisePitch }.max()!, 1.2 * 0.75, accuracy: 0.35)
    XCTAssertLessThan(bump.map { $0.pitchDeg - cruisePitch }.min()!, -0.3)
    XCTAssertGreaterThan(bump.map { abs($0.accelVertMPS2) }.max()!, 1)
    XCTAssertLessThan(bump.map { abs($0.accelLongMPS2) }.max()!, 0.01)
  }

  func testSameSeedReproducesAndGroundTruthRoundTrips() throws {
    let a = try DriveSimulation(scenario: Fixtures.swerve())
    let b = try DriveSimulation(scenario: Fixtures.swerve())
    XCTAssertEqual(a.states, b.states)
    XCTAssertEqual(a.groundTruth, b.groundTruth)
    let json = try a.groundTruth.encodedJSON()
    XCTAssertEqual(try JSONDecoder().decode(GroundTruth.self, from: json), a.groundTruth)
  }

  func testGPSTrackFollowsHeading() throws {
    var s = Fixtures.cruise(seconds: 10, kmh: 72)
    s.start = StartPose(latitudeDeg: 48, longitudeDeg: 11, headingDeg: 0)
    let sim = try DriveSimulation(scenario: s)
    let last = sim.state(frame: sim.frameCount - 1)
    let northM = (last.latitudeDeg - 48) * .pi / 180 * 6_371_008.8
    XCTAssertEqual(northM, last.distanceM, accuracy: 0.01)
    XCTAssertEqual(last.longitudeDeg, 11, accuracy: 1e-12)
    XCTAssertEqual(last.headingDeg, 0, accuracy: 1e-9)
  }
}
