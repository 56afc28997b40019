import FSDReport
import XCTest

/// Wilson and Poisson intervals against values computed by hand from the formulas in
/// docs/statistics.md (and checked against published tables: Wilson 0/10 → [0, 0.2775],
/// 3/10 → [0.1078, 0.6032]; exact Poisson 2 → [0.242, 7.225], which Byar approximates).
final class IntervalTests: XCTestCase {
  func testWilsonAtZeroSuccessesStartsAtZero() throws {
    let interval = try XCTUnwrap(WilsonInterval(successes: 0, trials: 10))
    XCTAssertEqual(interval.proportion, 0)
    XCTAssertEqual(interval.lower, 0)
    XCTAssertEqual(interval.upper, 0.277533, accuracy: 1e-6)
  }

  func testWilsonAtAllSuccessesEndsAtOne() throws {
    let interval = try XCTUnwrap(WilsonInterval(successes: 10, trials: 10))
    XCTAssertEqual(interval.proportion, 1)
    XCTAssertEqual(interval.lower, 0.722467, accuracy: 1e-6)
    XCTAssertEqual(interval.upper, 1)
  }

  func testWilsonInTheMiddle() throws {
    let interval = try XCTUnwrap(WilsonInterval(successes: 3, trials: 10))
    XCTAssertEqual(interval.lower, 0.107791, accuracy: 1e-6)
    XCTAssertEqual(interval.upper, 0.603222, accuracy: 1e-6)
    let seven = try XCTUnwrap(WilsonInterval(successes: 7, trials: 9))
    XCTAssertEqual(seven.lower, 0.452589, accuracy: 1e-6)
    XCTAssertEqual(seven.upper, 0.936775, accuracy: 1e-6)
  }

  func testWilsonOfOneTrialIsWide() throws {
    let interval = try XCTUnwrap(WilsonInterval(successes: 1, trials: 1))
    XCTAssertEqual(interval.lower, 0.206549, accuracy: 1e-6)
    XCTAssertEqual(interval.upper, 1)
  }

  func testWilsonWithoutTrialsIsNothing() {
    XCTAssertNil(WilsonInterval(successes: 0, trials: 0))
    XCTAssertNil(WilsonInterval(successes: 3, trials: 2))
  }

  func testPoissonIntervalAtZeroAndSmallCounts() {
    let zero = PoissonInterval(count: 0)
    XCTAssertEqual(zero.lowerCount, 0)
    XCTAssertEqual(zero.upperCount, 3.668012, accuracy: 1e-5)
    let two = PoissonInterval(count: 2)
    XCTAssertEqual(two.lowerCount, 0.224625, accuracy: 1e-5)
    XCTAssertEqual(two.upperCount, 7.220869, accuracy: 1e-5)
    let ten = PoissonInterval(count: 10)
    XCTAssertEqual(ten.lowerCount, 4.787450, accuracy: 1e-5)
    XCTAssertEqual(ten.upperCount, 18.391459, accuracy: 1e-5)
  }

  func testPoissonRateScalesByExposureAndRefusesNone() throws {
    let rate = try XCTUnwrap(PoissonInterval(count: 2).rate(per: 0.5))
    XCTAssertEqual(rate.value, 4)
    XCTAssertEqual(rate.lower, 0.449250, accuracy: 1e-5)
    XCTAssertEqual(rate.upper, 14.441738, accuracy: 1e-5)
    XCTAssertNil(PoissonInterval(count: 2).rate(per: 0))
  }
}
