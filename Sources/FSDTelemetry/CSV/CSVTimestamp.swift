/// Timestamps as telemetry exports write them, parsed without Foundation's formatters (a
/// million rows must not take a million formatter calls): ISO 8601 (`2026-11-02T16:14:31.5Z`,
/// `2026-11-02 08:14:31-08:00`, a space or a zone abbreviation before the zone allowed), and US
/// `M/D/YYYY h:mm[:ss] [AM|PM]`; either may lack a zone.
enum CSVTimestamp {
  enum Parsed: Equatable {
    /// Seconds since 1970 UTC.
    case utc(Double)
    /// No zone in the text: wall-clock seconds since 1970 as if they were UTC.
    case local(Double)
  }

  static func parse(_ text: Substring) -> Parsed? {
    var cursor = Cursor(Array(text.utf8))
    guard let (date, time) = cursor.dateAndTime() else { return nil }
    guard let days = daysFromCivil(year: date.year, month: date.month, day: date.day) else { return nil }
    let localS = Double(days) * 86_400 + time
    cursor.skipSpaces()
    if cursor.atEnd { return .local(localS) }
    guard let zone = CSVZone.parse(String(decoding: cursor.rest, as: UTF8.self)) else { return nil }
    return .utc(zone.utcSeconds(fromLocal: localS))
  }

  /// Days since 1970-01-01 of a proleptic Gregorian date (H. Hinnant's algorithm); nil when the
  /// date does not exist.
  static func daysFromCivil(year: Int, month: Int, day: Int) -> Int? {
    guard (1...12).contains(month), day >= 1, day <= daysIn(month: month, year: year) else { return nil }
    let y = month <= 2 ? year - 1 : year
    let era = (y >= 0 ? y : y - 399) / 400
    let yearOfEra = y - era * 400
    let dayOfYear = (153 * (month > 2 ? month - 3 : month + 9) + 2) / 5 + day - 1
    let dayOfEra = yearOfEra * 365 + yearOfEra / 4 - yearOfEra / 100 + dayOfYear
    return era * 146_097 + dayOfEra - 719_468
  }

  static func daysIn(month: Int, year: Int) -> Int {
    switch month {
    case 2: return (year % 4 == 0 && year % 100 != 0) || year % 400 == 0 ? 29 : 28
    case 4, 6, 9, 11: return 30
    default: return 31
    }
  }

  private struct Cursor {
    let bytes: [UInt8]
    var index = 0
    init(_ bytes: [UInt8]) { self.bytes = bytes }

    var atEnd: Bool { index >= bytes.count }
    var rest: ArraySlice<UInt8> { bytes[index...] }
    var peek: UInt8? { index < bytes.count ? bytes[index] : nil }

    mutating func skipSpaces() { while peek == 0x20 || peek == 0x09 { index += 1 } }

    mutating func take(_ byte: UInt8) -> Bool {
      guard peek == byte else { return false }
      index += 1
      return true
    }

    /// `min...max` decimal digits.
    mutating func number(min: Int, max: Int) -> Int? {
      var value = 0
      var count = 0
      while count < max, let byte = peek, (0x30...0x39).contains(byte) {
        value = value * 10 + Int(byte - 0x30)
        count += 1
        index += 1
      }
      return count >= min ? value : nil
    }

    mutating func dateAndTime() -> ((year: Int, month: Int, day: Int), Double)? {
      let start = index
      if let year = number(min: 4, max: 4), let separator = peek, separator == 0x2D || separator == 0x2F {
        index += 1
        guard let month = number(min: 1, max: 2), take(separator), let day = number(min: 1, max: 2) else { return nil }
        guard take(0x54) || take(0x74) || take(0x20) else { return nil }  // T, t or a space
        skipSpaces()
        guard let time = clock(allowMeridiem: false) else { return nil }
        return ((year, month, day), time)
      }
      index = start
      guard let month = number(min: 1, max: 2), take(0x2F), let day = number(min: 1, max: 2), take(0x2F),
        let year = number(min: 4, max: 4)
      else { return nil }
      _ = take(0x2C)
      guard peek == 0x20 || peek == 0x54 else { return nil }
      index += 1
      skipSpaces()
      guard let time = clock(allowMeridiem: true) else { return nil }
      return ((year, month, day), time)
    }

    /// `hh:mm[:ss[.fff]]` and, in US dates, an optional AM/PM: seconds into the day.
    mutating func clock(allowMeridiem: Bool) -> Double? {
      guard var hour = number(min: 1, max: 2), take(0x3A), let minute = number(min: 2, max: 2), minute < 60 else {
        return nil
      }
      var second = 0.0
      if take(0x3A) {
        guard let whole = number(min: 2, max: 2), whole <= 60 else { return nil }
        second = Double(whole)
        if take(0x2E) || take(0x2C) {
          var scale = 0.1
          var digits = 0
          while let byte = peek, (0x30...0x39).contains(byte) {
            if digits < 9 { second += Double(byte - 0x30) * scale }
            scale /= 10
            digits += 1
            index += 1
          }
          guard digits > 0 else { return nil }
        }
      }
      if allowMeridiem {
        let mark = index
        skipSpaces()
        if let letter = peek, letter | 0x20 == 0x61 || letter | 0x20 == 0x70,
          index + 1 < bytes.count, bytes[index + 1] | 0x20 == 0x6D
        {
          guard (1...12).contains(hour) else { return nil }
          let isPM = letter | 0x20 == 0x70
          hour = hour % 12 + (isPM ? 12 : 0)
          index += 2
        } else {
          index = mark
        }
      }
      guard hour < 24 else { return nil }
      return Double(hour * 3600 + minute * 60) + second
    }
  }
}
