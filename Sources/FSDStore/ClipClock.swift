import Foundation

/// The two clocks a clip's start is known on, as seconds since 1970.
///
/// `utcStartS`: the MP4 creation time (Tesla: GPS-derived UTC). `localStartS`: the file-name
/// time, car-local with no zone, read as if it were UTC, which is right for differences between
/// clips (they share the car's clock) and for matching other car-local stamps (CSV file names).
/// Every module that reads these times (ingest, the store, review, the CLI) reads them here.
public enum ClipClock {
  public static func utcStartS(_ clip: ClipRecord) -> Double? {
    clip.startUtc.flatMap(utcSeconds)
  }

  public static func localStartS(_ clip: ClipRecord) -> Double? {
    clip.nameTimeLocal.flatMap(localSeconds)
  }

  /// ISO 8601 UTC text, with or without milliseconds ("2026-11-02T16:14:45.153Z"), as seconds
  /// since 1970.
  public static func utcSeconds(_ iso: String) -> Double? {
    let formatter = ISO8601DateFormatter()
    formatter.formatOptions = [.withInternetDateTime, .withFractionalSeconds]
    if let date = formatter.date(from: iso) { return date.timeIntervalSince1970 }
    formatter.formatOptions = [.withInternetDateTime]
    return formatter.date(from: iso)?.timeIntervalSince1970
  }

  /// Car-local text `seconds` after a car-local time: where in the car's day a clip offset falls.
  public static func localText(_ localISO: String, plusS seconds: Double) -> String? {
    localSeconds(localISO).map { localText($0 + seconds) }
  }

  /// Car-local text ("2026-11-02T08:14:31", anything after the seconds ignored) as seconds since
  /// 1970, zone ignored.
  public static func localSeconds(_ localISO: String) -> Double? {
    localFormatter.date(from: String(localISO.prefix(19)))?.timeIntervalSince1970
  }

  /// Seconds since 1970 (zone ignored) back as car-local text: `2026-11-02T08:14:31`.
  public static func localText(_ seconds: Double) -> String {
    localFormatter.string(from: Date(timeIntervalSince1970: seconds.rounded(.down)))
  }

  private static var localFormatter: ISO8601DateFormatter {
    let formatter = ISO8601DateFormatter()
    formatter.formatOptions = [.withFullDate, .withTime, .withDashSeparatorInDate, .withColonSeparatorInTime]
    formatter.timeZone = TimeZone(identifier: "UTC")
    return formatter
  }
}
