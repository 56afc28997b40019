import FSDSynth
import Foundation

/// Writes a simulated drive's telemetry in the CSV dialects of docs/formats.md section 5, the way other
/// tools export it: fsdlog's canonical CSV, Tesla's SEI-reader export, and Track Mode.
struct TelemetryCSVWriter {
  enum Dialect: String, Codable, CaseIterable, Sendable {
    case canonical
    case teslaSEI = "tesla_sei"
    case trackMode = "track_mode"
  }

  let simulation: DriveSimulation
  /// UTC time of frame 0.
  let startUTC: Date
  /// Added to every time written: a CSV logger whose clock is off by this much.
  let clockOffsetS: Double
  /// Standard deviation of the noise added to speed (m/s) and accelerations (m/s²); 0 = exact.
  let noise: Double
  let seed: UInt64

  private var fps: Double { Double(simulation.frameCount) / max(simulation.state(frame: simulation.frameCount - 1).timeS + 1e-9, 1e-9) }

  /// fsdlog canonical: every other frame (18 Hz at 36 fps), ISO 8601 UTC times with zone.
  func canonical() -> String {
    var noiseSource = GaussianNoise(seed: seed)
    var text = "time,speed_mps,accel_long_mps2,accel_lat_mps2,brake,accelerator,steering_deg,autopilot,lat,lon,heading_deg\n"
    let formatter = ISO8601DateFormatter()
    formatter.formatOptions = [.withInternetDateTime, .withFractionalSeconds]
    for frame in stride(from: 0, to: simulation.frameCount, by: 2) {
      let state = simulation.state(frame: frame)
      let time = startUTC.addingTimeInterval(state.timeS + clockOffsetS)
      text += [
        formatter.string(from: time),
        format(max(0, state.speedMPS + noiseSource.next(noise)), 3),
        format(state.accelLongMPS2 + noiseSource.next(noise * 2), 3),
        format(state.accelLatMPS2 + noiseSource.next(noise * 2), 3),
        state.brakeApplied ? "1" : "0",
        format(state.acceleratorPedal, 3),
        format(state.steeringWheelDeg, 1),
        Self.autopilotName(state.autopilot),
        format(state.latitudeDeg, 7),
        format(state.longitudeDeg, 7),
        format(state.headingDeg, 2),
      ].joined(separator: ",") + "\n"
    }
    return text
  }

  /// Tesla's SEI-reader export of one clip: a row per frame, columns named as the proto fields,
  /// enum values as names, no time column.
  func teslaSEI(frames: Range<Int>) -> String {
    var text = "version,gear_state,frame_seq_no,vehicle_speed_mps,accelerator_pedal_position,steering_wheel_angle,"
      + "blinker_on_left,blinker_on_right,brake_applied,autopilot_state,latitude_deg,longitude_deg,heading_deg,"
      + "linear_acceleration_mps2_x,linear_acceleration_mps2_y,linear_acceleration_mps2_z\n"
    for frame in frames {
      let state = simulation.state(frame: frame)
      text += [
        "1", Self.gearName(state.gear), "\(state.frameIndex)", format(state.speedMPS, 4), format(state.acceleratorPedal, 3),
        format(state.steeringWheelDeg, 2), state.blinkerLeft ? "true" : "false", state.blinkerRight ? "true" : "false",
        state.brakeApplied ? "true" : "false", Self.autopilotName(state.autopilot), format(state.latitudeDeg, 7),
        format(state.longitudeDeg, 7), format(state.headingDeg, 2), format(state.imuX, 4), format(state.imuY, 4), format(state.imuZ, 4),
      ].joined(separator: ",") + "\n"
    }
    return text
  }

  /// Track Mode: ~45 Hz, miles per hour, elapsed time that restarts each lap (laps of `lapS`).
  func trackMode(lapS: Double = 90) -> String {
    var noiseSource = GaussianNoise(seed: seed &+ 1)
    var text = "Lap,Elapsed Time (ms),Speed (MPH),Latitude (decimal),Longitude (decimal),Lateral Acceleration (m/s^2),"
      + "Longitudinal Acceleration (m/s^2),Throttle Position (%),Brake Pressure (bar),Steering Angle (deg)\n"
    let endS = simulation.state(frame: simulation.frameCount - 1).timeS
    let stepS = 1.0 / 45
    var timeS = 0.0
    while timeS <= endS {
      let state = interpolated(atS: timeS)
      let lap = Int(timeS / lapS) + 1
      let elapsedMS = Int(((timeS - Double(lap - 1) * lapS) * 1000).rounded())
      let brakeBar = state.brakeApplied || state.accelLongMPS2 < -1 ? max(0, -state.accelLongMPS2) / 9.80665 * 60 : 0
      text += [
        "\(lap)", "\(elapsedMS)", format(max(0, state.speedMPS + noiseSource.next(noise)) / 0.44704, 2),
        format(state.latitudeDeg, 7), format(state.longitudeDeg, 7),
        format(state.accelLatMPS2 + noiseSource.next(noise * 2), 3), format(state.accelLongMPS2 + noiseSource.next(noise * 2), 3),
        format(state.acceleratorPedal * 100, 1), format(brakeBar, 2), format(state.steeringWheelDeg, 1),
      ].joined(separator: ",") + "\n"
      timeS += stepS
    }
    return text
  }

  /// The state at an arbitrary time: numbers interpolated between frames, flags from the nearer.
  private func interpolated(atS timeS: Double) -> FrameState {
    let exact = timeS * fps
    let lower = min(max(0, Int(exact.rounded(.down))), simulation.frameCount - 1)
    let upper = min(lower + 1, simulation.frameCount - 1)
    let fraction = min(max(exact - Double(lower), 0), 1)
    let a = simulation.state(frame: lower), b = simulation.state(frame: upper)
    var state = fraction < 0.5 ? a : b
    func mix(_ x: Double, _ y: Double) -> Double { x + (y - x) * fraction }
    state.speedMPS = mix(a.speedMPS, b.speedMPS)
    state.accelLongMPS2 = mix(a.accelLongMPS2, b.accelLongMPS2)
    state.accelLatMPS2 = mix(a.accelLatMPS2, b.accelLatMPS2)
    state.latitudeDeg = mix(a.latitudeDeg, b.latitudeDeg)
    state.longitudeDeg = mix(a.longitudeDeg, b.longitudeDeg)
    state.steeringWheelDeg = mix(a.steeringWheelDeg, b.steeringWheelDeg)
    state.acceleratorPedal = mix(a.acceleratorPedal, b.acceleratorPedal)
    return state
  }

  static func autopilotName(_ state: AutopilotState) -> String {
    switch state {
    case .none: "NONE"
    case .selfDriving: "SELF_DRIVING"
    case .autosteer: "AUTOSTEER"
    case .tacc: "TACC"
    }
  }

  static func gearName(_ gear: GearState) -> String {
    switch gear {
    case .park: "GEAR_PARK"
    case .drive: "GEAR_DRIVE"
    case .reverse: "GEAR_REVERSE"
    case .neutral: "GEAR_NEUTRAL"
    }
  }

  private func format(_ value: Double, _ decimals: Int) -> String { String(format: "%.\(decimals)f", value) }
}

/// Seeded normal noise (the simulator's generator, so one seed reproduces the whole drive).
struct GaussianNoise {
  private var random: SeededRandom
  init(seed: UInt64) { random = SeededRandom(seed: seed ^ 0x9E37_79B9_7F4A_7C15) }

  mutating func next(_ standardDeviation: Double) -> Double {
    standardDeviation > 0 ? standardDeviation * random.gaussian() : 0
  }
}
