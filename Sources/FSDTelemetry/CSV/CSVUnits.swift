/// The quantities CSV columns carry, and the units fsdlog converts from (docs/formats.md: 1 mph =
/// 0.44704 m/s, 1 km/h = 1/3.6 m/s, 1 g = 9.80665 m/s²).
enum CSVQuantity: Sendable {
  case speed, acceleration, angle, coordinate, fraction, pressure, duration

  var name: String {
    switch self {
    case .speed: "speed"
    case .acceleration: "acceleration"
    case .angle: "angle"
    case .coordinate: "coordinate"
    case .fraction: "pedal position"
    case .pressure: "pressure"
    case .duration: "time"
    }
  }

  /// The SI (or fsdlog) unit values are converted to.
  var targetUnit: String {
    switch self {
    case .speed: "m/s"
    case .acceleration: "m/s²"
    case .angle, .coordinate: "degrees"
    case .fraction: "0…1"
    case .pressure: "bar"
    case .duration: "seconds"
    }
  }

  /// Units fsdlog knows for this quantity, for error messages.
  var knownUnits: String {
    switch self {
    case .speed: "m/s (mps), km/h (kmh, kph), mph, knots"
    case .acceleration: "m/s² (mps2, m/s^2), g"
    case .angle: "deg, rad"
    case .coordinate: "deg, decimal"
    case .fraction: "% (pct), 0-1"
    case .pressure: "bar, kPa, psi"
    case .duration: "s, ms, us, ns"
    }
  }

  /// The factor from `unitText` to `targetUnit`, or nil when the unit is not one fsdlog knows.
  func scale(fromUnit unitText: String) -> Double? {
    // ASCII lower-cased, spaces dropped; `°`, `²` and `µ` kept as they are.
    let unit = String(
      decoding: unitText.utf8.compactMap { byte -> UInt8? in
        byte == 0x20 ? nil : (0x41...0x5A).contains(byte) ? byte | 0x20 : byte
      }, as: UTF8.self)
    switch self {
    case .speed:
      switch unit {
      case "m/s", "mps", "ms", "m/sec", "ms-1", "m·s⁻¹": return 1
      case "km/h", "kmh", "kph", "km/hr", "kmph", "kmhr": return 1 / 3.6
      case "mph", "mi/h", "mi/hr", "milesperhour": return 0.44704
      case "kn", "kt", "kts", "knot", "knots": return 1852.0 / 3600
      default: return nil
      }
    case .acceleration:
      switch unit {
      case "m/s^2", "m/s2", "m/s²", "mps2", "ms2", "m/sec^2", "m/sec2", "ms^2", "m·s⁻²": return 1
      case "g", "gs", "g's", "gforce": return 9.80665
      default: return nil
      }
    case .angle:
      switch unit {
      case "deg", "degs", "degree", "degrees", "°": return 1
      case "rad", "rads", "radian", "radians": return 180 / Double.pi
      default: return nil
      }
    case .coordinate:
      switch unit {
      case "deg", "degree", "degrees", "°", "decimal", "decimaldegrees", "dd": return 1
      default: return nil
      }
    case .fraction:
      switch unit {
      case "%", "pct", "percent": return 0.01
      case "0-1", "0..1", "0…1", "fraction", "ratio": return 1
      default: return nil
      }
    case .pressure:
      switch unit {
      case "bar": return 1
      case "kpa": return 0.01
      case "mpa": return 10
      case "pa": return 1e-5
      case "psi": return 0.0689475729
      default: return nil
      }
    case .duration:
      switch unit {
      case "s", "sec", "secs", "second", "seconds": return 1
      case "ms", "msec", "millisecond", "milliseconds": return 1e-3
      case "us", "µs", "μs", "microseconds": return 1e-6
      case "ns", "nanoseconds": return 1e-9
      default: return nil
      }
    }
  }
}
