import Foundation

let standardGravity = 9.80665

/// Smooth shapes the kinematics are built from. Everything the car does is a sum of these, so
/// accelerations are continuous and d(speed)/dt matches the reported acceleration.
enum Profiles {
  /// 0 → 1 with zero slope at both ends (raised cosine).
  @inline(__always)
  static func cosineStep(_ u: Double) -> Double {
    if u <= 0 { return 0 }
    if u >= 1 { return 1 }
    return 0.5 - 0.5 * cos(Double.pi * u)
  }

  /// Minimum-jerk step 10u³ − 15u⁴ + 6u⁵ and its first two derivatives (per unit u).
  @inline(__always)
  static func minimumJerk(_ u: Double) -> (s: Double, ds: Double, dds: Double) {
    if u <= 0 { return (0, 0, 0) }
    if u >= 1 { return (1, 0, 0) }
    let u2 = u * u
    let u3 = u2 * u
    return (10 * u3 - 15 * u3 * u + 6 * u3 * u2, 30 * u2 - 60 * u3 + 30 * u2 * u2, 60 * u - 180 * u2 + 120 * u3)
  }

  /// A smooth trapezoid pulse in 0...1: cosine ramp in over `rampIn`, flat, cosine ramp out ending
  /// at `duration`.
  @inline(__always)
  static func pulse(_ t: Double, duration: Double, rampIn: Double, rampOut: Double) -> Double {
    if t <= 0 || t >= duration { return 0 }
    if t < rampIn { return cosineStep(t / rampIn) }
    if t > duration - rampOut { return 1 - cosineStep((t - (duration - rampOut)) / rampOut) }
    return 1
  }

  /// Piecewise smooth interpolation through (time, value) keys, cosine-eased between keys.
  static func keyed(_ keys: [(t: Double, v: Double)], at t: Double) -> Double {
    guard let first = keys.first, let last = keys.last else { return 0 }
    if t <= first.t { return first.v }
    if t >= last.t { return last.v }
    var i = 1
    while keys[i].t < t { i += 1 }
    let a = keys[i - 1]
    let b = keys[i]
    return a.v + (b.v - a.v) * cosineStep((t - a.t) / max(b.t - a.t, 1e-9))
  }
}
