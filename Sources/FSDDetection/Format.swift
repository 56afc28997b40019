import Foundation

/// Numbers in rule strings: `0.20g`, `0.4s`, `8km/h`, as short as they can be without losing digits.
enum Format {
  static func g(_ value: Double) -> String { String(format: "%.2fg", value) }

  static func s(_ value: Double) -> String { number(value) + "s" }

  static func number(_ value: Double) -> String {
    var text = String(format: "%.3f", value)
    while text.hasSuffix("0") { text.removeLast() }
    if text.hasSuffix(".") { text.removeLast() }
    return text
  }
}
