import Foundation

/// A time zone named in a header or a timestamp: "PDT", "UTC+2", "-07:00", "America/Denver".
enum CSVZone: Sendable, Equatable {
  /// A fixed offset east of UTC: what an abbreviation like PDT means (it already says DST or not).
  case fixed(secondsEastOfUTC: Int)
  /// A region, whose offset depends on the date.
  case region(TimeZone)

  /// North American abbreviations, as US exports (Tessie's "Timestamp (PDT)") write them.
  /// The DST-neutral ones (PT, ET, ...) mean the region, so the date decides the offset.
  static let abbreviations: [String: CSVZone] = {
    let fixedHours: [String: Int] = [
      "UTC": 0, "GMT": 0, "Z": 0, "UT": 0,
      "EST": -5, "EDT": -4, "CST": -6, "CDT": -5, "MST": -7, "MDT": -6, "PST": -8, "PDT": -7,
      "AKST": -9, "AKDT": -8, "HST": -10, "HDT": -9, "AST": -4, "ADT": -3, "NST": -3, "NDT": -2,
    ]
    var table = fixedHours.mapValues { CSVZone.fixed(secondsEastOfUTC: $0 * 3600) }
    table["NST"] = .fixed(secondsEastOfUTC: -(3 * 3600 + 1800))
    table["NDT"] = .fixed(secondsEastOfUTC: -(2 * 3600 + 1800))
    let regions = [
      "ET": "America/New_York", "CT": "America/Chicago", "MT": "America/Denver",
      "PT": "America/Los_Angeles", "AKT": "America/Anchorage", "HT": "Pacific/Honolulu",
    ]
    for (name, identifier) in regions {
      if let zone = TimeZone(identifier: identifier) { table[name] = .region(zone) }
    }
    return table
  }()

  /// The zone `text` names, or nil: an abbreviation above, `UTC`/`GMT` with an optional offset,
  /// a bare offset (`+02:00`, `-0700`, `+2`), or an IANA identifier.
  static func parse(_ text: some StringProtocol) -> CSVZone? {
    let trimmed = String(text.trimmingSpaces())
    guard !trimmed.isEmpty, trimmed.count <= 40 else { return nil }
    let upper = trimmed.uppercased()
    if let known = abbreviations[upper] { return known }
    for prefix in ["UTC", "GMT"] where upper.hasPrefix(prefix) {
      return offset(upper.dropFirst(prefix.count)).map { .fixed(secondsEastOfUTC: $0) }
    }
    if let seconds = offset(Substring(upper)) { return .fixed(secondsEastOfUTC: seconds) }
    if trimmed.contains("/"), let zone = TimeZone(identifier: trimmed) { return .region(zone) }
    return nil
  }

  /// `+HH`, `+H`, `+HH:MM`, `+HHMM` (or `-`): seconds east of UTC, at most 18 hours.
  static func offset(_ text: Substring) -> Int? {
    guard let sign = text.first, sign == "+" || sign == "-" else { return nil }
    let digits = text.dropFirst().filter { $0 != ":" }
    guard (1...4).contains(digits.count), digits.allSatisfy(\.isASCII), digits.allSatisfy(\.isNumber),
      text.dropFirst().filter({ $0 == ":" }).count <= 1
    else { return nil }
    let hours: Int
    let minutes: Int
    if digits.count <= 2 {
      hours = Int(digits)!
      minutes = 0
    } else {
      hours = Int(digits.dropLast(2))!
      minutes = Int(digits.suffix(2))!
    }
    guard hours <= 18, minutes < 60 else { return nil }
    return (sign == "-" ? -1 : 1) * (hours * 3600 + minutes * 60)
  }

  /// UTC seconds of a wall-clock time given as seconds since 1970 read as if it were UTC.
  func utcSeconds(fromLocal localS: Double) -> Double {
    switch self {
    case .fixed(let east):
      return localS - Double(east)
    case .region(let zone):
      // The offset at the local time read as UTC is right except within hours of a change; one
      // more look at the corrected instant settles it (a skipped hour maps forward).
      let first = zone.secondsFromGMT(for: Date(timeIntervalSince1970: localS))
      let second = zone.secondsFromGMT(for: Date(timeIntervalSince1970: localS - Double(first)))
      return localS - Double(second)
    }
  }
}
