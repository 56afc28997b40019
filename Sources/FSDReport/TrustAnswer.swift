import Foundation

/// "Is FSD getting better for me?", answered in a sentence per comparison: the latest month
/// against the three before it, and the latest FSD version against the one before it — the
/// phantom rate per FSD distance, compared by `RateComparison` (docs/statistics.md).
public struct TrustAnswer: Sendable {
  public struct Line: Sendable {
    /// "November 2026 against August–October 2026".
    public let question: String
    /// nil when there is nothing to compare (no phantom event in either, or no FSD distance).
    public let comparison: RateComparison?
    /// The whole sentence, question included.
    public let sentence: String
  }

  public let lines: [Line]

  /// How many months before the current one form its baseline.
  public static let baselineMonths = 3

  /// - Parameters:
  ///   - months: every month up to and including `currentMonth` (gaps included), oldest first.
  ///   - versions: the FSD versions with data, in the order they were installed.
  public static func make(months: [MonthlyReport.Period], currentMonth: String, versions: [MonthlyReport.Period],
                          units: DistanceUnits) -> TrustAnswer {
    var lines: [Line] = []
    if let index = months.firstIndex(where: { $0.name == currentMonth }), index > 0 {
      let baseline = Array(months[max(0, index - baselineMonths)..<index])
      let current = YearMonth(currentMonth).map(NumberText.monthName) ?? currentMonth
      lines.append(line(question: "\(current) against \(span(baseline))", current: [months[index]], baseline: baseline,
                        units: units))
    }
    if versions.count >= 2 {
      let current = versions[versions.count - 1], previous = versions[versions.count - 2]
      lines.append(line(question: "FSD \(current.name) against \(previous.name)", current: [current], baseline: [previous],
                        units: units))
    }
    return TrustAnswer(lines: lines)
  }

  /// "August–October 2026", "December 2025–February 2026", "October 2026".
  static func span(_ months: [MonthlyReport.Period]) -> String {
    guard let first = months.first.flatMap({ YearMonth($0.name) }), let last = months.last.flatMap({ YearMonth($0.name) })
    else { return months.map(\.name).joined(separator: ", ") }
    if first == last { return NumberText.monthName(first) }
    let firstName = NumberText.monthName(first)
    return (first.year == last.year ? String(firstName.dropLast(5)) : firstName) + "–" + NumberText.monthName(last)
  }

  static func line(question: String, current: [MonthlyReport.Period], baseline: [MonthlyReport.Period],
                   units: DistanceUnits) -> Line {
    func sum(_ periods: [MonthlyReport.Period]) -> (count: Int, distance: Double) {
      periods.reduce((0, 0.0)) { ($0.0 + $1.figures.totals.phantomOnMeasuredDrives, $0.1 + $1.figures.fsdDistance) }
    }
    let now = sum(current), before = sum(baseline)
    let unit = units.distanceLabel
    func counted(_ part: (count: Int, distance: Double)) -> String {
      "\(NumberText.count(part.count)) in \(NumberText.fixed(part.distance, 0)) \(unit)"
    }
    guard now.distance > 0, before.distance > 0 else {
      let missing = now.distance > 0 ? "the earlier period" : "the later period"
      return Line(question: question, comparison: nil,
                  sentence: "\(question): nothing to compare yet (no FSD distance in \(missing)).")
    }
    guard let comparison = RateComparison(currentCount: now.count, currentExposure: now.distance,
                                          baselineCount: before.count, baselineExposure: before.distance) else {
      return Line(question: question, comparison: nil, sentence: "\(question): no phantom event in either "
                    + "(\(NumberText.fixed(now.distance, 0)) and \(NumberText.fixed(before.distance, 0)) FSD \(unit)), "
                    + "nothing to compare yet.")
    }
    let figures = "\(ratioText(comparison)); phantom events \(counted(now)) against \(counted(before))"
    let sentence: String
    switch comparison.verdict {
    case .fewer: sentence = "\(question): fewer phantom events, \(figures)."
    case .more: sentence = "\(question): more phantom events, \(figures)."
    case .noClearChange:
      var text = "\(question): no clear change yet, \(figures)"
      if let more = comparison.moreExposureToShowHalving {
        text += more > 0
          ? "; about \(roundedDistance(more)) more FSD \(unit) would show a halving"
          : "; a halving would have shown by now"
      }
      sentence = text + "."
    }
    return Line(question: question, comparison: comparison, sentence: sentence)
  }

  /// "0.20× (0.02–0.82)"; with no baseline event: "at least 1.2×".
  static func ratioText(_ comparison: RateComparison) -> String {
    guard let ratio = comparison.ratio else { return "at least \(factor(comparison.lower))× the rate before (none then)" }
    if ratio == 0 { return "none now (95 %: up to \(factor(comparison.upper))× the rate before)" }
    let upper = comparison.upper.isFinite ? factor(comparison.upper) : "∞"
    return "\(factor(ratio))× the rate (95 %: \(factor(comparison.lower))–\(upper))"
  }

  /// Two significant figures: 0.023, 0.20, 1.3, 12, 110.
  static func factor(_ value: Double) -> String {
    guard value.isFinite else { return "∞" }
    if value == 0 { return "0" }
    if value >= 10 { return NumberText.fixed(value, 0) }
    if value >= 1 { return NumberText.fixed(value, 1) }
    if value >= 0.1 { return NumberText.fixed(value, 2) }
    return NumberText.fixed(value, 3)
  }

  /// 24,286 → "24,000"; 860 → "860"; 37 → "40": "roughly", so two significant figures.
  static func roundedDistance(_ value: Double) -> String {
    guard value >= 10 else { return NumberText.fixed(max(1, value.rounded()), 0) }
    let digits = Double(Int(log10(value)) - 1)
    let step = pow(10, digits)
    return NumberText.fixed((value / step).rounded() * step, 0)
  }
}
