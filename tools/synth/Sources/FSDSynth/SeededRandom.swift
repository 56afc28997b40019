import Foundation

/// SplitMix64: tiny, fast, and the same sequence on every platform, so a seed reproduces a drive.
public struct SeededRandom: RandomNumberGenerator, Sendable {
  private var state: UInt64

  public init(seed: UInt64) { state = seed }

  public mutating func next() -> UInt64 {
    state &+= 0x9E37_79B9_7F4A_7C15
    return Self.mix(state)
  }

  /// A uniform double in [0, 1).
  public mutating func unit() -> Double { Double(next() >> 11) * 0x1.0p-53 }

  mutating func uniform(_ range: ClosedRange<Double>) -> Double {
    range.lowerBound + (range.upperBound - range.lowerBound) * unit()
  }

  /// A standard normal sample (Box–Muller).
  public mutating func gaussian() -> Double {
    let a = max(unit(), 1e-300)
    let b = unit()
    return (-2 * log(a)).squareRoot() * cos(2 * Double.pi * b)
  }

  /// The SplitMix64 finaliser: a good 64-bit hash.
  static func mix(_ value: UInt64) -> UInt64 {
    var z = value
    z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
    z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
    return z ^ (z >> 31)
  }

  /// A deterministic hash of several values: world objects are placed by hashing (seed, kind, cell),
  /// so any stretch of road can be generated on demand, identically for every camera.
  static func hash(_ values: UInt64...) -> UInt64 {
    var h: UInt64 = 0x51_7CC1_B727_220A
    for value in values { h = mix(h ^ mix(value &+ 0x9E37_79B9_7F4A_7C15)) }
    return h
  }

  /// A uniform double in [0, 1) from a hash.
  static func unit(_ hash: UInt64) -> Double { Double(hash >> 11) * 0x1.0p-53 }
}
