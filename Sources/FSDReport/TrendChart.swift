/// The trend charts: one value per month with its 95 % interval as a whisker, the report month
/// highlighted, months without a value marked instead of skipped.
enum TrendChart {
  struct Point {
    let label: String
    /// nil: nothing to state this month (e.g. no FSD distance).
    let value: Double?
    let lower: Double
    let upper: Double
    let isCurrent: Bool
    /// Tooltip.
    let detail: String
    /// Shown at the baseline when there is no value.
    let missingText: String
  }

  static let width = 460.0, height = 240.0
  static let left = 64.0, right = 16.0, top = 20.0, bottom = 44.0

  /// - Parameters:
  ///   - fixedHigh: the top of the y axis (1 for shares); nil to fit the intervals.
  ///   - format: tick label text.
  static func make(title: String, yTitle: String, points: [Point], fixedHigh: Double? = nil,
                   format: (Double) -> String) -> ChartView? {
    guard points.contains(where: { $0.value != nil }) else { return nil }
    var chart = ChartView(width: width, height: height, title: title)
    let dataHigh = points.compactMap { $0.value == nil ? nil : max($0.upper, $0.value!) }.max() ?? 1
    let nice = LinearScale.nice(low: 0, high: fixedHigh ?? max(dataHigh, 1e-6), count: 4)
    let y = LinearScale(domainLow: 0, domainHigh: nice.high, rangeLow: height - bottom, rangeHigh: top)
    let plotWidth = width - left - right
    let slot = plotWidth / Double(points.count)
    func x(_ index: Int) -> Double { left + slot * (Double(index) + 0.5) }

    for tick in LinearScale.ticks(low: 0, high: nice.high, step: nice.step) {
      chart.line(left, y(tick), width - right, y(tick), tick == 0 ? "axis" : "grid")
      chart.text(left - 8, y(tick) + 4, format(tick), anchor: "end", "tick")
    }
    chart.line(left, top, left, height - bottom, "axis")
    chart.text(16, (top + height - bottom) / 2, yTitle, anchor: "middle", "axis-title", vertical: true)
    // At most about 12 month labels, so they never overlap.
    let labelEvery = max(1, Int((Double(points.count) / 12).rounded(.up)))
    for (index, point) in points.enumerated() {
      if index % labelEvery == 0 || point.isCurrent {
        chart.text(x(index), height - bottom + 18, point.label, anchor: "middle", point.isCurrent ? "tick current" : "tick")
      }
      guard let value = point.value else {
        chart.text(x(index), height - bottom - 6, point.missingText, anchor: "middle", "missing")
        continue
      }
      chart.line(x(index), y(point.lower), x(index), y(point.upper), "whisker")
      let cap = min(8, slot * 0.25)
      chart.line(x(index) - cap, y(point.lower), x(index) + cap, y(point.lower), "whisker")
      chart.line(x(index) - cap, y(point.upper), x(index) + cap, y(point.upper), "whisker")
      chart.circle(x(index), y(value), r: point.isCurrent ? 5.5 : 4, point.isCurrent ? "point current" : "point",
                   title: point.detail)
    }
    let valued = points.enumerated().compactMap { index, point in point.value.map { (x(index), y($0)) } }
    chart.polyline(valued, "trend")
    return chart
  }
}
