import Foundation

/// A smooth acceleration pulse added on top of the speed controller (FSD brakes, pedal presses).
struct AccelPulse: Sendable {
  var startS: Double
  var durationS: Double
  var rampInS: Double
  var rampOutS: Double
  /// m/s², negative = braking.
  var amplitude: Double
  /// An accelerator override cuts a brake short: faded to zero over `cutFadeS` from here.
  var cutAtS: Double?
  /// Keep the speed reached (false) or go back to the profile's target (true).
  var resume: Bool
  var scenarioEvent: Int

  static let cutFadeS = 0.3

  var endS: Double {
    let natural = startS + durationS
    guard let cutAtS else { return natural }
    return min(natural, cutAtS + Self.cutFadeS)
  }

  func value(at t: Double) -> Double {
    var shape = Profiles.pulse(t - startS, duration: durationS, rampIn: rampInS, rampOut: rampOutS)
    if let cutAtS, t > cutAtS { shape *= 1 - Profiles.cosineStep((t - cutAtS) / Self.cutFadeS) }
    return amplitude * shape
  }
}

/// Decelerate to a standstill, stand, go: the `stop` event and the `stopped_at_light` distractor.
struct StopPlan: Sendable {
  var startS: Double
  /// m/s², positive.
  var decel: Double
  var rampInS: Double
  var rampOutS: Double
  var standS: Double
  var goAccel: Double
  /// Which scenario entry it came from, for messages.
  var label: String
}

/// What the stop state machine did, for the distractor intervals and pedal model.
struct StopRecord: Sendable {
  var label: String
  var startS: Double
  var standFromS: Double
  var standUntilS: Double
}

/// Integrates speed and distance at a fine step (10 sub-steps per frame) with a jerk-limited speed
/// controller, pulses and stop manoeuvres. Reports samples at frame times, plus one extra sample
/// one frame after the last frame (so per-frame distances are exact).
struct LongitudinalSimulator {
  struct Samples {
    var speed: [Double] = []
    var accel: [Double] = []
    var distance: [Double] = []
    var roadProgress: [Double] = []
    var standing: [Bool] = []
  }

  static let subSteps = 10
  static let controllerGain = 0.6
  static let jerkLimit = 1.0

  var fps: Double
  var frameCount: Int
  var initialSpeed: Double
  var targets: [(atS: Double, speed: Double)]
  var comfortAccel: Double
  var comfortDecel: Double
  var pulses: [AccelPulse]
  var stops: [StopPlan]
  /// Lateral velocity at time t (road frame), for the along-road progress.
  var lateralVelocity: (Double) -> Double

  private(set) var stopRecords: [StopRecord] = []

  private func profileTarget(at t: Double) -> Double {
    var target = initialSpeed
    for entry in targets where entry.atS <= t { target = entry.speed }
    return target
  }

  private func nextTargetChange(after t: Double) -> Double {
    targets.first { $0.atS > t }?.atS ?? .infinity
  }

  private enum StopPhase {
    case idle
    case approach(t0: Double, a0: Double)
    case rampOut(t0: Double, a0: Double, durationS: Double)
    case stand(untilS: Double)
    case go
  }

