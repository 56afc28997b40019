import XCTest

@testable import FSDSynth

final class ScenarioTests: XCTestCase {
  /// The full example in tools/synth/README.md (kept in sync by this test).
  static let readmeExample = """
    {
      "name": "commute-phantom-overpass",
      "seed": 42,
      "start_local": "2026-11-02T08:14:31",
      "time_zone": "America/Los_Angeles",
      "duration_s": 200,
      "fps": 36,
      "hardware": "hw3",
      "cameras": ["front", "back", "left_repeater", "right_repeater"],
      "start": {"lat": 37.3947, "lon": -122.1503, "heading_deg": 90},
      "initial_speed_kmh": 105,
      "speed_profile": [{"at_s": 100, "target_kmh": 80}],
      "comfort_accel_mps2": 0.8,
      "comfort_decel_mps2": 0.8,
      "autopilot": [{"from_s": 0, "state": "self_driving"}],
      "imu_axes": {"longitudinal": "+x", "lateral": "+y"},
      "imu_noise_mps2": 0,
      "sensor_noise": 0,
      "road": {"lanes": 3, "ego_lane": 2, "lane_width_m": 3.7, "shoulder_m": 2.5, "scenery": "suburban"},
      "vehicle": {"pitch_deg_per_g": 2.5, "steering_ratio": 15, "wheelbase_m": 2.875},
      "events": [
        {"kind": "fsd_brake", "at_s": 20, "peak_g": 0.38, "duration_s": 1.6, "verdict": "phantom"},
        {"kind": "accelerator_override", "at_s": 21.0, "pedal": 0.4, "duration_s": 1.5},
        {"kind": "fsd_brake", "at_s": 40, "peak_g": 0.5, "duration_s": 2.2, "verdict": "justified",
         "obstacle": {"kind": "lead_vehicle", "gap_m": 24}},
        {"kind": "swerve", "at_s": 60, "lateral_offset_m": -1.3, "duration_s": 2.4, "verdict": "justified",
         "obstacle": {"kind": "cut_in", "side": "left", "gap_m": 14}},
        {"kind": "driver_brake_takeover", "at_s": 80, "decel_g": 0.3, "duration_s": 1.5, "reengage_after_s": 10},
        {"kind": "disengagement", "at_s": 175, "by": "steering", "reengage_after_s": 8},
        {"kind": "stop", "at_s": 186, "decel_g": 0.3, "stand_s": 3}
      ],
      "distractors": [
        {"kind": "shadow_band", "at_s": 12, "count": 1, "length_m": 9, "darkness": 0.55, "style": "overpass"},
        {"kind": "shadow_band", "at_s": 30, "count": 4, "length_m": 6, "spacing_m": 13, "style": "trees"},
        {"kind": "tunnel", "at_s": 50, "duration_s": 4, "brightness": 0.4, "transition_s": 0.35},
        {"kind": "cloud", "at_s": 70, "duration_s": 6},
        {"kind": "bump", "at_s": 74, "pitch_deg": 0.9},
        {"kind": "road_patch", "at_s": 95, "count": 3},
        {"kind": "stopped_at_light", "at_s": 110, "stand_s": 12}
      ]
    }
    """

