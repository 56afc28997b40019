import Foundation

/// An SVG chart as drawing primitives with their coordinates already computed (in SVG user
/// units), for the Mustache chart partial: the templates hold the markup, Swift the geometry.
struct ChartView {
  struct Line { let x1, y1, x2, y2: String; let cls: String }
  struct Text {
    let x, y: String; let anchor: String; let cls: String; let text: String
    /// e.g. rotate(-90 …) for a vertical axis title; nil for none.
    let transform: String?
  }
  struct Polyline { let points: String; let cls: String }
  struct Circle { let cx, cy: String; let r: String; let cls: String; let title: String }

  let width: String
  let height: String
  /// For screen readers and the SVG <title>.
  let title: String
  var lines: [Line] = []
  var texts: [Text] = []
  var polylines: [Polyline] = []
  var circles: [Circle] = []

  init(width: Double, height: Double, title: String) {
    self.width = ChartView.number(width)
    self.height = ChartView.number(height)
    self.title = title
  }

  mutating func line(_ x1: Double, _ y1: Double, _ x2: Double, _ y2: Double, _ cls: String) {
    lines.append(Line(x1: Self.number(x1), y1: Self.number(y1), x2: Self.number(x2), y2: Self.number(y2), cls: cls))
  }

  mutating func text(_ x: Double, _ y: Double, _ text: String, anchor: String = "middle", _ cls: String = "",
                     vertical: Bool = false) {
    texts.append(Text(x: Self.number(x), y: Self.number(y), anchor: anchor, cls: cls, text: text,
                      transform: vertical ? "rotate(-90 \(Self.number(x)) \(Self.number(y)))" : nil))
  }

  mutating func polyline(_ points: [(Double, Double)], _ cls: String) {
    guard points.count >= 2 else { return }
    polylines.append(Polyline(points: points.map { "\(Self.number($0.0)),\(Self.number($0.1))" }.joined(separator: " "),
                              cls: cls))
  }

  mutating func circle(_ x: Double, _ y: Double, r: Double = 4, _ cls: String, title: String) {
    circles.append(Circle(cx: Self.number(x), cy: Self.number(y), r: Self.number(r), cls: cls, title: title))
  }

  /// One decimal, no locale: SVG coordinates that are the same on every machine.
  static func number(_ value: Double) -> String { NumberText.fixed(value, 1).replacingOccurrences(of: ",", with: "") }
}

/// A linear map from data values to SVG coordinates, with "nice" tick values (1, 2, 5 × 10^n).
struct LinearScale {
  let domainLow: Double, domainHigh: Double
  let rangeLow: Double, rangeHigh: Double

  func callAsFunction(_ value: Double) -> Double {
    let span = domainHigh - domainLow
    guard span > 0 else { return rangeLow }
    return rangeLow + (value - domainLow) / span * (rangeHigh - rangeLow)
  }

  /// Tick step and the domain widened to whole steps, for about `count` ticks over low…high.
  static func nice(low: Double, high: Double, count: Int = 5) -> (low: Double, high: Double, step: Double) {
    // A flat series (constant speed) still gets an axis: one unit either side.
    let (low, high) = high - low < 1e-9 ? (low - 1, high + 1) : (low, high)
    let span = high - low
    let rough = span / Double(max(count, 1))
    let magnitude = pow10(floor(log10(rough)))
    let step = [1.0, 2, 2.5, 5, 10].map { $0 * magnitude }.first { $0 >= rough } ?? 10 * magnitude
    return ((low / step).rounded(.down) * step, (high / step).rounded(.up) * step, step)
  }

  /// Decimals that tell ticks `step` apart: 0 for 1, 2, 5…; 1 for 0.5; 2 for 0.05.
  static func decimals(step: Double) -> Int {
    guard step > 0, step < 1 else { return 0 }
    var decimals = Int((-log10(step) - 1e-9).rounded(.up))
    // 0.25 needs one more than 0.2.
    let scaled = step * pow10(Double(decimals))
    if abs(scaled - scaled.rounded()) > 1e-6 { decimals += 1 }
    return min(decimals, 4)
  }

  static func ticks(low: Double, high: Double, step: Double) -> [Double] {
    guard step > 0 else { return [low] }
    var values: [Double] = []
    var value = low
    while value <= high + step * 1e-6 {
      values.append(abs(value) < step * 1e-9 ? 0 : value)
      value += step
    }
    return values
  }

  private static func pow10(_ exponent: Double) -> Double {
    var result = 1.0
    if exponent >= 0 { for _ in 0..<Int(exponent) { result *= 10 } } else { for _ in 0..<Int(-exponent) { result /= 10 } }
    return result
  }
}
