/// A proportion with its Wilson score interval.
///
/// Why Wilson and not p ± z·√(p(1−p)/n): the normal ("Wald") interval collapses to zero width at
/// 0 and n successes and spills outside [0, 1] for small n, exactly the situations a driver's
/// handful of tagged events produces. Wilson stays inside [0, 1] and stays honest at the ends.
public struct WilsonInterval: Sendable, Equatable {
  /// z for a two-sided 95 % interval.
  public static let z95 = 1.959963984540054

  public let successes: Int
  public let trials: Int
  public let lower: Double
  public let upper: Double

  /// nil when `trials` is 0: there is no proportion to state.
  public init?(successes: Int, trials: Int, z: Double = WilsonInterval.z95) {
    guard trials > 0, successes >= 0, successes <= trials else { return nil }
    let n = Double(trials), p = Double(successes) / n, z2 = z * z
    let denominator = 1 + z2 / n
    let centre = (p + z2 / (2 * n)) / denominator
    let halfWidth = z / denominator * (p * (1 - p) / n + z2 / (4 * n * n)).squareRoot()
    self.successes = successes
    self.trials = trials
    // At 0 and n successes the formula gives exactly 0 and 1 up to rounding: pin them.
    lower = successes == 0 ? 0 : max(0, centre - halfWidth)
    upper = successes == trials ? 1 : min(1, centre + halfWidth)
  }

  public var proportion: Double { Double(successes) / Double(trials) }
}
