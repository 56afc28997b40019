import Foundation

/// The trend charts: one value per month with its 95 % interval as a whisker, the report month
/// highlighted, months without a value marked instead of skipped, thin months drawn hollow; the
/// rate chart adds a rolling three-month line and a marker where each FSD version begins.
enum TrendChart {
  /// A vertical marker: where an FSD version was installed, in month slots from the first point
  /// (2.5 is the middle of the third month).
  struct Marker {
    let position: Double
    let label: String
  }

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
    /// Too little data to read much into (docs/statistics.md, "Thin data"): drawn hollow.
    var isThin = false
  }

  /// Month labels at 11 px take about this much room each, gap included: fewer are drawn when
  /// the slots are narrower, so "Dec 25Jan 26" never happens.
  static let labelWidth = 44.0

  static let width = 460.0, height = 240.0
  static let left = 64.0, right = 16.0, top = 20.0, bottom = 44.0

  /// - Parameters:
  ///   - fixedHigh: the top of the y axis (1 for shares); nil to fit the intervals.
  ///   - format: tick label text.
  ///   - rolling: a second series drawn as a line without points (nil entries break it).
  ///   - markers: vertical lines with their labels (FSD versions).
  static func make(title: String, yTitle: String, points: [Point], fixedHigh: Double? = nil, rolling: [Double?] = [],
                   markers: [Marker] = [], format: (Double) -> String) -> ChartView? {
    guard points.contains(where: { $0.value != nil }) else { return nil }
    var chart = ChartView(width: width, height: height, title: title)
    let dataHigh = (points.compactMap { $0.value == nil ? nil : max($0.upper, $0.value!) } + rolling.compactMap { $0 })
      .max() ?? 1
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
    // Every n-th month is labelled, counted back from the last (the report month), so the
    // highlighted label is always one of them and no two labels overlap.
    let labelEvery = max(1, Int((labelWidth / slot).rounded(.up)))
    for (index, point) in points.enumerated() {
      if (points.count - 1 - index) % labelEvery == 0 {
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
      chart.circle(x(index), y(value), r: point.isCurrent ? 5.5 : 4,
                   "point" + (point.isCurrent ? " current" : "") + (point.isThin ? " thin" : ""),
                   title: point.detail + (point.isThin ? " (thin data)" : ""))
    }
    let valued = points.enumerated().compactMap { index, point in point.value.map { (x(index), y($0)) } }
    chart.polyline(valued, "trend")
    // The rolling line, in runs of consecutive values.
    var run: [(Double, Double)] = []
    for (index, value) in rolling.enumerated() {
      if let value { run.append((x(index), y(value))) }
      if value == nil || index == rolling.count - 1 {
        if run.count >= 2 { chart.polyline(run, "rolling") }
        run.removeAll()
      }
    }
    // Version markers; labels alternate between two heights so neighbours do not collide.
    for (number, marker) in markers.enumerated() where marker.position >= 0 && marker.position <= Double(points.count) {
      let markerX = left + slot * marker.position
      chart.line(markerX, top, markerX, height - bottom, "marker")
      chart.text(markerX + 3, top - 8 + (number % 2 == 0 ? 0 : 11), marker.label, anchor: "start", "marker-label")
    }
    return chart
  }
}