  mutating func run() throws -> Samples {
    let sub = Self.subSteps
    let dt = 1 / (fps * Double(sub))
    var out = Samples()
    let sampleCount = frameCount + 1
    out.speed.reserveCapacity(sampleCount)
    out.accel.reserveCapacity(sampleCount)
    out.distance.reserveCapacity(sampleCount)
    out.roadProgress.reserveCapacity(sampleCount)
    out.standing.reserveCapacity(sampleCount)

    var t = 0.0
    var v = initialSpeed
    var x = 0.0
    var s = 0.0
    var aCtrl = 0.0
    var phase = StopPhase.idle
    var stopIndex = 0
    var stopAccel = 0.0
    var heldTarget: (speed: Double, untilS: Double)?
    var finishedPulses = Set<Int>()
    var currentRecord: StopRecord?
    var pulseAccel = pulses.reduce(0) { $0 + $1.value(at: 0) }
    var aTotal = aCtrl + pulseAccel
    var standing = false

    for n in 0..<(sampleCount - 1) * sub + 1 {
      if n % sub == 0 {
        out.speed.append(v)
        out.accel.append(aTotal)
        out.distance.append(x)
        out.roadProgress.append(s)
        out.standing.append(standing)
      }
      if n == (sampleCount - 1) * sub { break }
      let t1 = Double(n + 1) * dt

      // Stop manoeuvre state machine (decisions from the state at t).
      var stopActive = false
      var goAccel: Double?
      switch phase {
      case .idle:
        if stopIndex < stops.count, t1 >= stops[stopIndex].startS {
          let plan = stops[stopIndex]
          if t1 - plan.startS > 2 / fps {
            throw ScenarioError(
              "\(plan.label) starts while the car is still stopping, standing or pulling away from "
                + "\(stopRecords.last?.label ?? "an earlier stop"); move it later")
          }
          phase = .approach(t0: t, a0: aCtrl)
          aCtrl = 0
          currentRecord = StopRecord(label: plan.label, startS: t, standFromS: .infinity, standUntilS: .infinity)
          stopActive = true
        }
      case .approach(let t0, let a0):
        let plan = stops[stopIndex]
        stopActive = true
        if v <= plan.decel * plan.rampOutS / 2 {
          let current = a0 + (-plan.decel - a0) * Profiles.cosineStep((t - t0) / plan.rampInS)
          let a = min(current, -0.5 * plan.decel)
          phase = .rampOut(t0: t, a0: a, durationS: 2 * max(v, 0) / -a)
        }
      case .rampOut(let t0, _, let durationS):
        stopActive = true
        if t1 >= t0 + durationS {
          let plan = stops[stopIndex]
          phase = .stand(untilS: t0 + durationS + plan.standS)
          currentRecord?.standFromS = t0 + durationS
        }
      case .stand(let untilS):
        stopActive = true
        if t1 >= untilS {
          phase = .go
          currentRecord?.standUntilS = untilS
        }
      case .go:
        goAccel = stops[stopIndex].goAccel
        if v >= 0.95 * profileTarget(at: t) || v >= profileTarget(at: t) - 0.5 {
          phase = .idle
          if let record = currentRecord { stopRecords.append(record) }
          currentRecord = nil
          stopIndex += 1
          goAccel = nil
        }
      }
      switch phase {
      case .approach(let t0, let a0):
        let plan = stops[stopIndex]
        stopAccel = a0 + (-plan.decel - a0) * Profiles.cosineStep((t1 - t0) / plan.rampInS)
      case .rampOut(let t0, let a0, let durationS):
        stopAccel = a0 * (1 - Profiles.cosineStep((t1 - t0) / durationS))
      default:
        stopAccel = 0
      }

      // Pulses at t1; the controller holds (aims for zero) while one is active.
      pulseAccel = 0
      var pulseActive = false
      for (index, pulse) in pulses.enumerated() {
        pulseAccel += pulse.value(at: t1)
        if t1 >= pulse.startS && t1 < pulse.endS { pulseActive = true }
        if t1 >= pulse.endS && !finishedPulses.contains(index) {
          finishedPulses.insert(index)
          if !pulse.resume { heldTarget = (v, nextTargetChange(after: pulse.startS)) }
        }
      }

      if let held = heldTarget, t1 >= held.untilS { heldTarget = nil }
      let target = heldTarget?.speed ?? profileTarget(at: t1)
      var desired = 0.0
      if !(pulseActive || stopActive) {
        let accelLimit = goAccel ?? comfortAccel
        desired = min(max(Self.controllerGain * (target - v), -comfortDecel), accelLimit)
      }
      if stopActive {
        aCtrl = 0
      } else {
        aCtrl += min(max(desired - aCtrl, -Self.jerkLimit * dt), Self.jerkLimit * dt)
      }

      var aTotal1 = aCtrl + pulseAccel + stopAccel
      var v1 = v + (aTotal + aTotal1) / 2 * dt
      var x1 = x + v * dt + (2 * aTotal + aTotal1) * dt * dt / 6
      // A cruise target of 0 (speed_profile): settle to a standstill instead of creeping around zero.
      if target == 0 && !pulseActive && !stopActive && v1 < 0.05 && aTotal1 <= 0.05 {
        v1 = 0
        aTotal1 = 0
        aCtrl = 0
        x1 = x + v * dt / 2
      }
      if case .stand = phase {
        v1 = 0
        aTotal1 = 0
        x1 = x
        standing = true
      } else {
        standing = false
      }
      if v1 < 0 {
        if v1 > -0.02 || stopActive {
          v1 = 0
        } else {
          let culprit = pulses.first { t1 >= $0.startS && t1 < $0.endS && $0.amplitude < 0 }
          throw ScenarioError(
            culprit.map { "events[\($0.scenarioEvent)]" }.map {
              "\($0) at \(format(t1)) s: the car comes to a standstill before the deceleration ends "
                + "(speed reaches 0); lower the deceleration or duration, or use a `stop` event"
            } ?? "the speed becomes negative at \(format(t1)) s; check the events around that time")
        }
      }
      let lateral0 = lateralVelocity(t)
      let lateral1 = lateralVelocity(t1)
      let road0 = (max(v * v - lateral0 * lateral0, 0)).squareRoot()
      let road1 = (max(v1 * v1 - lateral1 * lateral1, 0)).squareRoot()
      // Path length times the mean cosine of the yaw: identical to the distance when driving straight.
      let cos0 = v > 1e-9 ? road0 / v : 1
      let cos1 = v1 > 1e-9 ? road1 / v1 : 1
      s += (x1 - x) * (cos0 + cos1) / 2
      t = t1
      v = v1
      x = x1
      aTotal = aTotal1
    }
    if let record = currentRecord {
      var closed = record
      if closed.standUntilS == .infinity && closed.standFromS != .infinity { closed.standUntilS = t }
      stopRecords.append(closed)
    }
    return out
  }
}

func format(_ value: Double, _ digits: Int = 2) -> String {
  String(format: "%.\(digits)f", value).replacingOccurrences(of: #"\.?0+$"#, with: "", options: .regularExpression)
}
