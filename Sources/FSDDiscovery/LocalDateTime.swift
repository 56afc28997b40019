/// A car-local date and time with no zone, as TeslaCam file names and event.json carry it.
///
/// Deliberately not a `Date`: the car clock has no zone we could trust, and converting through
/// the machine's zone would shift every clip by wherever the laptop happens to be.
public struct LocalDateTime: Sendable, Hashable, Comparable, CustomStringConvertible {
  public let year, month, day, hour, minute, second: Int

  /// Returns nil for out-of-range fields (month 13, February 30, hour 24, ...).
  public init?(year: Int, month: Int, day: Int, hour: Int, minute: Int, second: Int) {
    guard (1...9999).contains(year), (1...12).contains(month),
      (1...LocalDateTime.daysIn(month: month, year: year)).contains(day),
      (0...23).contains(hour), (0...59).contains(minute), (0...59).contains(second)
    else { return nil }
    self.year = year
    self.month = month
    self.day = day
    self.hour = hour
    self.minute = minute
    self.second = second
  }

  /// Parses "2026-03-25T14:19:52". A space instead of "T" and a trailing fraction
  /// (".123") are tolerated; the fraction is dropped because clips are named to the second.
  /// A zone suffix ("Z", "+01:00") is rejected: it would mean the value is not car-local.
  public init?(iso: String) {
    let bytes = Array(iso.utf8)
    guard bytes.count >= 19,
      bytes[4] == UInt8(ascii: "-"), bytes[7] == UInt8(ascii: "-"),
      bytes[10] == UInt8(ascii: "T") || bytes[10] == UInt8(ascii: " "),
      bytes[13] == UInt8(ascii: ":"), bytes[16] == UInt8(ascii: ":"),
      let year = ASCIIDigits.value(bytes[0..<4]), let month = ASCIIDigits.value(bytes[5..<7]),
      let day = ASCIIDigits.value(bytes[8..<10]), let hour = ASCIIDigits.value(bytes[11..<13]),
      let minute = ASCIIDigits.value(bytes[14..<16]), let second = ASCIIDigits.value(bytes[17..<19])
    else { return nil }
    if bytes.count > 19 {
      guard bytes[19] == UInt8(ascii: "."), bytes.count > 20, ASCIIDigits.value(bytes[20...]) != nil else {
        return nil
      }
    }
    self.init(year: year, month: month, day: day, hour: hour, minute: minute, second: second)
  }

  public var description: String {
    "\(Self.pad(year, 4))-\(Self.pad(month, 2))-\(Self.pad(day, 2))T"
      + "\(Self.pad(hour, 2)):\(Self.pad(minute, 2)):\(Self.pad(second, 2))"
  }

  /// Seconds since 1970 treating the value as if it were UTC (for differences only).
  public var secondsSinceEpochIgnoringZone: Int64 {
    let days = Self.daysSinceEpoch(year: year, month: month, day: day)
    return days * 86_400 + Int64(hour * 3_600 + minute * 60 + second)
  }

  public static func < (lhs: LocalDateTime, rhs: LocalDateTime) -> Bool {
    (lhs.year, lhs.month, lhs.day, lhs.hour, lhs.minute, lhs.second)
      < (rhs.year, rhs.month, rhs.day, rhs.hour, rhs.minute, rhs.second)
  }

  static func daysIn(month: Int, year: Int) -> Int {
    switch month {
    case 2:
      let isLeap = (year % 4 == 0 && year % 100 != 0) || year % 400 == 0
      return isLeap ? 29 : 28
    case 4, 6, 9, 11: return 30
    default: return 31
    }
  }

  /// Howard Hinnant's days_from_civil: exact for the proleptic Gregorian calendar and needs
  /// no Calendar or TimeZone, so the result cannot depend on the machine's settings.
  static func daysSinceEpoch(year: Int, month: Int, day: Int) -> Int64 {
    let y = Int64(month <= 2 ? year - 1 : year)
    let era = (y >= 0 ? y : y - 399) / 400
    let yearOfEra = y - era * 400
    let m = Int64(month)
    let dayOfYear = (153 * (m > 2 ? m - 3 : m + 9) + 2) / 5 + Int64(day) - 1
    let dayOfEra = yearOfEra * 365 + yearOfEra / 4 - yearOfEra / 100 + dayOfYear
    return era * 146_097 + dayOfEra - 719_468
  }

  private static func pad(_ value: Int, _ width: Int) -> String {
    let digits = String(value)
    return String(repeating: "0", count: max(0, width - digits.count)) + digits
  }
}
