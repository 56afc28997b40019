import FSDSynth

/// Seeded drives that mix every kind of event the simulator can script, a few seconds of calm
/// between them, assistance states changing along the way, distractors and IMU noise.
enum VariedScenarios {
  static let g = 9.80665

  /// The IMU conventions the simulator supports that public tools disagree on: longitudinal on
  /// x or y with either sign; lateral on the other horizontal axis (either sign) or on z.
  static let conventions: [IMUAxes] = [
    IMUAxes(longitudinal: SignedAxis(.x), lateral: SignedAxis(.y)),
    IMUAxes(longitudinal: SignedAxis(.x, sign: -1), lateral: SignedAxis(.y, sign: -1)),
    IMUAxes(longitudinal: SignedAxis(.y), lateral: SignedAxis(.x, sign: -1)),
    IMUAxes(longitudinal: SignedAxis(.y, sign: -1), lateral: SignedAxis(.x)),
    IMUAxes(longitudinal: SignedAxis(.x), lateral: SignedAxis(.y, sign: -1)),
    IMUAxes(longitudinal: SignedAxis(.y), lateral: SignedAxis(.x)),
    IMUAxes(longitudinal: SignedAxis(.x, sign: -1), lateral: SignedAxis(.z)),
    IMUAxes(longitudinal: SignedAxis(.y, sign: -1), lateral: SignedAxis(.z, sign: -1)),
  ]

  static func all(count: Int = 30) -> [Scenario] {
    (0..<count).map { make(index: $0) }
  }

  static func make(index: Int) -> Scenario {
    var builder = Builder(index: index)
    builder.fill(slots: 12 + index % 5)
    return builder.scenario
  }

  struct Builder {
    var rng: TestRandom
    var scenario: Scenario
    var cursorS = 8.0
    var state = AutopilotState.selfDriving
    var targetKmh: Double

    init(index: Int) {
      rng = TestRandom(seed: 0xD7EC7 &+ UInt64(index) &* 7919)
      targetKmh = [70, 90, 100, 110, 120][index % 5]
      scenario = Scenario(
        name: "varied-\(index)", durationS: 10, seed: UInt64(1000 + index), initialSpeedKmh: targetKmh)
      scenario.road = RoadLayout(lanes: 3, egoLane: 2)
      scenario.imuAxes = VariedScenarios.conventions[index % VariedScenarios.conventions.count]
      scenario.imuNoiseMPS2 = rng.uniform(0.05...0.4)
      scenario.comfortAccelMPS2 = rng.uniform(0.7...1.0)
      scenario.comfortDecelMPS2 = rng.uniform(0.6...0.9)
    }

    var speedMPS: Double { targetKmh / 3.6 }
    var steers: Bool { state.steers }

    mutating func fill(slots: Int) {
      for _ in 0..<slots { slot() }
      scenario.durationS = cursorS + 8
    }

    private mutating func setState(_ new: AutopilotState, atS: Double) {
      scenario.autopilot.append(AutopilotPhase(fromS: atS, state: new))
      state = new
    }

    /// Seconds for the speed controller to win back `lostMPS` and settle.
    private func recoveryS(_ lostMPS: Double) -> Double { lostMPS / scenario.comfortAccelMPS2 + 6 }

    private mutating func slot() {
      // Sometimes the assistance state changes first (never straight between FSD and Autosteer).
      if rng.chance(0.25) {
        let next: [AutopilotState]
        switch state {
        case .selfDriving: next = [.none, .tacc]
        case .autosteer: next = [.none, .tacc]
        case .tacc: next = [.none, .selfDriving]
        case .none: next = [.selfDriving, .selfDriving, .autosteer, .tacc]
        }
        setState(rng.pick(next), atS: cursorS + 1)
        cursorS += 4
      }
      let at = cursorS + 2
      var choices = ["quiet", "stop"]
      if state.engaged { choices += ["brake", "brake", "brake_override"] }
      if steers { choices += ["swerve", "swerve_driver", "takeover", "disengagement"] }
      switch rng.pick(choices) {
      case "brake": cursorS = at + brake(at: at, override: false)
      case "brake_override": cursorS = at + brake(at: at, override: true)
      case "swerve": cursorS = at + swerve(at: at, driver: false)
      case "swerve_driver": cursorS = at + swerve(at: at, driver: true)
      case "takeover": cursorS = at + takeover(at: at)
      case "disengagement": cursorS = at + disengagement(at: at)
      case "stop": cursorS = at + stop(at: at)
      default: cursorS = at + quiet(at: at)
      }
    }

