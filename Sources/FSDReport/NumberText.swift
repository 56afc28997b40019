import Foundation

/// Numbers as the report prints them: grouped thousands, a sensible number of decimals, and an
/// en dash for "nothing to state". Plain ASCII digits and a POSIX locale: reports must not change
/// with the machine's language (the golden test depends on it).
enum NumberText {
  static let dash = "–"

  /// 1234.56 → "1,234.6" (decimals: fixed).
  static func fixed(_ value: Double, _ decimals: Int) -> String {
    guard value.isFinite else { return dash }
    let text = String(format: "%.\(decimals)f", locale: Locale(identifier: "en_US_POSIX"), value)
    let negative = text.hasPrefix("-")
    let body = negative ? String(text.dropFirst()) : text
    let parts = body.split(separator: ".", maxSplits: 1)
    var integer = String(parts[0])
    var grouped = ""
    while integer.count > 3 {
      grouped = "," + integer.suffix(3) + grouped
      integer = String(integer.dropLast(3))
    }
    grouped = integer + grouped
    let result = parts.count > 1 ? grouped + "." + parts[1] : grouped
    return negative && result.contains(where: { $0 != "0" && $0 != "." && $0 != "," }) ? "-" + result : result
  }

  /// Three significant figures or so, for rates that range from 0.004 to 4,000.
  static func rate(_ value: Double) -> String {
    guard value.isFinite else { return dash }
    let magnitude = abs(value)
    if magnitude == 0 { return "0" }
    if magnitude >= 100 { return fixed(value, 0) }
    if magnitude >= 10 { return fixed(value, 1) }
    if magnitude >= 1 { return fixed(value, 2) }
    if magnitude >= 0.01 { return fixed(value, 3) }
    return fixed(value, 4)
  }

  /// 0.333 → "33 %".
  static func percent(_ fraction: Double) -> String { fixed(fraction * 100, 0) + " %" }

  static func count(_ value: Int) -> String { fixed(Double(value), 0) }

  /// "3 events", "1 event".
  static func plural(_ value: Int, _ singular: String, _ pluralForm: String? = nil) -> String {
    "\(count(value)) \(value == 1 ? singular : (pluralForm ?? singular + "s"))"
  }

  /// "7 min", "1 min", "3.5 h" from 3.5 h up.
  static func minutes(_ seconds: Double) -> String {
    seconds >= 3 * 3600 ? fixed(seconds / 3600, 1) + " h" : fixed(max(1, (seconds / 60).rounded()), 0) + " min"
  }

  /// Hours with two decimals below 10 h, one above.
  static func hours(_ seconds: Double) -> String { fixed(seconds / 3600, seconds < 36000 ? 2 : 1) + " h" }

  /// "2026-11" → "November 2026".
  static func monthName(_ month: YearMonth) -> String {
    let names = ["January", "February", "March", "April", "May", "June", "July", "August", "September", "October",
                 "November", "December"]
    return "\(names[month.month - 1]) \(month.year)"
  }

  /// "2026-11" → "Nov 2026", for chart axes.
  static func shortMonth(_ text: String) -> String {
    guard let month = YearMonth(text) else { return text }
    let names = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"]
    return "\(names[month.month - 1]) \(String(month.year).suffix(2))"
  }
}
