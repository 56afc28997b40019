import Foundation

/// Turns the scenario's car-local start time and zone into UTC, and formats car-local times the
/// way the car writes them. Arithmetic on civil dates, no Calendar: same result on every machine.
public struct DriveClock: Sendable, Equatable {
  /// Seconds since 1970 of the local start time read as if it were UTC.
  let localEpochS: Int
  /// Local time minus UTC, in seconds (fixed for the whole drive).
  public let utcOffsetS: Int

  public var startUTC: Date { Date(timeIntervalSince1970: TimeInterval(localEpochS - utcOffsetS)) }

  init(scenario: Scenario) throws {
    guard let local = Self.parseLocal(scenario.startLocal) else {
      throw ScenarioError("start_local: '\(scenario.startLocal)' is not a car-local time like 2026-11-02T08:14:31")
    }
    localEpochS = local
    if let zoneID = scenario.timeZone {
      guard let zone = TimeZone(identifier: zoneID) else {
        throw ScenarioError("time_zone: unknown zone '\(zoneID)' (use an IANA id such as Europe/Berlin, or utc_offset)")
      }
      // The offset depends on the instant; one refinement settles it except inside a DST gap.
      var offset = zone.secondsFromGMT(for: Date(timeIntervalSince1970: TimeInterval(local)))
      offset = zone.secondsFromGMT(for: Date(timeIntervalSince1970: TimeInterval(local - offset)))
      utcOffsetS = offset
    } else {
      let text = scenario.utcOffset ?? "+00:00"
      guard let offset = Self.parseOffset(text) else {
        throw ScenarioError("utc_offset: '\(text)' is not an offset like +01:00, -08:00 or Z")
      }
      utcOffsetS = offset
    }
  }

  /// Car-local time `seconds` after the start: `2026-11-02T08:14:31`.
  public func localISO8601(atS seconds: Double) -> String {
    let c = Self.civil(localEpochS + Int(seconds.rounded(.down)))
    return String(format: "%04d-%02d-%02dT%02d:%02d:%02d", c.year, c.month, c.day, c.hour, c.minute, c.second)
  }

  /// The TeslaCam file-name stamp `seconds` after the start: `2026-11-02_08-14-31`.
  public func teslaFileStamp(atS seconds: Double) -> String {
    let c = Self.civil(localEpochS + Int(seconds.rounded(.down)))
    return String(format: "%04d-%02d-%02d_%02d-%02d-%02d", c.year, c.month, c.day, c.hour, c.minute, c.second)
  }

  /// UTC `seconds` after the start: `2026-11-02T07:14:31Z`.
  public func utcISO8601(atS seconds: Double) -> String {
    let c = Self.civil(localEpochS - utcOffsetS + Int(seconds.rounded(.down)))
    return String(format: "%04d-%02d-%02dT%02d:%02d:%02dZ", c.year, c.month, c.day, c.hour, c.minute, c.second)
  }

  static func parseLocal(_ text: String) -> Int? {
    let parts = text.split(whereSeparator: { "-T:_ ".contains($0) }).map { Int($0) }
    guard parts.count == 6, let y = parts[0], let mo = parts[1], let d = parts[2], let h = parts[3], let mi = parts[4],
      let s = parts[5], (1...12).contains(mo), (1...31).contains(d), (0...23).contains(h), (0...59).contains(mi),
      (0...60).contains(s)
    else { return nil }
    return daysFromCivil(y, mo, d) * 86400 + h * 3600 + mi * 60 + s
  }

  static func parseOffset(_ text: String) -> Int? {
    if text == "Z" || text == "z" { return 0 }
    guard let first = text.first, first == "+" || first == "-" else { return nil }
    let digits = text.dropFirst().split(separator: ":").map { Int($0) }
    guard (1...2).contains(digits.count), let hours = digits[0], hours <= 14 else { return nil }
    let minutes = digits.count == 2 ? digits[1] : 0
    guard let minutes, minutes < 60 else { return nil }
    return (first == "-" ? -1 : 1) * (hours * 3600 + minutes * 60)
  }

  /// Howard Hinnant's days_from_civil.
  static func daysFromCivil(_ year: Int, _ month: Int, _ day: Int) -> Int {
    let y = month <= 2 ? year - 1 : year
    let era = (y >= 0 ? y : y - 399) / 400
    let yoe = y - era * 400
    let doy = (153 * (month + (month > 2 ? -3 : 9)) + 2) / 5 + day - 1
    let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy
    return era * 146097 + doe - 719468
  }

  static func civil(_ epochS: Int) -> (year: Int, month: Int, day: Int, hour: Int, minute: Int, second: Int) {
    let days = Int((Double(epochS) / 86400).rounded(.down))
    let secs = epochS - days * 86400
    let z = days + 719468
    let era = (z >= 0 ? z : z - 146096) / 146097
    let doe = z - era * 146097
    let yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100)
    let mp = (5 * doy + 2) / 153
    let day = doy - (153 * mp + 2) / 5 + 1
    let month = mp < 10 ? mp + 3 : mp - 9
    let year = yoe + era * 400 + (month <= 2 ? 1 : 0)
    return (year, month, day, secs / 3600, (secs % 3600) / 60, secs % 60)
  }
}
