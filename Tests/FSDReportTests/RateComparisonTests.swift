import XCTest

@testable import FSDReport

/// The rate ratio and its exact conditional interval, against values worked out independently
/// (Clopper–Pearson by bisection on the exact binomial sums, in Python with integer binomial
/// coefficients), and the sentences built on them.
final class RateComparisonTests: XCTestCase {
  func testAClearFall() throws {
    // 2 phantom events in 1,000 km against 20 in 2,000 km: p for 2 of 22 is 0.011206–0.291613,
    // R = p / (1 − p) · 2,000 / 1,000.
    let comparison = try XCTUnwrap(RateComparison(currentCount: 2, currentExposure: 1000, baselineCount: 20,
                                                  baselineExposure: 2000))
    XCTAssertEqual(comparison.ratio ?? -1, 0.2, accuracy: 1e-12)
    XCTAssertEqual(comparison.lower, 0.022665, accuracy: 1e-5)
    XCTAssertEqual(comparison.upper, 0.823314, accuracy: 1e-5)
    XCTAssertEqual(comparison.verdict, .fewer)
    XCTAssertNil(comparison.moreExposureToShowHalving)
  }

  func testAClearRise() throws {
    let comparison = try XCTUnwrap(RateComparison(currentCount: 12, currentExposure: 1000, baselineCount: 2,
                                                  baselineExposure: 2000))
    XCTAssertEqual(comparison.ratio ?? -1, 12, accuracy: 1e-12)
    XCTAssertEqual(comparison.lower, 2.67149, accuracy: 1e-4)
    XCTAssertEqual(comparison.upper, 110.394, accuracy: 1e-2)
    XCTAssertEqual(comparison.verdict, .more)
  }

  func testTooLittleData() throws {
    // 1 in 400 km against 1 in 500 km: 1.25× with an interval from 0.016 to 98.
    let comparison = try XCTUnwrap(RateComparison(currentCount: 1, currentExposure: 400, baselineCount: 1,
                                                  baselineExposure: 500))
    XCTAssertEqual(comparison.ratio ?? -1, 1.25, accuracy: 1e-12)
    XCTAssertEqual(comparison.lower, 0.0159242, accuracy: 1e-6)
    XCTAssertEqual(comparison.upper, 98.1210, accuracy: 1e-3)
    XCTAssertEqual(comparison.verdict, .noClearChange)
    // At the baseline's 2 per 1,000 km, a halving needs the log ratio's standard error under
    // ln 2 / 1.96: exposures scaled by (2 / 0.8 + 1 / 1) / 0.12507 = 27.98, so 26.98 × 900 km more.
    XCTAssertEqual(comparison.moreExposureToShowHalving ?? -1, 24285.8, accuracy: 0.5)
  }

  func testZeroCountsOnEitherSide() throws {
    let none = try XCTUnwrap(RateComparison(currentCount: 0, currentExposure: 300, baselineCount: 3, baselineExposure: 900))
    XCTAssertEqual(none.ratio, 0)
    XCTAssertEqual(none.lower, 0)
    XCTAssertEqual(none.upper, 7.25986, accuracy: 1e-4)
    XCTAssertEqual(none.verdict, .noClearChange)
    let fresh = try XCTUnwrap(RateComparison(currentCount: 3, currentExposure: 300, baselineCount: 0, baselineExposure: 900))
    XCTAssertNil(fresh.ratio)
    XCTAssertEqual(fresh.lower, 1.23969, accuracy: 1e-4)
    XCTAssertEqual(fresh.upper, .infinity)
    XCTAssertEqual(fresh.verdict, .more, "3 in 300 km after none in 900 km is a clear rise")
    XCTAssertNil(RateComparison(currentCount: 0, currentExposure: 300, baselineCount: 0, baselineExposure: 900))
    XCTAssertNil(RateComparison(currentCount: 2, currentExposure: 0, baselineCount: 1, baselineExposure: 900))
  }

  func testBinomialSumsAgreeWithTheirDefinition() {
    // P(X ≤ 2) for Binomial(5, 0.3) = 0.16807 + 0.36015 + 0.3087 = 0.83692.
    XCTAssertEqual(RateComparison.binomialCDF(2, 5, 0.3), 0.83692, accuracy: 1e-9)
    XCTAssertEqual(RateComparison.binomialCDF(5, 5, 0.3), 1)
    XCTAssertEqual(RateComparison.binomialCDF(-1, 5, 0.3), 0)
  }

  func period(_ name: String, phantom: Int, fsdKm: Double) -> MonthlyReport.Period {
    var totals = PeriodTotals()
    totals.drives = 1
    totals.drivesWithTelemetry = 1
    totals.fsdDistanceM = fsdKm * 1000
    totals.phantom = phantom
    totals.phantomOnMeasuredDrives = phantom
    return MonthlyReport.Period(name: name, sinceLocal: nil, figures: TrustFigures(totals: totals, units: .metric))
  }

  func testSentencesSayTheAnswerWithItsInterval() {
    let months = [period("2026-07", phantom: 9, fsdKm: 500), period("2026-08", phantom: 7, fsdKm: 700),
                  period("2026-09", phantom: 6, fsdKm: 600), period("2026-10", phantom: 7, fsdKm: 700),
                  period("2026-11", phantom: 2, fsdKm: 1000)]
    let answer = TrustAnswer.make(months: months, currentMonth: "2026-11",
                                  versions: [period("13.2.1", phantom: 1, fsdKm: 500), period("13.2.9", phantom: 1, fsdKm: 400)],
                                  units: .metric)
    XCTAssertEqual(answer.lines.map(\.sentence), [
      "November 2026 against August–October 2026: fewer phantom events, 0.20× the rate (95 %: 0.023–0.82); "
        + "phantom events 2 in 1,000 km against 20 in 2,000 km.",
      "FSD 13.2.9 against 13.2.1: no clear change yet, 1.2× the rate (95 %: 0.016–98); phantom events 1 in 400 km "
        + "against 1 in 500 km; about 24,000 more FSD km would show a halving.",
    ])
    let early = TrustAnswer.make(months: [period("2026-10", phantom: 0, fsdKm: 0), period("2026-11", phantom: 1, fsdKm: 80)],
                                 currentMonth: "2026-11", versions: [], units: .metric)
    XCTAssertEqual(early.lines.map(\.sentence),
                   ["November 2026 against October 2026: nothing to compare yet (no FSD distance in the earlier period)."])
    XCTAssertTrue(TrustAnswer.make(months: [period("2026-11", phantom: 1, fsdKm: 80)], currentMonth: "2026-11",
                                   versions: [], units: .metric).lines.isEmpty, "a first month has nothing before it")
  }
}
