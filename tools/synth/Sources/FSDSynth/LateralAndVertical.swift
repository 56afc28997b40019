import Foundation

/// A lateral excursion made of minimum-jerk legs: out by `offsetM`, hold, and (optionally) back.
struct LateralMove: Sendable {
  var startS: Double
  var offsetM: Double
  var legS: Double
  var holdS: Double
  var returns: Bool

  var endS: Double { startS + (returns ? 2 * legS + holdS : legS) }

  /// Offset, lateral velocity and lateral acceleration in the road frame.
  func evaluate(at t: Double) -> (y: Double, dy: Double, ddy: Double) {
    let tau = t - startS
    if tau <= 0 { return (0, 0, 0) }
    if tau < legS {
      let m = Profiles.minimumJerk(tau / legS)
      return (offsetM * m.s, offsetM * m.ds / legS, offsetM * m.dds / (legS * legS))
    }
    if !returns || tau < legS + holdS { return (offsetM, 0, 0) }
    let m = Profiles.minimumJerk((tau - legS - holdS) / legS)
    return (offsetM * (1 - m.s), -offsetM * m.ds / legS, -offsetM * m.dds / (legS * legS))
  }
}

/// A decaying pitch and heave oscillation after a bump.
struct BumpMotion: Sendable {
  var startS: Double
  var pitchDeg: Double
  var heaveM: Double
  var omega: Double
  var decayS: Double

  /// e^{-τ/d} sin(ωτ) and its second derivative.
  private func shape(_ t: Double) -> (g: Double, ddg: Double) {
    let tau = t - startS
    guard tau > 0, tau < 12 * decayS else { return (0, 0) }
    let e = exp(-tau / decayS)
    let sn = sin(omega * tau)
    let cs = cos(omega * tau)
    let k = 1 / decayS
    return (e * sn, e * ((k * k - omega * omega) * sn - 2 * omega * k * cs))
  }

  func evaluate(at t: Double) -> (pitchDeg: Double, heaveM: Double, accelVert: Double) {
    let s = shape(t)
    return (pitchDeg * s.g, heaveM * s.g, heaveM * s.ddg)
  }
}

/// A scene brightness excursion (tunnel, cloud): a factor that eases to `brightness` and back.
struct BrightnessExcursion: Sendable {
  var startS: Double
  var holdS: Double
  var brightness: Double
  var transitionS: Double

  var endS: Double { startS + 2 * transitionS + holdS }

  func factor(at t: Double) -> Double {
    let depth = Profiles.pulse(t - startS, duration: 2 * transitionS + holdS, rampIn: transitionS, rampOut: transitionS)
    return 1 + (brightness - 1) * depth
  }
}

/// The path of another car relative to the ego car, as eased key points.
struct ObstacleTrack: Sendable {
  var gapKeys: [(t: Double, v: Double)]
  var lateralKeys: [(t: Double, v: Double)]
  var visibleFromS: Double
  var visibleUntilS: Double
  var brakeFromS: Double
  var brakeUntilS: Double
  var paint: Int

  /// Front of the ego car relative to its camera reference point (the windshield).
  static let egoFrontOffsetM = 1.9

  func vehicle(at t: Double, egoRoadM: Double) -> VehicleState? {
    guard t >= visibleFromS, t <= visibleUntilS else { return nil }
    let gap = Profiles.keyed(gapKeys, at: t)
    return VehicleState(
      roadM: egoRoadM + Self.egoFrontOffsetM + gap, lateralM: Profiles.keyed(lateralKeys, at: t),
      brakeLights: t >= brakeFromS && t <= brakeUntilS, paint: paint)
  }

  /// A car ahead in the ego lane that closes in from far away, is at `gapM` when the event starts,
  /// closes further while the ego car brakes, then pulls away.
  static func leadVehicle(eventS: Double, durationS: Double, gapM: Double, lateralM: Double, paint: Int)
    -> ObstacleTrack
  {
    ObstacleTrack(
      gapKeys: [
        (eventS - 10, 170), (eventS, gapM), (eventS + durationS, 0.65 * gapM), (eventS + durationS + 2, 0.65 * gapM),
        (eventS + durationS + 14, 170),
      ],
      lateralKeys: [(eventS, lateralM)],
      visibleFromS: eventS - 10, visibleUntilS: eventS + durationS + 14,
      brakeFromS: eventS - 1.0, brakeUntilS: eventS + durationS, paint: paint)
  }

  /// A car from the adjacent lane that overtakes and moves into the ego lane just before the event.
  static func cutIn(
    eventS: Double, durationS: Double, gapM: Double, fromLateralM: Double, toLateralM: Double,
    paint: Int
  ) -> ObstacleTrack {
    ObstacleTrack(
      gapKeys: [
        (eventS - 7, -9), (eventS - 1.5, 0.9 * gapM), (eventS, gapM), (eventS + durationS + 1, 0.8 * gapM),
        (eventS + durationS + 15, 170),
      ],
      lateralKeys: [(eventS - 1.8, fromLateralM), (eventS + 0.8, toLateralM)],
      visibleFromS: eventS - 7, visibleUntilS: eventS + durationS + 15,
      brakeFromS: eventS - 0.2, brakeUntilS: eventS + 0.9, paint: paint)
  }
}
