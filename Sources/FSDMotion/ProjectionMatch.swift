/// 1-D matching of two projection profiles over a range of shifts: the global image shift
/// between two frames along one axis.
///
/// `costs` is the kernel (`simd` / `scalar` twins): for every shift s in −maxShift...maxShift, the
/// mean squared difference between `reference[i]` and `current[i + s]` over their overlap. A
/// positive best shift means the picture content moved toward higher indices (down or right).
/// `best` picks the minimum and refines it to a fraction of a pixel with a parabola through its
/// neighbours (squared differences make the cost curve parabolic near the minimum).
public enum ProjectionMatch {
  public typealias Function = (UnsafePointer<Float>, UnsafePointer<Float>, Int, Int, UnsafeMutablePointer<Float>) -> Void

  public struct Shift: Sendable, Equatable {
    /// In profile samples (pixels of the plane the profile came from).
    public var samples: Double
    /// 0 (no usable minimum: flat profiles, or the best shift at the edge of the range) to 1.
    public var confidence: Double
  }

  /// Fewer overlapping samples than this and a cost says nothing.
  static let minimumOverlap = 8

  public static func costsScalar(reference: UnsafePointer<Float>, current: UnsafePointer<Float>, count: Int,
                                 maxShift: Int, into costs: UnsafeMutablePointer<Float>) {
    for index in 0...(2 * maxShift) {
      let shift = index - maxShift
      let first = max(0, -shift), end = min(count, count - shift)
      guard end - first >= minimumOverlap else { costs[index] = .infinity; continue }
      var total: Float = 0
      for i in first..<end {
        let d = reference[i] - current[i + shift]
        total += d * d
      }
      costs[index] = total / Float(end - first)
    }
  }

  /// 16 samples per step in `SIMD16<Float>` lanes, one horizontal sum per shift.
  public static func costsSIMD(reference: UnsafePointer<Float>, current: UnsafePointer<Float>, count: Int,
                               maxShift: Int, into costs: UnsafeMutablePointer<Float>) {
    let referenceBytes = UnsafeRawPointer(reference), currentBytes = UnsafeRawPointer(current)
    for index in 0...(2 * maxShift) {
      let shift = index &- maxShift
      let first = max(0, -shift), end = min(count, count &- shift)
      guard end &- first >= minimumOverlap else { costs[index] = .infinity; continue }
      var lanes = SIMD16<Float>(repeating: 0)
      var i = first
      while i &+ 16 <= end {
        let r = referenceBytes.loadUnaligned(fromByteOffset: i &* 4, as: SIMD16<Float>.self)
        let c = currentBytes.loadUnaligned(fromByteOffset: (i &+ shift) &* 4, as: SIMD16<Float>.self)
        let d = r - c
        lanes += d * d
        i &+= 16
      }
      var total = lanes.sum()
      while i < end {
        let d = reference[i] - current[i &+ shift]
        total += d * d
        i &+= 1
      }
      costs[index] = total / Float(end &- first)
    }
  }

  /// The best shift in a cost curve from `costs`, refined below a sample.
  public static func best(costs: UnsafePointer<Float>, maxShift: Int) -> Shift {
    let count = 2 * maxShift + 1
    var bestIndex = 0
    for index in 1..<count where costs[index] < costs[bestIndex] { bestIndex = index }
    let minimum = costs[bestIndex]
    guard minimum.isFinite else { return Shift(samples: 0, confidence: 0) }
    // Confidence: how far the minimum sits below the typical cost. Unrelated profiles of unit
    // energy cost about 2; a true match close to 0.
    var finite: [Float] = []
    finite.reserveCapacity(count)
    for index in 0..<count where costs[index].isFinite { finite.append(costs[index]) }
    finite.sort()
    let median = finite[finite.count / 2]
    var confidence = median > 0 ? Double(1 - minimum / median) : 0
    var samples = Double(bestIndex - maxShift)
    if bestIndex > 0, bestIndex < count - 1, costs[bestIndex - 1].isFinite, costs[bestIndex + 1].isFinite {
      let left = Double(costs[bestIndex - 1]), right = Double(costs[bestIndex + 1]), center = Double(minimum)
      let curvature = left - 2 * center + right
      if curvature > 0 { samples += max(-0.5, min(0.5, (left - right) / (2 * curvature))) }
    } else {
      confidence *= 0.25  // the true shift may lie outside the range searched
    }
    return Shift(samples: samples, confidence: max(0, min(1, confidence)))
  }

  /// Turns integer sums into a profile the matcher can compare across lighting: the first
  /// difference (a brightness offset vanishes), divided by its RMS (a brightness gain vanishes).
  /// Returns the RMS before scaling (0: a flat, textureless region). `profile` gets `count − 1`
  /// samples.
  @discardableResult
  public static func normalizedGradient(_ sums: UnsafePointer<UInt32>, count: Int, pixelsPerSum: Int,
                                        into profile: UnsafeMutablePointer<Float>) -> Float {
    guard count > 1 else { return 0 }
    let scale = 1 / Float(max(1, pixelsPerSum))
    var energy: Float = 0
    for i in 0..<(count - 1) {
      let d = (Float(sums[i + 1]) - Float(sums[i])) * scale
      profile[i] = d
      energy += d * d
    }
    let rms = (energy / Float(count - 1)).squareRoot()
    let inverse: Float = rms > 1e-3 ? 1 / rms : 0
    for i in 0..<(count - 1) { profile[i] *= inverse }
    return rms
  }

  /// `normalizedGradient` for profiles that are already floating point (resampled ones).
  @discardableResult
  public static func normalizedGradient(values: UnsafePointer<Float>, count: Int,
                                        into profile: UnsafeMutablePointer<Float>) -> Float {
    guard count > 1 else { return 0 }
    var energy: Float = 0
    for i in 0..<(count - 1) {
      let d = values[i + 1] - values[i]
      profile[i] = d
      energy += d * d
    }
    let rms = (energy / Float(count - 1)).squareRoot()
    let inverse: Float = rms > 1e-3 ? 1 / rms : 0
    for i in 0..<(count - 1) { profile[i] *= inverse }
    return rms
  }
}
