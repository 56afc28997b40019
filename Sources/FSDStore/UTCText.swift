/// Seconds since 1970 of the store's UTC text ("2026-11-02T16:14:45.153Z"), read by hand: the
/// statistics group tens of thousands of events, and a date formatter per event costs most of
/// that. Other forms go through `ClipClock.utcSeconds`.
enum UTCText {
  static func seconds(_ text: String) -> Double? {
    let bytes = Array(text.utf8)
    func number(_ from: Int, _ count: Int) -> Int? {
      guard from + count <= bytes.count else { return nil }
      var value = 0
      for byte in bytes[from..<(from + count)] {
        guard (48...57).contains(byte) else { return nil }
        value = value * 10 + Int(byte - 48)
      }
      return value
    }
    guard bytes.count >= 20, bytes[4] == 45, bytes[7] == 45, bytes[10] == 84, bytes[13] == 58, bytes[16] == 58,
          let year = number(0, 4), let month = number(5, 2), let day = number(8, 2), let hour = number(11, 2),
          let minute = number(14, 2), let second = number(17, 2)
    else { return ClipClock.utcSeconds(text) }
    var fraction = 0.0
    var index = 19
    if index < bytes.count, bytes[index] == 46 {
      index += 1
      var scale = 0.1
      while index < bytes.count, (48...57).contains(bytes[index]) {
        fraction += Double(bytes[index] - 48) * scale
        scale /= 10
        index += 1
      }
    }
    guard index == bytes.count - 1, bytes[index] == 90 else { return ClipClock.utcSeconds(text) }
    // Days from the civil date (Howard Hinnant's algorithm).
    let y = month <= 2 ? year - 1 : year
    let era = (y >= 0 ? y : y - 399) / 400
    let yearOfEra = y - era * 400
    let dayOfYear = (153 * (month + (month > 2 ? -3 : 9)) + 2) / 5 + day - 1
    let dayOfEra = yearOfEra * 365 + yearOfEra / 4 - yearOfEra / 100 + dayOfYear
    let days = era * 146_097 + dayOfEra - 719_468
    return Double(days * 86_400 + hour * 3_600 + minute * 60 + second) + fraction
  }
}
