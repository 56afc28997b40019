import FSDStore
import Foundation

/// The two clocks a clip's start is known on, as seconds since 1970.
///
/// `utcStartS`: the MP4 creation time (Tesla: GPS-derived UTC). `localStartS`: the file-name
/// time, car-local with no zone, read as if it were UTC, which is right for differences between
/// clips (they share the car's clock) and for matching other car-local stamps (CSV file names).
public enum ClipClock {
  static func utcStartS(_ clip: ClipRecord) -> Double? {
    clip.startUtc.flatMap { ISO8601DateFormatter().date(from: $0) }?.timeIntervalSince1970
  }

  static func localStartS(_ clip: ClipRecord) -> Double? {
    clip.nameTimeLocal.flatMap(localSeconds)
  }

  /// Car-local text `seconds` after a car-local time: where in the car's day a clip offset falls.
  public static func localText(_ localISO: String, plusS seconds: Double) -> String? {
    localSeconds(localISO).map { localText($0 + seconds) }
  }

  private static func localSeconds(_ localISO: String) -> Double? {
    localFormatter.date(from: localISO)?.timeIntervalSince1970
  }

  /// Seconds since 1970 (zone ignored) back as car-local text: `2026-11-02T08:14:31`.
  static func localText(_ seconds: Double) -> String {
    localFormatter.string(from: Date(timeIntervalSince1970: seconds.rounded(.down)))
  }

  private static var localFormatter: ISO8601DateFormatter {
    let formatter = ISO8601DateFormatter()
    formatter.formatOptions = [.withFullDate, .withTime, .withDashSeparatorInDate, .withColonSeparatorInTime]
    formatter.timeZone = TimeZone(identifier: "UTC")
    return formatter
  }
}
