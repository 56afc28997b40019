import FSDDomain
import Foundation

/// Two phantom rates compared — a period's against a baseline's (this month against the three
/// before it, this FSD version against the previous one) — as their ratio with an exact 95 %
/// interval, and what that says in words (docs/statistics.md, "Is FSD getting better?").
///
/// The interval is the exact conditional one: given the n = k₁ + k₀ phantom events of both
/// periods, the current period's share k₁ is binomial with p = R·E₁ / (R·E₁ + E₀), where R is the
/// rate ratio and E₁, E₀ the exposures (FSD distance). A Clopper–Pearson interval for p, mapped
/// through R = p / (1 − p) · E₀ / E₁, is an interval for R that holds at any count, including 0
/// (where a normal approximation on log R has no variance to offer).
public struct RateComparison: Sendable, Equatable {
  public enum Verdict: String, Sendable, Codable {
    /// The whole interval is below 1.
    case fewer
    /// The whole interval is above 1.
    case more
    /// The interval holds 1: the data cannot tell yet.
    case noClearChange = "no_clear_change"
  }

  public let currentCount: Int
  public let currentExposure: Double
  public let baselineCount: Int
  public let baselineExposure: Double
  /// (k₁/E₁) / (k₀/E₀); nil when the baseline had no phantom event (the ratio is unbounded).
  public let ratio: Double?
  public let lower: Double
  /// `.infinity` when the baseline had no phantom event.
  public let upper: Double
  public let verdict: Verdict
  /// With no clear change: roughly how much more exposure (both periods' together, at their
  /// present mix) would show a true halving of the rate, at the baseline's rate; 0 when the data
  /// already would have shown one; nil when the baseline has no rate to halve.
  public let moreExposureToShowHalving: Double?

  /// nil when there is nothing to compare: no phantom event in either period, or an exposure of 0.
  public init?(currentCount: Int, currentExposure: Double, baselineCount: Int, baselineExposure: Double,
               confidence: Double = 0.95) {
    guard currentExposure > 0, baselineExposure > 0, currentCount >= 0, baselineCount >= 0,
          currentCount + baselineCount > 0 else { return nil }
    self.currentCount = currentCount
    self.currentExposure = currentExposure
    self.baselineCount = baselineCount
    self.baselineExposure = baselineExposure
    let n = currentCount + baselineCount, k = currentCount
    let alpha = 1 - confidence
    let exposureRatio = baselineExposure / currentExposure
    func ratio(share p: Double) -> Double { p >= 1 ? .infinity : p / (1 - p) * exposureRatio }
    let shareLower = k == 0 ? 0 : Self.binomialShare(successes: k, trials: n, upperTail: alpha / 2)
    let shareUpper = k == n ? 1 : Self.binomialShare(successes: k, trials: n, lowerTail: alpha / 2)
    lower = ratio(share: shareLower)
    upper = ratio(share: shareUpper)
    self.ratio = baselineCount == 0 ? nil : (Double(currentCount) / currentExposure) / (Double(baselineCount) / baselineExposure)
    verdict = upper < 1 ? .fewer : lower > 1 ? .more : .noClearChange
    if verdict == .noClearChange && baselineCount > 0 {
      // Halving at the baseline's rate: expected counts f·λ₀E₀ and f·λ₀E₁/2 for exposures scaled by
      // f. The log ratio's standard error √(1/k₁ + 1/k₀) must fall to ln 2 / z.
      let baselineRate = Double(baselineCount) / baselineExposure
      let z = WilsonInterval.z95, reach = log(2) / z
      let scale = (2 / (baselineRate * currentExposure) + 1 / (baselineRate * baselineExposure)) / (reach * reach)
      moreExposureToShowHalving = max(0, scale - 1) * (currentExposure + baselineExposure)
    } else {
      moreExposureToShowHalving = nil
    }
  }

  /// The p at which P(X ≥ k) = tail (Clopper–Pearson lower bound) for X ~ Binomial(n, p).
  static func binomialShare(successes k: Int, trials n: Int, upperTail tail: Double) -> Double {
    bisect { p in 1 - binomialCDF(k - 1, n, p) < tail }
  }

  /// The p at which P(X ≤ k) = tail (Clopper–Pearson upper bound).
  static func binomialShare(successes k: Int, trials n: Int, lowerTail tail: Double) -> Double {
    bisect { p in binomialCDF(k, n, p) > tail }
  }

  /// The boundary in [0, 1] where `below(p)` stops holding (it holds for small p only).
  private static func bisect(_ below: (Double) -> Bool) -> Double {
    var low = 0.0, high = 1.0
    for _ in 0..<60 {
      let middle = (low + high) / 2
      if below(middle) { low = middle } else { high = middle }
    }
    return (low + high) / 2
  }

  /// P(X ≤ k) for X ~ Binomial(n, p), summed in log space so n in the thousands stays exact.
  static func binomialCDF(_ k: Int, _ n: Int, _ p: Double) -> Double {
    guard k >= 0 else { return 0 }
    guard k < n else { return 1 }
    if p <= 0 { return 1 }
    if p >= 1 { return 0 }
    let logP = log(p), logQ = log1p(-p)
    var total = 0.0
    for i in 0...k {
      let logTerm = lgamma(Double(n + 1)) - lgamma(Double(i + 1)) - lgamma(Double(n - i + 1))
        + Double(i) * logP + Double(n - i) * logQ
      total += exp(logTerm)
    }
    return min(1, total)
  }
}
