import Foundation
import XCTest

@testable import FSDReport

/// The trend chart over long histories: month labels that never collide (12 to 36 months), the
/// report month always labelled, thin months hollow, the rolling three-month line and the FSD
/// version markers.
final class TrendChartTests: XCTestCase {
  func points(_ count: Int) -> [TrendChart.Point] {
    (0..<count).map { (index: Int) -> TrendChart.Point in
      let level = Double(index % 4)
      let value: Double? = index % 5 == 3 ? nil : level + 1
      return TrendChart.Point(label: "M\(index)", value: value, lower: 0.5, upper: level + 2, isCurrent: index == count - 1,
                              detail: "month \(index)", missingText: "no FSD", isThin: index % 2 == 0)
    }
  }

  func monthLabels(_ chart: ChartView) -> [(x: Double, text: String, current: Bool)] {
    chart.texts.filter { $0.cls.hasPrefix("tick") && $0.text.hasPrefix("M") }
      .map { (Double($0.x)!, $0.text, $0.cls.contains("current")) }
  }

  func testMonthLabelsNeverCollideFrom12To36Months() throws {
    for count in [1, 6, 12, 13, 24, 36] {
      let chart = try XCTUnwrap(TrendChart.make(title: "t", yTitle: "y", points: points(count), format: { "\($0)" }))
      let labels = monthLabels(chart)
      XCTAssertEqual(labels.last?.text, "M\(count - 1)", "the report month is labelled (\(count) months)")
      XCTAssertEqual(labels.last?.current, true)
      XCTAssertEqual(labels.filter(\.current).count, 1)
      for (a, b) in zip(labels, labels.dropFirst()) {
        XCTAssertGreaterThanOrEqual(b.x - a.x, TrendChart.labelWidth, "\(count) months: \(a.text) and \(b.text) overlap")
      }
      XCTAssertGreaterThanOrEqual(labels.count, min(count, 6), "\(count) months: enough labels to read the axis")
    }
  }

  func testThinMonthsAreHollowAndTheirTooltipSaysSo() throws {
    let chart = try XCTUnwrap(TrendChart.make(title: "t", yTitle: "y", points: points(6), format: { "\($0)" }))
    let thin = chart.circles.filter { $0.cls.contains("thin") }
    XCTAssertEqual(thin.count, 3, "months 0, 2, 4 are thin (3 has no value)")
    XCTAssertTrue(thin.allSatisfy { $0.title.hasSuffix("(thin data)") })
  }

  func period(_ name: String, phantom: Int, fsdKm: Double, since: String? = nil) -> MonthlyReport.Period {
    var totals = PeriodTotals()
    totals.drives = 1
    totals.drivesWithTelemetry = 1
    totals.fsdDistanceM = fsdKm * 1000
    totals.phantomOnMeasuredDrives = phantom
    return MonthlyReport.Period(name: name, sinceLocal: since, figures: TrustFigures(totals: totals, units: .metric))
  }

  func testRollingRateSumsThreeMonthsOfEventsOverTheirDistance() {
    let history = [period("2026-01", phantom: 2, fsdKm: 1000), period("2026-02", phantom: 0, fsdKm: 0),
                   period("2026-03", phantom: 1, fsdKm: 500), period("2026-04", phantom: 0, fsdKm: 500),
                   period("2026-05", phantom: 0, fsdKm: 0), period("2026-06", phantom: 0, fsdKm: 0),
                   period("2026-07", phantom: 0, fsdKm: 0)]
    let rolling = ReportView.rollingRates(history)
    XCTAssertEqual(rolling[0], 2.0)            // 2 in 1,000 km
    XCTAssertEqual(rolling[1], 2.0)            // still 2 in 1,000 km
    XCTAssertEqual(rolling[2], 2.0)            // 3 in 1,500 km
    XCTAssertEqual(rolling[3], 1.0)            // 1 in 1,000 km (February to April)
    XCTAssertEqual(rolling[5], 0.0)            // 0 in 500 km (April to June)
    XCTAssertNil(rolling[6], "May to July: no FSD distance, no rate")
  }

  func testVersionMarkersSitInTheirMonthByDayAndTheRollingLineIsDrawn() throws {
    let history = (1...12).map { period(String(format: "2026-%02d", $0), phantom: $0 % 3, fsdKm: 400) }
    let versions = [period("unknown version", phantom: 1, fsdKm: 1), period("13.2.1", phantom: 1, fsdKm: 1, since: "2026-03-16"),
                    period("13.2.9", phantom: 1, fsdKm: 1, since: "2026-11-01")]
    let report = MonthlyReport(
      month: YearMonth(year: 2026, month: 12), units: .metric, databaseName: "x.sqlite",
      figures: history[11].figures, history: history, versions: versions,
      answer: TrustAnswer(lines: []), events: [], topEvents: [])
    let markers = ReportView.versionMarkers(report)
    XCTAssertEqual(markers.map(\.label), ["13.2.1", "13.2.9"])
    XCTAssertEqual(markers[0].position, 2 + 15.0 / 31, accuracy: 1e-9, "16 March: half-way through the third month")
    XCTAssertEqual(markers[1].position, 10, accuracy: 1e-9, "1 November: the start of the eleventh")
    let chart = try XCTUnwrap(ReportView.rateChart(report))
    XCTAssertEqual(chart.lines.filter { $0.cls == "marker" }.count, 2)
    XCTAssertEqual(chart.texts.filter { $0.cls == "marker-label" }.map(\.text), ["13.2.1", "13.2.9"])
    XCTAssertEqual(chart.polylines.filter { $0.cls == "rolling" }.count, 1)
    XCTAssertEqual(chart.polylines.first { $0.cls == "rolling" }?.points.split(separator: " ").count, 12)

    if let folder = ProcessInfo.processInfo.environment["FSDLOG_KEEP_REPORT"] {
      try ReportRenderer.html(report).write(toFile: folder + "/year-report.html", atomically: true, encoding: .utf8)
    }
  }
}
