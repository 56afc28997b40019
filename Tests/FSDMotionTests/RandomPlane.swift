@testable import FSDMotion

/// A luma plane with optional stride padding, filled from a seeded generator.
struct RandomPlane {
  let width: Int
  let height: Int
  let strideBytes: Int
  var bytes: [UInt8]

  init(width: Int, height: Int, strideExtra: Int, using generator: inout SeededGenerator) {
    self.width = width
    self.height = height
    strideBytes = width + strideExtra
    bytes = (0..<(strideBytes * height)).map { _ in UInt8.random(in: .min ... .max, using: &generator) }
  }

  init(constant: UInt8, width: Int, height: Int) {
    self.width = width
    self.height = height
    strideBytes = width
    bytes = Array(repeating: constant, count: width * height)
  }

  mutating func scribbleOnPadding(value: UInt8) {
    for y in 0..<height {
      for x in width..<strideBytes { bytes[y * strideBytes + x] = value }
    }
  }

  func withView<R>(_ body: (LumaView) -> R) -> R {
    bytes.withUnsafeBufferPointer { buffer in
      body(LumaView(base: buffer.baseAddress!, strideBytes: strideBytes, width: width, height: height))
    }
  }
}

/// SplitMix64: reproducible random input for kernel comparisons.
struct SeededGenerator: RandomNumberGenerator {
  private var state: UInt64
  init(seed: UInt64) { state = seed }
  mutating func next() -> UInt64 {
    state &+= 0x9E37_79B9_7F4A_7C15
    var z = state
    z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
    z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
    return z ^ (z >> 31)
  }
}
