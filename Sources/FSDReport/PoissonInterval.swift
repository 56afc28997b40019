import Foundation

/// A 95 % interval for the expected count behind an observed count of rare events (phantom brakes
/// in some distance), by Byar's approximation to the exact (Garwood) Poisson interval.
///
/// Why: a rate per 1,000 km from 2 events has a wide interval, and the trend chart shows it as a
/// whisker. Byar's formula needs no chi-square quantiles and is within about 1 % of the exact
/// interval from k = 0 up (at k = 0 it gives 3.67 against the exact 3.69).
public struct PoissonInterval: Sendable, Equatable {
  public let count: Int
  public let lowerCount: Double
  public let upperCount: Double

  public init(count: Int, z: Double = WilsonInterval.z95) {
    precondition(count >= 0)
    self.count = count
    let k = Double(count)
    if count == 0 {
      lowerCount = 0
    } else {
      lowerCount = k * pow(1 - 1 / (9 * k) - z / (3 * k.squareRoot()), 3)
    }
    let k1 = k + 1
    upperCount = k1 * pow(1 - 1 / (9 * k1) + z / (3 * k1.squareRoot()), 3)
  }

  /// The interval scaled to a rate: counts per `exposure` units (e.g. per 1,000 km).
  public func rate(per exposure: Double) -> (value: Double, lower: Double, upper: Double)? {
    guard exposure > 0 else { return nil }
    return (Double(count) / exposure, lowerCount / exposure, upperCount / exposure)
  }
}