  func testReadmeExampleDecodesSimulatesAndRoundTrips() throws {
    let scenario = try Scenario.decode(json: Data(Self.readmeExample.utf8))
    XCTAssertEqual(scenario.events.count, 7)
    XCTAssertEqual(scenario.distractors.count, 7)
    XCTAssertEqual(scenario.cameras, [.front, .back, .left_repeater, .right_repeater])
    let sim = try DriveSimulation(scenario: scenario)
    // November 2 2026 is after the US DST change (Nov 1): PST, UTC-8.
    XCTAssertEqual(sim.groundTruth.startUTC, "2026-11-02T16:14:31Z")
    XCTAssertEqual(sim.clock.teslaFileStamp(atS: 61.2), "2026-11-02_08-15-32")
    let kinds = sim.groundTruth.events.map { "\($0.kind.rawValue)@\($0.scenarioEvent.map(String.init) ?? "-")" }
    XCTAssertEqual(
      kinds,
      ["brake@0", "override@1", "brake@2", "swerve@3", "brake@4", "disengagement@4", "disengagement@5", "brake@6"])
    XCTAssertEqual(
      sim.groundTruth.events.filter { $0.kind == .brake && $0.initiator == .fsd }.map(\.verdict),
      [.phantom, .justified, .justified])
    XCTAssertEqual(sim.groundTruth.events[2].obstacle, .leadVehicle)
    XCTAssertEqual(sim.groundTruth.distractors.count, 7)
    // Every default is written out and the file decodes to the same scenario.
    let encoded = try scenario.encodedJSON()
    XCTAssertEqual(try Scenario.decode(json: encoded), scenario)
  }

