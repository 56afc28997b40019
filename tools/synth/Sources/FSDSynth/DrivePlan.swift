import Foundation

/// The scenario turned into motion primitives: acceleration pulses, stop manoeuvres, lateral moves,
/// bumps, brightness excursions, other cars, pedal windows and the assistance timeline.
struct DrivePlan: Sendable {
  struct PedalWindow: Sendable {
    var fromS: Double
    var untilS: Double
  }

  let scenario: Scenario
  var timeline: AutopilotTimeline
  var pulses: [AccelPulse] = []
  var stops: [StopPlan] = []
  var lateralMoves: [LateralMove] = []
  var bumps: [BumpMotion] = []
  var excursions: [BrightnessExcursion] = []
  var tracks: [ObstacleTrack] = []
  /// Brake pedal pressed by a scripted driver action.
  var brakePedal: [PedalWindow] = []
  /// Accelerator shapes: (start, duration, ramp in, ramp out, peak).
  var accelerator: [(startS: Double, durationS: Double, rampIn: Double, rampOut: Double, peak: Double)] = []
  /// Steering-initiated disengagements and driver swerves, by scenario event index: when the state changes.
  var disengageAtS: [Int: Double] = [:]

  init(scenario: Scenario) throws {
    self.scenario = scenario
    timeline = AutopilotTimeline(phases: scenario.autopilot)
    let g = standardGravity
    let laneWidth = scenario.road.laneWidthM

    for (index, event) in scenario.events.enumerated() {
      let place = ScenarioChecks.label(event: index, event)
      switch event {
      case .fsdBrake(let e):
        pulses.append(
          AccelPulse(
            startS: e.atS, durationS: e.durationS, rampInS: e.effectiveRampS, rampOutS: e.effectiveRampS,
            amplitude: -e.peakG * g, cutAtS: nil, resume: e.resume, scenarioEvent: index))
        if let obstacle = e.obstacle {
          tracks.append(
            Self.track(
              for: obstacle, eventS: e.atS, durationS: e.durationS, swerveOffsetM: 0,
              laneWidth: laneWidth, paint: index))
        }
      case .swerve(let e):
        lateralMoves.append(
          LateralMove(startS: e.atS, offsetM: e.lateralOffsetM, legS: e.legS, holdS: e.holdS, returns: e.returns))
        if e.initiator == .driver && timeline.state(at: e.atS).steers {
          // The driver's torque overrides FSD at once; the lateral acceleration builds up after.
          disengageAtS[index] = e.atS
          timeline.disengage(fromS: e.atS, reengageAfterS: nil, scenarioEvent: index)
        }
        if let obstacle = e.obstacle {
          tracks.append(
            Self.track(
              for: obstacle, eventS: e.atS, durationS: e.durationS, swerveOffsetM: e.lateralOffsetM,
              laneWidth: laneWidth, paint: index))
        }
      case .driverBrakeTakeover(let e):
        let ramp = min(0.3, e.durationS / 3)
        pulses.append(
          AccelPulse(
            startS: e.atS, durationS: e.durationS, rampInS: ramp, rampOutS: ramp, amplitude: -e.decelG * g,
            cutAtS: nil, resume: e.resume, scenarioEvent: index))
        brakePedal.append(PedalWindow(fromS: e.atS, untilS: e.atS + e.durationS))
        guard timeline.state(at: e.atS).steers else {
          throw ScenarioError(
            "\(place): FSD/Autosteer is not engaged then (autopilot state "
              + "\(timeline.state(at: e.atS).scenarioName)), so there is nothing to take over from")
        }
        disengageAtS[index] = e.atS + e.disengageAfterS
        timeline.disengage(fromS: e.atS + e.disengageAfterS, reengageAfterS: e.reengageAfterS, scenarioEvent: index)
      case .acceleratorOverride(let e):
        accelerator.append((e.atS, e.durationS, 0.25, 0.35, e.pedal))
        pulses.append(
          AccelPulse(
            startS: e.atS, durationS: e.durationS, rampInS: 0.25, rampOutS: 0.35, amplitude: e.pedal * 2.8,
            cutAtS: nil, resume: true, scenarioEvent: index))
      case .stop(let e):
        stops.append(
          StopPlan(
            startS: e.atS, decel: e.decelG * g, rampInS: 0.5, rampOutS: 0.8, standS: e.standS,
            goAccel: e.goAccelMPS2, label: place))
      case .disengagement(let e):
        guard timeline.state(at: e.atS).steers else {
          throw ScenarioError(
            "\(place): FSD/Autosteer is not engaged then (autopilot state "
              + "\(timeline.state(at: e.atS).scenarioName)); a disengagement needs it engaged")
        }
        switch e.by {
        case .steering:
          lateralMoves.append(LateralMove(startS: e.atS, offsetM: 0.15, legS: 0.9, holdS: 0, returns: true))
        case .brakePedal:
          brakePedal.append(PedalWindow(fromS: e.atS, untilS: e.atS + 0.6))
          pulses.append(
            AccelPulse(
              startS: e.atS, durationS: 0.6, rampInS: 0.2, rampOutS: 0.2, amplitude: -0.7, cutAtS: nil,
              resume: true, scenarioEvent: index))
        case .accelerator:
          accelerator.append((e.atS, 1.2, 0.2, 0.3, 0.45))
          pulses.append(
            AccelPulse(
              startS: e.atS, durationS: 1.2, rampInS: 0.2, rampOutS: 0.3, amplitude: 0.8, cutAtS: nil,
              resume: true, scenarioEvent: index))
        case .system:
          break
        }
        disengageAtS[index] = e.atS + e.delayS
        timeline.disengage(fromS: e.atS + e.delayS, reengageAfterS: e.reengageAfterS, scenarioEvent: index)
      }
    }

    // An accelerator press cuts short any FSD brake still running (in whatever order they are listed).
    for event in scenario.events {
      guard case .acceleratorOverride(let e) = event else { continue }
      for k in pulses.indices
      where pulses[k].amplitude < 0 && e.atS >= pulses[k].startS
        && e.atS < pulses[k].startS + pulses[k].durationS
      {
        pulses[k].cutAtS = min(pulses[k].cutAtS ?? .infinity, e.atS)
      }
    }

    for (index, distractor) in scenario.distractors.enumerated() {
      switch distractor {
      case .stoppedAtLight(let d):
        stops.append(
          StopPlan(
            startS: d.atS, decel: d.decelMPS2, rampInS: 1.5, rampOutS: 2.5, standS: d.standS,
            goAccel: d.goAccelMPS2, label: ScenarioChecks.label(distractor: index, distractor)))
      case .bump(let d):
        bumps.append(
          BumpMotion(
            startS: d.atS, pitchDeg: d.pitchDeg, heaveM: d.heaveM, omega: 2 * .pi * d.frequencyHz,
            decayS: d.decayS))
      case .tunnel(let d), .cloud(let d):
        excursions.append(
          BrightnessExcursion(
            startS: d.atS, holdS: d.durationS, brightness: d.brightness,
            transitionS: d.transitionS))
      case .shadowBand, .roadPatch:
        break
      }
    }
    stops.sort { $0.startS < $1.startS }

    // Events that need assistance engaged (checked after every override is known).
    for (index, event) in scenario.events.enumerated() {
      let place = ScenarioChecks.label(event: index, event)
      let state = timeline.state(at: event.atS)
      switch event {
      case .fsdBrake:
        if !state.engaged {
          throw ScenarioError(
            "\(place): FSD/Autopilot is not engaged then (state \(state.scenarioName)); "
              + "an FSD brake needs it engaged: check `autopilot` and earlier takeovers / disengagements")
        }
      case .swerve(let e) where e.initiator == .fsd:
        if !state.steers {
          throw ScenarioError(
            "\(place): FSD/Autosteer is not steering then (state \(state.scenarioName)); "
              + "set \"initiator\": \"driver\" for a manual swerve")
        }
      case .acceleratorOverride:
        if !state.engaged {
          throw ScenarioError(
            "\(place): FSD/Autopilot is not engaged then (state \(state.scenarioName)); "
              + "an override is a pedal press while it stays engaged")
        }
      default:
        break
      }
    }
  }

