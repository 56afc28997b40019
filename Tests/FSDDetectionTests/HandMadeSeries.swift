import FSDDomain
import FSDTelemetry

let standardGravity = 9.80665

/// Hand-made telemetry in the vehicle frame: a fixed rate, accelerations as functions of time, and
/// the speed integrated from the longitudinal acceleration so the speed-drop rule sees the same
/// slowdown the accelerometer does.
struct HandMadeSeries {
  var hz = 40.0
  var durationS = 20.0
  var startSpeedMPS = 25.0
  /// Deceleration in g (+ braking) at time t.
  var decelG: (Double) -> Double = { _ in 0 }
  /// Lateral acceleration in g (+ left); nil leaves the field out.
  var latG: ((Double) -> Double)?
  var steeringDeg: ((Double) -> Double)?
  var brake: (Double) -> Bool = { _ in false }
  var accelerator: (Double) -> Double = { _ in 0 }
  var autopilot: (Double) -> AutopilotMode? = { _ in .selfDriving }
  /// Leave the accelerometer out (speed-only sources).
  var withAcceleration = true

  var times: [Double] { (0..<Int((durationS * hz).rounded())).map { Double($0) / hz } }

  func samples() -> [TelemetrySample] {
    var speed = startSpeedMPS
    var previous: Double?
    var out: [TelemetrySample] = []
    for t in times {
      if let previous {
        // Trapezoid integration of the acceleration between the two samples; a car cannot reverse.
        let a0 = -decelG(previous) * standardGravity
        let a1 = -decelG(t) * standardGravity
        speed = max(0, speed + (a0 + a1) / 2 * (t - previous))
      }
      previous = t
      var s = TelemetrySample(timeS: t)
      s.speedMPS = speed
      if withAcceleration { s.accelLongMPS2 = -decelG(t) * standardGravity }
      if withAcceleration, let latG { s.accelLatMPS2 = latG(t) * standardGravity }
      s.steeringDeg = steeringDeg?(t)
      s.brakePedal = brake(t)
      s.acceleratorPedal = accelerator(t)
      s.autopilot = autopilot(t)
      s.latitudeDeg = 37.39 + t * 1e-5
      s.longitudeDeg = -122.15
      s.headingDeg = 90
      out.append(s)
    }
    return out
  }
}

/// A linear trapezoid: 0 until `start`, up to `peak` over `ramp`, held `hold`, down over `ramp`.
func trapezoid(_ t: Double, start: Double, ramp: Double, hold: Double, peak: Double) -> Double {
  let u = t - start
  if u <= 0 || u >= 2 * ramp + hold { return 0 }
  if u < ramp { return peak * u / ramp }
  if u <= ramp + hold { return peak }
  return peak * (2 * ramp + hold - u) / ramp
}