    /// An FSD brake of 0.21–0.6 g losing 3–8 m/s; optionally the driver's accelerator during or after it.
    private mutating func brake(at: Double, override: Bool) -> Double {
      let peakG = rng.uniform(override ? 0.3...0.6 : 0.21...0.6)
      let lostMPS = min(rng.uniform(3...8), 0.4 * speedMPS)
      // Duration so that the flat part plus half the ramps loses about `lostMPS`.
      var durationS = lostMPS / (peakG * VariedScenarios.g)
      durationS = max(1.0, durationS + min(0.25 * durationS, 0.6))
      let obstacle: Obstacle? = rng.chance(0.4) ? Obstacle(kind: rng.pick([.leadVehicle, .cutIn]), side: .left) : nil
      scenario.events.append(
        .fsdBrake(
          .init(
            atS: at, peakG: peakG, durationS: durationS,
            verdict: obstacle == nil ? .phantom : .justified, obstacle: obstacle)))
      var endS = at + durationS
      if override {
        let during = durationS >= 1.4 && rng.chance(0.5)
        let pressAt = during ? at + 0.6 * durationS : at + durationS + rng.uniform(0.3...1.8)
        let pressS = rng.uniform(0.8...1.8)
        scenario.events.append(
          .acceleratorOverride(.init(atS: pressAt, pedal: rng.uniform(0.2...0.5), durationS: pressS)))
        endS = max(endS, pressAt + pressS)
      }
      return endS - at + recoveryS(lostMPS) + 3
    }

    /// A swerve of 0.3–0.55 g; by the driver, it disengages FSD (steering) until the next phase.
    private mutating func swerve(at: Double, driver: Bool) -> Double {
      let peakG = rng.uniform(0.3...0.55)
      let legS = rng.uniform(0.9...1.4)
      let holdS = rng.uniform(0...0.4)
      let offsetM = peakG * VariedScenarios.g * legS * legS / (10 / 3.0.squareRoot()) * (rng.chance(0.5) ? 1 : -1)
      let obstacle: Obstacle? =
        !driver && rng.chance(0.4) ? Obstacle(kind: .cutIn, side: offsetM > 0 ? .right : .left) : nil
      scenario.events.append(
        .swerve(
          .init(
            atS: at, lateralOffsetM: offsetM, durationS: 2 * legS + holdS, holdS: holdS,
            verdict: obstacle == nil ? .phantom : .justified,
            initiator: driver ? .driver : .fsd, obstacle: obstacle)))
      let lengthS = 2 * legS + holdS + 8
      if driver { setState(state, atS: at + lengthS - 2) }
      return lengthS
    }

    /// The driver brakes (0.25–0.5 g) and FSD disengages 0.1–0.4 s later; it re-engages 4–8 s on.
    private mutating func takeover(at: Double) -> Double {
      let decelG = rng.uniform(0.25...0.5)
      let lostMPS = min(rng.uniform(3...7), 0.4 * speedMPS)
      let durationS = max(1.0, lostMPS / (decelG * VariedScenarios.g) + 0.3)
      let reengageS = rng.uniform(4...8)
      scenario.events.append(
        .driverBrakeTakeover(
          .init(
            atS: at, decelG: decelG, durationS: durationS,
            disengageAfterS: rng.uniform(0.1...0.4), reengageAfterS: reengageS)))
      return max(durationS + recoveryS(lostMPS), reengageS + 2) + 3
    }

    private mutating func disengagement(at: Double) -> Double {
      let by = rng.pick(ScenarioEvent.Disengagement.By.allCases)
      let reengageS = rng.uniform(4...8)
      scenario.events.append(.disengagement(.init(atS: at, by: by, reengageAfterS: reengageS)))
      return reengageS + 6
    }

    /// A stop at 0.22–0.4 g (a red light), stand, drive on.
    private mutating func stop(at: Double) -> Double {
      let decelG = rng.uniform(0.22...0.4)
      let standS = rng.uniform(2...6)
      let goAccel = 1.5
      scenario.events.append(.stop(.init(atS: at, decelG: decelG, standS: standS, goAccelMPS2: goAccel)))
      return speedMPS / (decelG * VariedScenarios.g) + 2 + standS + speedMPS / goAccel + 8
    }

    /// Nothing to detect: a speed change, or a distractor (bump, shadows, tunnel, a gentle stop).
    private mutating func quiet(at: Double) -> Double {
      switch rng.pick(["speed", "bump", "shadow", "tunnel", "light", "patch"]) {
      case "speed":
        let old = targetKmh
        targetKmh = min(130, max(50, targetKmh + rng.pick([-1.0, 1.0]) * rng.uniform(10...25)))
        scenario.speedProfile.append(SpeedTarget(atS: at, targetKmh: targetKmh))
        let changeMPS = abs(targetKmh - old) / 3.6
        return changeMPS / min(scenario.comfortAccelMPS2, scenario.comfortDecelMPS2) + 8
      case "bump":
        scenario.distractors.append(.bump(.init(atS: at, pitchDeg: rng.uniform(0.5...1.5))))
        return 8
      case "shadow":
        scenario.distractors.append(.shadowBand(.init(atS: at, count: 4, style: .trees)))
        return 10
      case "tunnel":
        scenario.distractors.append(.tunnel(.init(atS: at, durationS: 4, brightness: 0.3, transitionS: 0.5)))
        return 12
      case "light":
        let decel = rng.uniform(0.6...1.0)
        let standS = rng.uniform(3...6)
        scenario.distractors.append(.stoppedAtLight(.init(atS: at, standS: standS, decelMPS2: decel, goAccelMPS2: 1.0)))
        return speedMPS / decel + 4 + standS + speedMPS / 1.0 + 8
      default:
        scenario.distractors.append(.roadPatch(.init(atS: at)))
        return 8
      }
    }
  }
}