  func testMinimalScenarioUsesDefaults() throws {
    let scenario = try Scenario.decode(
      json: Data(#"{"name": "m", "start_local": "2026-01-05T12:00:00", "duration_s": 3}"#.utf8))
    XCTAssertEqual(scenario.fps, 36)
    XCTAssertEqual(scenario.frameSize(for: .front), FrameSize(width: 1280, height: 960))
    XCTAssertEqual(scenario.cameras, CameraName.allCases)
    XCTAssertEqual(scenario.imuAxes, IMUAxes(longitudinal: SignedAxis(.x), lateral: SignedAxis(.y)))
    XCTAssertEqual(scenario.autopilot, [AutopilotPhase(fromS: 0, state: .selfDriving)])
    let sim = try DriveSimulation(scenario: scenario)
    XCTAssertEqual(sim.frameCount, 108)
    XCTAssertEqual(sim.groundTruth.startUTC, "2026-01-05T12:00:00Z")
    var hw4 = scenario
    hw4.hardware = .hw4
    XCTAssertEqual(hw4.frameSize(for: .front), FrameSize(width: 2896, height: 1876))
    XCTAssertEqual(hw4.frameSize(for: .left_pillar), FrameSize(width: 1448, height: 938))
  }

  private func decodeError(_ json: String) -> String {
    do {
      _ = try Scenario.decode(json: Data(json.utf8))
      return "no error"
    } catch {
      return "\(error)"
    }
  }

  private func simulationError(_ scenario: Scenario) -> String {
    do {
      _ = try DriveSimulation(scenario: scenario)
      return "no error"
    } catch {
      return "\(error)"
    }
  }

  func testDecodingErrorsNameThePlace() {
    let base = #""name": "x", "start_local": "2026-01-05T12:00:00", "duration_s": 30"#
    XCTAssertTrue(
      decodeError("{\(base), \"events\": [{\"kind\": \"fsd_brake\", \"at_s\": 5, \"peak_gs\": 0.4}]}")
        .contains("unknown key 'peak_gs'"))
    XCTAssertTrue(
      decodeError("{\(base), \"events\": [{\"kind\": \"fsd_brake\", \"at_s\": 5}]}").contains(
        "events[0]: missing required key 'peak_g'"))
    XCTAssertTrue(
      decodeError("{\(base), \"events\": [{\"kind\": \"tunnel\", \"at_s\": 5}]}").contains("is a distractor"))
    XCTAssertTrue(
      decodeError(
        "{\(base), \"events\": [{\"kind\": \"fsd_brake\", \"at_s\": 5, \"peak_g\": 0.4, \"verdict\": \"maybe\"}]}"
      )
      .contains("'maybe' is not one of: phantom, justified"))
    XCTAssertTrue(
      decodeError("{\(base), \"imu_axes\": {\"longitudinal\": \"forward\"}}").contains("imu_axes.longitudinal"))
    XCTAssertTrue(
      decodeError("{\(base), \"cameras\": [\"front\", \"rear_view\"]}").contains("unknown camera 'rear_view'"))
    XCTAssertTrue(decodeError(#"{"name": "x", "duration_s": 3}"#).contains("missing required key 'start_local'"))
  }

  func testValidationErrorsSayWhatIsWrongAndWhatToChange() {
    var s = Fixtures.cruise(seconds: 40)
    s.events = [.fsdBrake(.init(atS: 10, peakG: 0.15))]
    let weak = simulationError(s)
    XCTAssertTrue(weak.contains("events[0] (fsd_brake at 10 s) would not be detected as a brake"), weak)
    XCTAssertTrue(weak.contains("peaks at 0.15 g"), weak)

    s.events = [.fsdBrake(.init(atS: 10, peakG: 0.9, durationS: 8))]
    XCTAssertTrue(simulationError(s).contains("comes to a standstill"), simulationError(s))

    s.events = [.fsdBrake(.init(atS: 10, peakG: 0.4)), .fsdBrake(.init(atS: 13, peakG: 0.4))]
    let merged = simulationError(s)
    XCTAssertTrue(merged.contains("become a single brake event"), merged)

    s.events = [.swerve(.init(atS: 10, lateralOffsetM: 0.5, durationS: 4))]
    let gentle = simulationError(s)
    XCTAssertTrue(gentle.contains("would not be detected as a swerve") && gentle.contains("raise the offset"), gentle)

    s.events = [.fsdBrake(.init(atS: 10, peakG: 0.4))]
    s.autopilot = [AutopilotPhase(fromS: 0, state: .none)]
    XCTAssertTrue(simulationError(s).contains("FSD/Autopilot is not engaged then"), simulationError(s))

    s = Fixtures.cruise(seconds: 60)
    s.speedProfile = [SpeedTarget(atS: 10, targetKmh: 40)]
    s.comfortDecelMPS2 = 2.2
    let hard = simulationError(s)
    XCTAssertTrue(hard.contains("unscripted brake event") && hard.contains("speed_profile[0]"), hard)

    s = Fixtures.cruise(seconds: 60)
    s.distractors = [.bump(.init(atS: 10, frequencyHz: 40))]
    XCTAssertTrue(simulationError(s).contains("distractors[0] (bump at 10 s): frequency_hz is 40"), simulationError(s))

    s = Fixtures.cruise(seconds: 60)
    s.events = [.acceleratorOverride(.init(atS: 20))]
    XCTAssertTrue(simulationError(s).contains("not during or within 3 s after a detected brake"), simulationError(s))

    s = Fixtures.cruise(seconds: 60)
    s.timeZone = "Mars/Olympus"
    XCTAssertTrue(simulationError(s).contains("time_zone: unknown zone 'Mars/Olympus'"))
    s.timeZone = nil
    s.utcOffset = "+25:00"
    XCTAssertTrue(simulationError(s).contains("utc_offset"))
    s.utcOffset = "+01:00"
    s.startLocal = "yesterday"
    XCTAssertTrue(simulationError(s).contains("start_local"))
  }

  func testStopIsAJustifiedBrakeAndTheCarStands() throws {
    var s = Fixtures.cruise(seconds: 60, kmh: 50)
    s.events = [.stop(.init(atS: 10, decelG: 0.3, standS: 6))]
    let sim = try DriveSimulation(scenario: s)
    XCTAssertEqual(sim.groundTruth.events.map(\.kind), [.brake])
    XCTAssertEqual(sim.groundTruth.events[0].verdict, .justified)
    let standing = sim.states.filter { $0.speedMPS == 0 }
    XCTAssertGreaterThan(Double(standing.count) / sim.fps, 5.9)
    XCTAssertTrue(standing.allSatisfy { $0.autopilot == .selfDriving && !$0.brakeApplied })
    XCTAssertEqual(sim.states.last!.speedMPS, 50 / 3.6, accuracy: 0.5)
  }

  func testEventOrderInTheFileDoesNotMatter() throws {
    var s = Fixtures.phantomBrake(peakG: 0.3)
    s.events.insert(.acceleratorOverride(.init(atS: 11.0, pedal: 0.4)), at: 0)
    let sim = try DriveSimulation(scenario: s)
    XCTAssertEqual(sim.groundTruth.events.map(\.kind), [.brake, .override])
    XCTAssertEqual(sim.groundTruth.events[0].scenarioEvent, 1)
    XCTAssertLessThan(-sim.state(frame: Int(11.5 * sim.fps)).accelLongMPS2, 0.5, "the brake was cut short")
  }

  func testOverlappingStopsAreRefusedAndATargetOfZeroSettles() throws {
    var s = Fixtures.cruise(seconds: 80, kmh: 50)
    s.events = [.stop(.init(atS: 10, standS: 10)), .stop(.init(atS: 20))]
    XCTAssertTrue(
      simulationError(s).contains("events[1] (stop at 20 s) starts while the car is still stopping"), simulationError(s)
    )
    s.events = []
    s.speedProfile = [SpeedTarget(atS: 5, targetKmh: 0)]
    s.comfortDecelMPS2 = 0.6
    let sim = try DriveSimulation(scenario: s)
    XCTAssertEqual(sim.states.last!.speedMPS, 0)
    XCTAssertTrue(sim.states.allSatisfy { $0.speedMPS >= 0 })
    XCTAssertEqual(sim.groundTruth.events, [])
  }

  func testDisengagementCauses() throws {
    for (by, cause) in [
      (ScenarioEvent.Disengagement.By.steering, GroundTruthEvent.Cause.steering), (.brakePedal, .brakePedal),
      (.accelerator, .accelerator), (.system, .unknown),
    ] {
      var s = Fixtures.cruise(seconds: 30)
      s.events = [.disengagement(.init(atS: 10, by: by, reengageAfterS: 5))]
      let sim = try DriveSimulation(scenario: s)
      let event = try XCTUnwrap(sim.groundTruth.events.first { $0.kind == .disengagement }, "\(by)")
      XCTAssertEqual(event.cause, cause)
      XCTAssertEqual(event.initiator, by == .system ? .fsd : .driver)
      XCTAssertEqual(sim.groundTruth.events.count, 1, "\(by): \(sim.groundTruth.events)")
      XCTAssertEqual(sim.state(frame: Int(16 * sim.fps)).autopilot, .selfDriving, "re-engaged")
      if by == .steering {
        let before = sim.states[Int(9 * sim.fps)..<event.onsetFrame]
        XCTAssertGreaterThan(before.map { abs($0.steeringWheelDeg) }.max()!, 1, "the wheel moves before FSD lets go")
      }
    }
  }

  func testDriverSwerveDisengagesFirst() throws {
    var s = Fixtures.cruise(seconds: 30)
    s.events = [.swerve(.init(atS: 10, lateralOffsetM: 1.2, initiator: .driver))]
    let sim = try DriveSimulation(scenario: s)
    XCTAssertEqual(sim.groundTruth.events.map(\.kind), [.disengagement, .swerve])
    XCTAssertEqual(sim.groundTruth.events[0].cause, .steering)
    XCTAssertEqual(sim.groundTruth.events[1].initiator, .driver)
    XCTAssertNil(sim.groundTruth.events[1].verdict)
  }

  func testClockOffsets() throws {
    var s = Fixtures.cruise(seconds: 5)
    s.startLocal = "2026-03-29T01:30:00"
    s.utcOffset = "-08:00"
    XCTAssertEqual(try DriveClock(scenario: s).utcISO8601(atS: 0), "2026-03-29T09:30:00Z")
    s.utcOffset = nil
    s.timeZone = "Europe/Berlin"
    XCTAssertEqual(try DriveClock(scenario: s).utcOffsetS, 3600)
    s.startLocal = "2026-07-01T23:59:30"
    let clock = try DriveClock(scenario: s)
    XCTAssertEqual(clock.utcOffsetS, 7200)
    XCTAssertEqual(clock.teslaFileStamp(atS: 45), "2026-07-02_00-00-15")
    XCTAssertEqual(clock.startUTC, Date(timeIntervalSince1970: 1_782_943_170))
  }
}