  static func track(
    for obstacle: Obstacle, eventS: Double, durationS: Double, swerveOffsetM: Double, laneWidth: Double,
    paint: Int
  ) -> ObstacleTrack {
    switch obstacle.kind {
    case .leadVehicle:
      // In a swerve the hazard sits on the side the car swerves away from.
      let lateral = swerveOffsetM == 0 ? 0 : -0.55 * (swerveOffsetM > 0 ? 1 : -1)
      return .leadVehicle(eventS: eventS, durationS: durationS, gapM: obstacle.gapM, lateralM: lateral, paint: paint)
    case .cutIn:
      let from = obstacle.side == .left ? laneWidth : -laneWidth
      // For a brake it ends in the ego lane; for a swerve it intrudes half a car and the ego car dodges.
      let to = swerveOffsetM == 0 ? 0 : 0.5 * from
      return .cutIn(
        eventS: eventS, durationS: durationS, gapM: obstacle.gapM, fromLateralM: from, toLateralM: to, paint: paint)
    }
  }

  func lateral(at t: Double) -> (y: Double, dy: Double, ddy: Double) {
    var y = 0.0
    var dy = 0.0
    var ddy = 0.0
    for move in lateralMoves {
      let m = move.evaluate(at: t)
      y += m.y
      dy += m.dy
      ddy += m.ddy
    }
    return (y, dy, ddy)
  }

