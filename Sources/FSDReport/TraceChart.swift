/// An event's speed (top panel) and acceleration in g (bottom panel: longitudinal, or lateral for a
/// swerve) against seconds from the peak, with the peak marked.
enum TraceChart {
  static let width = 420.0, height = 250.0
  static let left = 52.0, right = 12.0, top = 14.0, gap = 26.0, bottom = 34.0
  static let gravityMPS2 = 9.80665

  static func make(_ trace: EventTrace, units: DistanceUnits, title: String) -> ChartView? {
    let speeds = trace.speedMPS.map { $0.map { $0 * units.speedFactor } }
    let accels = trace.longAccelMPS2.map { $0.map { $0 / gravityMPS2 } }
    guard let tLow = trace.tS.first, let tHigh = trace.tS.last, tHigh > tLow,
          speeds.contains(where: { $0 != nil }) || accels.contains(where: { $0 != nil }) else { return nil }
    var chart = ChartView(width: width, height: height, title: title)
    let panelHeight = (height - top - gap - bottom) / 2
    let x = LinearScale(domainLow: tLow, domainHigh: tHigh, rangeLow: left, rangeHigh: width - right)

    func panel(_ values: [Double?], originY: Double, label: String, cls: String, includeZero: Bool) {
      let known = values.compactMap { $0 }
      guard let low = known.min(), let high = known.max() else {
        chart.text((left + width - right) / 2, originY + panelHeight / 2, "\(label): not recorded", anchor: "middle", "missing")
        return
      }
      let nice = LinearScale.nice(low: includeZero ? min(low, 0) : low, high: includeZero ? max(high, 0) : high, count: 3)
      let y = LinearScale(domainLow: nice.low, domainHigh: nice.high, rangeLow: originY + panelHeight, rangeHigh: originY)
      for tick in LinearScale.ticks(low: nice.low, high: nice.high, step: nice.step) {
        chart.line(left, y(tick), width - right, y(tick), tick == 0 && includeZero ? "axis" : "grid")
        chart.text(left - 6, y(tick) + 4, NumberText.fixed(tick, LinearScale.decimals(step: nice.step)), anchor: "end", "tick")
      }
      chart.text(left + 4, originY + 10, label, anchor: "start", "panel-title")
      // Break the line where values are unknown rather than drawing across the gap.
      var run: [(Double, Double)] = []
      for (t, value) in zip(trace.tS, values) {
        if let value { run.append((x(t), y(value))) } else { chart.polyline(run, cls); run = [] }
      }
      chart.polyline(run, cls)
    }

    panel(speeds, originY: top, label: "speed, \(units.speedLabel)", cls: "speed", includeZero: false)
    let accelTop = top + panelHeight + gap
    let direction = trace.isLateral ? "lateral acceleration, g, + left" : "acceleration, g, braking below 0"
    panel(accels, originY: accelTop, label: "\(direction) (\(trace.accelSource))", cls: "accel", includeZero: true)
    let step = LinearScale.nice(low: tLow, high: tHigh, count: 6).step
    for tick in LinearScale.ticks(low: (tLow / step).rounded(.up) * step, high: tHigh, step: step) {
      chart.text(x(tick), height - bottom + 16, NumberText.fixed(tick, 0), anchor: "middle", "tick")
    }
    chart.text((left + width - right) / 2, height - 4, "seconds from the peak", anchor: "middle", "axis-title")
    chart.line(x(0), top, x(0), height - bottom, "peak")
    return chart
  }
}
