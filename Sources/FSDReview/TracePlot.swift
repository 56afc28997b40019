import FSDDomain
import FSDStore
import Foundation

/// Small text charts of an event's ±5 s with Unicode block characters: speed, deceleration,
/// and strips for FSD engagement and the brake pedal, one column per time step.
///
///     km/h  97 │▇▇▇▇▇▇▇▇▇▇▇▇▇▇▇▇▇▇▇▆▅▄▃▃▂▂▂▂▂▂▂▂▂▂▂▂▂▂▂▂
///           58 │████████████████████████████████████████
///     decel g .52 │            ▂▅█▇▅▃▂
///     FSD          ━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━
///     brake                          ███████████
///                  -5 s              ▲ peak              +5 s
public enum TracePlot {
  static let blocks: [Character] = [" ", "▁", "▂", "▃", "▄", "▅", "▆", "▇", "█"]
  static let labelWidth = 13

  /// The chart lines for a window, `width` columns of data. Empty when there is no telemetry.
  public static func render(_ window: TelemetryWindow, kind: EventKind = .brake, halfWidthS: Double = 5, width: Int = 50,
                            speed unit: SpeedUnit = .kmh, style: TerminalStyle) -> [String] {
    guard window.samples.contains(where: { $0.speedMPS != nil }) else { return [] }
    let columns = bin(window.samples, time: \.tS, halfWidthS: halfWidthS, width: width)
    var lines: [String] = []

    let speeds = columns.map { $0.compactMap(\.speedMPS).map { $0 * unit.perMPS } }.map(mean)
    let known = speeds.compactMap { $0 }
    // At least 10 km/h (mph) of range, so a steady speed reads as a flat top, not as noise.
    let top = known.max() ?? 0, bottom = max(0, min(known.min() ?? 0, top - 10) - 2)
    lines += bars(speeds, low: bottom, high: max(top, bottom + 1), rows: 2,
                  labels: [labelled(unit.label, top, "%.0f"), labelled("", bottom, "%.0f")], style: style) { style.cyan($0) }

    lines += secondChart(columns, kind: kind, style: style)

    if columns.contains(where: { $0.contains { $0.autopilot != nil } }) {
      let strip = columns.map { column -> Character in
        guard let state = column.compactMap(\.autopilot).last else { return " " }
        switch state { case .selfDriving: return "━"; case .autosteer, .tacc: return "─"; case .none: return "·" }
      }
      lines.append(label("FSD") + " " + style.green(String(strip)))
    }
    if columns.contains(where: { $0.contains { $0.brakePressed != nil } }) {
      let strip = columns.map { column -> Character in
        column.contains { $0.brakePressed == true } ? "█" : column.contains { $0.brakePressed == false } ? "·" : " "
      }
      lines.append(label("brake pedal") + " " + style.yellow(String(strip)))
    }
    lines.append(axis(width: width, halfWidthS: halfWidthS))
    return lines
  }

  /// The camera's plot for an event without telemetry: nose-down pitch (what a vision brake is
  /// found by) and the sideways turn rate (a swerve), against the same time axis.
  public static func render(_ window: MotionWindow, halfWidthS: Double = 5, width: Int = 50,
                            style: TerminalStyle) -> [String] {
    guard !window.samples.isEmpty else { return [] }
    let columns = bin(window.samples, time: \.tS, halfWidthS: halfWidthS, width: width)
    let pitch = columns.map { $0.isEmpty ? nil : max(0, $0.map(\.pitchPercent).max()!) }
    let yaw = columns.map { $0.isEmpty ? nil : $0.map { abs($0.yawPercentPerS) }.max() }
    let pitchPeak = pitch.compactMap { $0 }.max() ?? 0, yawPeak = yaw.compactMap { $0 }.max() ?? 0
    return bars(pitch, low: 0, high: max(pitchPeak, 0.5), rows: 2,
                labels: [labelled("nose dip", pitchPeak, "%.1f"), labelled("", 0, "%.0f")], style: style) { style.red($0) }
      + bars(yaw, low: 0, high: max(yawPeak, 1), rows: 2,
             labels: [labelled("turn/s", yawPeak, "%.1f"), labelled("", 0, "%.0f")], style: style) { style.cyan($0) }
      + [axis(width: width, halfWidthS: halfWidthS)]
  }