  func acceleratorScripted(at t: Double) -> Double {
    var pedal = 0.0
    for a in accelerator {
      pedal = max(
        pedal, a.peak * Profiles.pulse(t - a.startS, duration: a.durationS, rampIn: a.rampIn, rampOut: a.rampOut))
    }
    return pedal
  }

  func brakeScripted(at t: Double) -> Bool {
    brakePedal.contains { t >= $0.fromS && t < $0.untilS }
  }

  /// Stops must not overlap pulses: both drive the speed.
  func checkOverlaps(stopRecords: [StopRecord]) throws {
    for record in stopRecords {
      let until = record.standUntilS.isFinite ? record.standUntilS + 2 : .infinity
      for pulse in pulses where pulse.startS < until && pulse.endS > record.startS {
        let event = scenario.events[pulse.scenarioEvent]
        throw ScenarioError(
          "\(ScenarioChecks.label(event: pulse.scenarioEvent, event)) overlaps \(record.label), "
            + "which is still stopping or standing then; move one of them")
      }
      for (index, move) in zip(lateralMoves.indices, lateralMoves)
      where move.startS < until && move.endS > record.startS {
        _ = index
        throw ScenarioError(
          "a swerve or steering input at \(format(move.startS)) s overlaps \(record.label); move one of them")
      }
    }
  }

  /// A lateral move needs forward speed: the lateral velocity must stay well below the speed.
  func checkSpeeds(frames: [FrameState], fps: Double) throws {
    for (index, event) in scenario.events.enumerated() {
      guard case .swerve(let e) = event else { continue }
      let from = Int(e.atS * fps)
      let to = min(frames.count - 1, Int((e.atS + e.durationS) * fps) + 1)
      guard from <= to else { continue }
      for k in from...to {
        let dy = abs(lateral(at: frames[k].timeS).dy)
        if dy > 0.5 * frames[k].speedMPS {
          throw ScenarioError(
            "\(ScenarioChecks.label(event: index, event)): the car is too slow for this swerve "
              + "(\(format(frames[k].speedMPS * 3.6, 1)) km/h at \(format(frames[k].timeS)) s); make it slower or move it"
          )
        }
      }
    }
  }

