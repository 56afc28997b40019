/// A calendar month, "YYYY-MM".
public struct YearMonth: Sendable, Equatable, Comparable, Hashable {
  public let year: Int
  public let month: Int

  public init(year: Int, month: Int) {
    self.year = year
    self.month = month
  }

  /// Parses "YYYY-MM" (the first seven characters of an ISO date also work).
  public init?(_ text: some StringProtocol) {
    let parts = text.prefix(7).split(separator: "-")
    guard parts.count == 2, parts[0].count == 4, parts[1].count == 2, let year = Int(parts[0]),
          let month = Int(parts[1]), (1...12).contains(month) else { return nil }
    self.init(year: year, month: month)
  }

  public var text: String { "\(year)-\(month < 10 ? "0" : "")\(month)" }
  public var next: YearMonth { month == 12 ? YearMonth(year: year + 1, month: 1) : YearMonth(year: year, month: month + 1) }
  public var previous: YearMonth { month == 1 ? YearMonth(year: year - 1, month: 12) : YearMonth(year: year, month: month - 1) }

  public static func < (a: YearMonth, b: YearMonth) -> Bool { (a.year, a.month) < (b.year, b.month) }
}
