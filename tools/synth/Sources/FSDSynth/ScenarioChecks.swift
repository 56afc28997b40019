import Foundation

/// Static checks of a scenario, before anything is simulated: ranges, units, references.
/// Each failure names the entry (`events[2] (fsd_brake at 30 s)`) and the field.
enum ScenarioChecks {
  static func label(event index: Int, _ event: ScenarioEvent) -> String {
    "events[\(index)] (\(event.kindName) at \(format(event.atS)) s)"
  }

  static func label(distractor index: Int, _ distractor: Distractor) -> String {
    "distractors[\(index)] (\(distractor.kindName) at \(format(distractor.atS)) s)"
  }

  static func validate(_ s: Scenario) throws {
    func check(_ ok: Bool, _ message: @autoclosure () -> String) throws {
      if !ok { throw ScenarioError(message()) }
    }
    func range(_ value: Double, _ bounds: ClosedRange<Double>, _ place: String, _ unit: String = "") throws {
      try check(
        value.isFinite && bounds.contains(value),
        "\(place) is \(format(value, 3))\(unit); it must be between \(format(bounds.lowerBound, 3)) and \(format(bounds.upperBound, 3))\(unit)"
      )
    }
    try check(!s.name.trimmingCharacters(in: .whitespaces).isEmpty, "name: must not be empty")
    try range(s.durationS, 0.1...14_400, "duration_s", " s")
    try range(s.fps, 1...240, "fps")
    for camera in CameraName.allCases {
      let size = s.frameSize(for: camera)
      try check(
        size.width >= 64 && size.height >= 48 && size.width <= 8192 && size.height <= 8192,
        "resolution: \(size.width)x\(size.height) is outside 64x48...8192x8192")
    }
    try check(!s.cameras.isEmpty, "cameras: list at least one camera")
    try check(Set(s.cameras).count == s.cameras.count, "cameras: a camera is listed twice")
    try range(s.start.latitudeDeg, -85...85, "start.lat", "°")
    try range(s.start.longitudeDeg, -180...180, "start.lon", "°")
    try range(s.start.headingDeg, 0...360, "start.heading_deg", "°")
    try range(s.initialSpeedKmh, 0...250, "initial_speed_kmh", " km/h")
    try range(s.comfortAccelMPS2, 0.1...4, "comfort_accel_mps2", " m/s²")
    try range(s.comfortDecelMPS2, 0.1...4, "comfort_decel_mps2", " m/s²")
    try range(s.imuNoiseMPS2, 0...5, "imu_noise_mps2", " m/s²")
    try range(s.sensorNoise, 0...20, "sensor_noise")
    for (i, target) in s.speedProfile.enumerated() {
      try range(target.atS, 0...s.durationS, "speed_profile[\(i)].at_s", " s")
      try range(target.targetKmh, 0...250, "speed_profile[\(i)].target_kmh", " km/h")
    }
    try check(
      zip(s.speedProfile, s.speedProfile.dropFirst()).allSatisfy { $0.atS <= $1.atS },
      "speed_profile: entries must be in time order")
    try check(
      !s.autopilot.isEmpty, "autopilot: list at least one phase, e.g. [{\"from_s\": 0, \"state\": \"self_driving\"}]")
    for (i, phase) in s.autopilot.enumerated() {
      try range(phase.fromS, 0...s.durationS, "autopilot[\(i)].from_s", " s")
    }
    try check(
      zip(s.autopilot, s.autopilot.dropFirst()).allSatisfy { $0.fromS < $1.fromS },
      "autopilot: phases must be in time order with distinct from_s")
    try check(
      s.imuAxes.longitudinal.axis != s.imuAxes.lateral.axis,
      "imu_axes: longitudinal (\(s.imuAxes.longitudinal)) and lateral (\(s.imuAxes.lateral)) must use different axes")
    try check((1...6).contains(s.road.lanes), "road.lanes is \(s.road.lanes); it must be 1...6")
    try check(
      (1...s.road.lanes).contains(s.road.egoLane),
      "road.ego_lane is \(s.road.egoLane); it must be 1...\(s.road.lanes) (1 = rightmost)")
    try range(s.road.laneWidthM, 2.5...5, "road.lane_width_m", " m")
    try range(s.road.shoulderM, 0...5, "road.shoulder_m", " m")
    try range(s.vehicle.pitchDegPerG, 0...10, "vehicle.pitch_deg_per_g", "°")
    try range(s.vehicle.steeringRatio, 5...30, "vehicle.steering_ratio")
    try range(s.vehicle.wheelbaseM, 1.5...5, "vehicle.wheelbase_m", " m")

    for (i, event) in s.events.enumerated() {
      let place = label(event: i, event)
      try range(event.atS, 0...s.durationS, "\(place): at_s", " s")
      switch event {
      case .fsdBrake(let e):
        try range(e.peakG, 0.05...1.2, "\(place): peak_g", " g")
        try range(e.durationS, 0.3...30, "\(place): duration_s", " s")
        try range(e.effectiveRampS, 0.05...(e.durationS / 2), "\(place): ramp_s", " s")
        try checkObstacle(e.obstacle, place: place, road: s.road)
      case .swerve(let e):
        try range(abs(e.lateralOffsetM), 0.2...4, "\(place): |lateral_offset_m|", " m")
        try range(e.durationS, 0.8...20, "\(place): duration_s", " s")
        try range(e.holdS, 0...(e.durationS - 0.8), "\(place): hold_s", " s")
        try range(e.legS, 0.4...20, "\(place): each leg ((duration_s - hold_s) / 2)", " s")
        try checkObstacle(e.obstacle, place: place, road: s.road)
      case .driverBrakeTakeover(let e):
        try range(e.decelG, 0.05...1.0, "\(place): decel_g", " g")
        try range(e.durationS, 0.3...30, "\(place): duration_s", " s")
        try range(e.disengageAfterS, 0...2, "\(place): disengage_after_s", " s")
        if let r = e.reengageAfterS { try range(r, 0.1...14_400, "\(place): reengage_after_s", " s") }
      case .acceleratorOverride(let e):
        try range(e.pedal, 0.06...1, "\(place): pedal")
        try range(e.durationS, 0.3...30, "\(place): duration_s", " s")
      case .stop(let e):
        try range(e.decelG, 0.05...1.0, "\(place): decel_g", " g")
        try range(e.standS, 0...3600, "\(place): stand_s", " s")
        try range(e.goAccelMPS2, 0.3...5, "\(place): go_accel_mps2", " m/s²")
      case .disengagement(let e):
        if let r = e.reengageAfterS { try range(r, 0.1...14_400, "\(place): reengage_after_s", " s") }
      }
    }
    for (i, distractor) in s.distractors.enumerated() {
      let place = label(distractor: i, distractor)
      try range(distractor.atS, 0...s.durationS, "\(place): at_s", " s")
      switch distractor {
      case .shadowBand(let d):
        try check((1...100).contains(d.count), "\(place): count is \(d.count); it must be 1...100")
        try range(d.lengthM, 0.3...300, "\(place): length_m", " m")
        try range(d.spacingM, d.lengthM...1000, "\(place): spacing_m (at least length_m)", " m")
        try range(d.darkness, 0.02...0.95, "\(place): darkness")
      case .tunnel(let d), .cloud(let d):
        try range(d.brightness, 0.05...3, "\(place): brightness")
        try range(d.transitionS, 0.05...20, "\(place): transition_s", " s")
        try range(d.durationS, 0...3600, "\(place): duration_s", " s")
      case .bump(let d):
        try range(d.pitchDeg, 0.02...5, "\(place): pitch_deg", "°")
        try range(d.frequencyHz, 0.3...20, "\(place): frequency_hz", " Hz")
        try range(d.decayS, 0.05...3, "\(place): decay_s", " s")
        try range(d.heaveM, 0...0.2, "\(place): heave_m", " m")
      case .roadPatch(let d):
        try check((1...100).contains(d.count), "\(place): count is \(d.count); it must be 1...100")
        try range(d.lengthM, 0.3...100, "\(place): length_m", " m")
        try range(d.widthM, 0.3...30, "\(place): width_m", " m")
        try range(d.spacingM, d.lengthM...1000, "\(place): spacing_m (at least length_m)", " m")
        try range(d.lateralM, -20...20, "\(place): lateral_m", " m")
      case .stoppedAtLight(let d):
        try range(d.standS, 0...3600, "\(place): stand_s", " s")
        try range(
          d.decelMPS2, 0.1...1.05, "\(place): decel_mps2 (above ~1.1 m/s² docs/detection.md counts the slowdown as a brake)",
          " m/s²")
        try range(d.goAccelMPS2, 0.3...5, "\(place): go_accel_mps2", " m/s²")
      }
    }
  }

  static func checkObstacle(_ obstacle: Obstacle?, place: String, road: RoadLayout) throws {
    guard let obstacle else { return }
    if !(3...150).contains(obstacle.gapM) {
      throw ScenarioError("\(place): obstacle.gap_m is \(format(obstacle.gapM)) m; it must be between 3 and 150 m")
    }
    if obstacle.kind == .cutIn {
      let hasLane = obstacle.side == .left ? road.egoLane < road.lanes : road.egoLane > 1
      if !hasLane {
        throw ScenarioError(
          "\(place): a cut_in from the \(obstacle.side.rawValue) needs a lane on that side "
            + "(road has \(road.lanes) lane(s), ego_lane \(road.egoLane)); change obstacle.side or road.lanes")
      }
    }
  }
}