  func composeFrames(samples: LongitudinalSimulator.Samples, frameCount: Int, fps: Double) -> [FrameState] {
    let vehicle = scenario.vehicle
    let heading0 = scenario.start.headingDeg * .pi / 180
    let earthRadius = 6_371_008.8
    let lat0 = scenario.start.latitudeDeg
    let lon0 = scenario.start.longitudeDeg
    let cosLat0 = cos(lat0 * .pi / 180)
    var noise = SeededRandom(seed: SeededRandom.hash(scenario.seed, 0x1A2B))
    var frames: [FrameState] = []
    frames.reserveCapacity(frameCount)
    for i in 0..<frameCount {
      let t = Double(i) / fps
      let v = samples.speed[i]
      let a = samples.accel[i]
      let lat = lateral(at: t)
      var psi = 0.0
      var psiRate = 0.0
      var accelLat = 0.0
      if v > 0.05 {
        let ratio = min(max(lat.dy / v, -0.99), 0.99)
        psi = asin(ratio)
        let c = cos(psi)
        psiRate = (lat.ddy * v - lat.dy * a) / (v * v * c)
        accelLat = v * psiRate
      }
      let curvature = v > 1 ? psiRate / v : 0
      let steering = atan(vehicle.wheelbaseM * curvature) * vehicle.steeringRatio * 180 / .pi

      var pitch = vehicle.pitchDegPerG * (-a / standardGravity)
      var heave = 0.0
      var accelVert = 0.0
      for bump in bumps {
        let b = bump.evaluate(at: t)
        pitch += b.pitchDeg
        heave += b.heaveM
        accelVert += b.accelVert
      }
      var brightness = 1.0
      for excursion in excursions { brightness *= excursion.factor(at: t) }

      let autopilot = timeline.state(at: t)
      var brake = brakeScripted(at: t)
      var pedal = acceleratorScripted(at: t)
      if autopilot == .none {
        // The driver drives: accelerator to hold or gain speed, brake pedal for real braking and
        // to hold the car at a standstill.
        if samples.standing[i] || a < -1.2 { brake = true }
        if !samples.standing[i] && a > -0.15 && !brake {
          pedal = max(pedal, min(1, 0.08 + 0.0045 * v + 0.22 * max(a, 0)))
        }
      }

      let road = samples.roadProgress[i]
      let north = road * cos(heading0) + lat.y * sin(heading0)
      let east = road * sin(heading0) - lat.y * cos(heading0)
      var heading = scenario.start.headingDeg - psi * 180 / .pi
      heading = heading.truncatingRemainder(dividingBy: 360)
      if heading < 0 { heading += 360 }

      var imu = scenario.imuAxes.map(longitudinal: a, lateral: accelLat, vertical: accelVert)
      if scenario.imuNoiseMPS2 > 0 {
        imu.x += noise.gaussian() * scenario.imuNoiseMPS2
        imu.y += noise.gaussian() * scenario.imuNoiseMPS2
        imu.z += noise.gaussian() * scenario.imuNoiseMPS2
      }
      let vehicles = tracks.compactMap { $0.vehicle(at: t, egoRoadM: road) }

      frames.append(
        FrameState(
          frameIndex: i, timeS: t, speedMPS: v, distanceM: samples.distance[i], roadProgressM: road,
          accelLongMPS2: a, accelLatMPS2: accelLat, accelVertMPS2: accelVert, imuX: imu.x, imuY: imu.y, imuZ: imu.z,
          yawRateDegPerS: psiRate * 180 / .pi, headingDeg: heading, roadYawDeg: psi * 180 / .pi,
          latitudeDeg: lat0 + north / earthRadius * 180 / .pi,
          longitudeDeg: lon0 + east / (earthRadius * cosLat0) * 180 / .pi,
          lateralOffsetM: lat.y, pitchDeg: pitch, heaveM: heave, steeringWheelDeg: steering, brakeApplied: brake,
          acceleratorPedal: pedal, autopilot: autopilot, gear: .drive, sceneBrightness: brightness, vehicles: vehicles))
    }
    return frames
  }

  /// Road position at a drive time (linear between frames).
  static func roadPosition(at t: Double, frames: [FrameState], fps: Double) -> Double {
    let x = t * fps
    let i = min(max(Int(x.rounded(.down)), 0), frames.count - 1)
    let j = min(i + 1, frames.count - 1)
    let f = min(max(x - Double(i), 0), 1)
    return frames[i].roadProgressM + (frames[j].roadProgressM - frames[i].roadProgressM) * f
  }

  func worldLayout(frames: [FrameState], fps: Double) -> WorldLayout {
    var world = WorldLayout()
    world.road = scenario.road
    world.seed = scenario.seed
    world.sensorNoise = scenario.sensorNoise
    for distractor in scenario.distractors {
      switch distractor {
      case .shadowBand(let d):
        let base = Self.roadPosition(at: d.atS, frames: frames, fps: fps)
        for k in 0..<d.count {
          let start = base + Double(k) * d.spacingM
          world.shadows.append(
            .init(startM: start, endM: start + d.lengthM, darkness: d.darkness, dappled: d.style == .trees))
        }
      case .roadPatch(let d):
        let base = Self.roadPosition(at: d.atS, frames: frames, fps: fps)
        for k in 0..<d.count {
          let start = base + Double(k) * d.spacingM
          world.patches.append(
            .init(
              startM: start, endM: start + d.lengthM, rightM: d.lateralM - d.widthM / 2,
              leftM: d.lateralM + d.widthM / 2, tone: d.tone == .dark ? 0.78 : 1.22))
        }
      default:
        break
      }
    }
    return world
  }
}