  /// Deceleration for most events; for a swerve, lateral acceleration when the source gives it,
  /// else the steering angle (raw SEI axes need the drive's calibration; steering needs none).
  static func secondChart(_ columns: [[TelemetryWindow.Sample]], kind: EventKind, style: TerminalStyle) -> [String] {
    if kind == .swerve {
      let lateralG = columns.map { $0.compactMap(\.accelLatMPS2).map { abs($0) / 9.80665 }.max() }
      if let peak = lateralG.compactMap({ $0 }).max() {
        return bars(lateralG, low: 0, high: max(peak, 0.1), rows: 2,
                    labels: [labelled("lat g", peak, "%.2f"), labelled("", 0, "%.0f")], style: style) { style.red($0) }
      }
      let steering = columns.map { $0.compactMap(\.steeringDeg).map(abs).max() }
      if let peak = steering.compactMap({ $0 }).max() {
        return bars(steering, low: 0, high: max(peak, 5), rows: 2,
                    labels: [labelled("steer °", peak, "%.0f"), labelled("", 0, "%.0f")], style: style) { style.red($0) }
      }
    }
    let decelG = columns.map { $0.compactMap(\.accelLongMPS2).map { max(0, -$0 / 9.80665) }.max() }
    let peak = decelG.compactMap { $0 }.max() ?? 0
    return bars(decelG, low: 0, high: max(peak, 0.1), rows: 2,
                labels: [labelled("decel g", peak, "%.2f"), labelled("", 0, "%.0f")], style: style) { style.red($0) }
  }

  /// "decel g  0.45": the name left, the value right-aligned against the chart.
  static func labelled(_ name: String, _ value: Double, _ format: String) -> String {
    var number = String(format: format, value == 0 ? 0 : value)  // no "-0"
    // A number too wide for the label column loses its decimals rather than its last digits
    // ("nose dip 117." was a vision dip of 117.4 %).
    if name.count + number.count + 2 > labelWidth { number = String(format: "%.0f", value == 0 ? 0 : value) }
    let gap = max(1, labelWidth - 1 - name.count - number.count)
    return name + String(repeating: " ", count: gap) + number + " "
  }

  /// Samples grouped into `width` equal time bins over [-halfWidthS, +halfWidthS]. When the bins
  /// are about as narrow as the samples are apart (10 Hz telemetry on a wide terminal), some fall
  /// between two samples: a single empty bin between two full ones takes its left neighbour's
  /// samples, so the plot has no comb of gaps. Longer holes stay empty: they are missing data.
  static func bin<Sample>(_ samples: [Sample], time: KeyPath<Sample, Double>, halfWidthS: Double, width: Int) -> [[Sample]] {
    var columns = [[Sample]](repeating: [], count: width)
    for sample in samples {
      let position = (sample[keyPath: time] + halfWidthS) / (2 * halfWidthS) * Double(width)
      let index = min(width - 1, max(0, Int(position.rounded(.down))))
      columns[index].append(sample)
    }
    for index in columns.indices.dropFirst().dropLast()
    where columns[index].isEmpty && !columns[index - 1].isEmpty && !columns[index + 1].isEmpty {
      columns[index] = columns[index - 1]
    }
    return columns
  }

  /// A bar chart `rows` high: each column filled from the bottom in eighths of a row.
  static func bars(_ values: [Double?], low: Double, high: Double, rows: Int, labels: [String],
                   style: TerminalStyle, color: (String) -> String) -> [String] {
    let eighths = values.map { value -> Int? in
      guard let value else { return nil }
      let fraction = min(1, max(0, (value - low) / (high - low)))
      return Int((fraction * Double(rows * 8)).rounded())
    }
    return (0..<rows).map { row in
      let floor = (rows - 1 - row) * 8
      let cells = eighths.map { filled -> Character in
        guard let filled else { return row == rows - 1 ? "·" : " " }
        return blocks[min(8, max(0, filled - floor))]
      }
      let name = row < labels.count ? labels[row] : ""
      return label(name) + "│" + color(String(cells))
    }
  }

  static func label(_ text: String) -> String {
    text.count >= labelWidth ? String(text.prefix(labelWidth)) : text.padding(toLength: labelWidth, withPad: " ", startingAt: 0)
  }

  /// "-5 s ... ▲ peak ... +5 s" under the charts, the ▲ in the peak's column.
  static func axis(width: Int, halfWidthS: Double) -> String {
    var cells = [Character](repeating: " ", count: width)
    let left = Array(String(format: "-%.0f s", halfWidthS)), right = Array(String(format: "+%.0f s", halfWidthS))
    let peakMark = Array("▲ peak")
    let centre = width / 2
    for (offset, character) in left.enumerated() where offset < width { cells[offset] = character }
    for (offset, character) in peakMark.enumerated() where centre + offset < width { cells[centre + offset] = character }
    for (offset, character) in right.enumerated() where width - right.count + offset >= 0 {
      cells[width - right.count + offset] = character
    }
    return label("") + " " + String(cells)
  }

  static func mean(_ values: [Double]) -> Double? { values.isEmpty ? nil : values.reduce(0, +) / Double(values.count) }
}
