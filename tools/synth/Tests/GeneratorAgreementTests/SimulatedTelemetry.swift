import FSDDomain
import FSDSynth
import FSDTelemetry
import Foundation

/// What the car would write per frame (the SEI record), from the simulator's truth.
enum SimulatedTelemetry {
  static func samples(_ simulation: DriveSimulation) -> [TelemetrySample] {
    simulation.states.map { f in
      var s = TelemetrySample(timeS: Double(f.frameIndex) / simulation.fps)
      s.speedMPS = f.speedMPS
      s.accelXMPS2 = f.imuX
      s.accelYMPS2 = f.imuY
      s.accelZMPS2 = f.imuZ
      s.brakePedal = f.brakeApplied
      s.acceleratorPedal = f.acceleratorPedal
      s.steeringDeg = f.steeringWheelDeg
      s.autopilot = mode(f.autopilot)
      s.latitudeDeg = f.latitudeDeg
      s.longitudeDeg = f.longitudeDeg
      s.headingDeg = f.headingDeg
      return s
    }
  }

  /// What fsdlog-synth's canonical CSV carries (tools/synth TelemetryCSVWriter): every other
  /// frame (18 Hz), accelerations already in the vehicle frame, Gaussian noise of `noise` on the
  /// speed (m/s) and twice that on the accelerations (m/s²), values rounded as written.
  static func canonicalCSV(_ simulation: DriveSimulation, noise: Double, seed: UInt64) -> [TelemetrySample] {
    var rng = TestRandom(seed: seed)
    func rounded(_ value: Double, _ decimals: Double) -> Double {
      let scale = pow(10, decimals)
      return (value * scale).rounded() / scale
    }
    return stride(from: 0, to: simulation.frameCount, by: 2).map { frame in
      let f = simulation.state(frame: frame)
      var s = TelemetrySample(timeS: Double(f.frameIndex) / simulation.fps)
      s.speedMPS = rounded(max(0, f.speedMPS + rng.gaussian() * noise), 3)
      s.accelLongMPS2 = rounded(f.accelLongMPS2 + rng.gaussian() * 2 * noise, 3)
      s.accelLatMPS2 = rounded(f.accelLatMPS2 + rng.gaussian() * 2 * noise, 3)
      s.brakePedal = f.brakeApplied
      s.acceleratorPedal = rounded(f.acceleratorPedal, 3)
      s.steeringDeg = rounded(f.steeringWheelDeg, 1)
      s.autopilot = mode(f.autopilot)
      s.latitudeDeg = rounded(f.latitudeDeg, 7)
      s.longitudeDeg = rounded(f.longitudeDeg, 7)
      s.headingDeg = rounded(f.headingDeg, 2)
      return s
    }
  }

  /// The SEI enum value (docs/formats.md section 4, field 10) as the telemetry model names it.
  static func mode(_ state: AutopilotState) -> AutopilotMode {
    switch state.rawValue {
    case 1: .selfDriving
    case 2: .autosteer
    case 3: .tacc
    default: .none
    }
  }
}

/// The generator's SplitMix64, so the scenario set is the same on every machine.
typealias TestRandom = SeededRandom

extension SeededRandom {
  mutating func uniform(_ range: ClosedRange<Double>) -> Double {
    range.lowerBound + (range.upperBound - range.lowerBound) * unit()
  }

  mutating func chance(_ p: Double) -> Bool { unit() < p }

  mutating func pick<T>(_ items: [T]) -> T { items[Int(next() % UInt64(items.count))] }

  /// Uniform in −1...1.
  mutating func symmetric() -> Double { Double(next() >> 11) / Double(1 << 52) - 1 }
}
