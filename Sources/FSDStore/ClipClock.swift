import Foundation

/// Which clock a clip's start comes from (`clips.time_source`).
public enum ClipTimeSource: String, Codable, Sendable, CaseIterable {
  /// The TeslaCam file name ("2026-11-02_08-14-31-front.mp4"): the car's clock.
  case fileName = "file_name"
  /// Another dashcam's or a phone's file name ("20231105_142233.mp4"): that camera's own clock.
  case dashcamFileName = "dashcam_file_name"
  /// The MP4 `mvhd` creation time (UTC), when the name carries no time.
  case mp4CreationTime = "mp4_creation_time"
  /// The file's modification time minus the clip's length, when neither the name nor the MP4 does.
  case fileModified = "file_modified"
}

/// The two clocks a clip's start is known on, as seconds since 1970.
///
/// `utcStartS`: the MP4 creation time (Tesla: GPS-derived UTC), or for a clip with no time in its
/// name or its MP4 the file's modification time minus its length. `localStartS`: the file-name
/// time, car-local with no zone, read as if it were UTC, which is right for differences between
/// clips (they share the car's clock) and for matching other car-local stamps (CSV file names).
/// Every module that reads these times (ingest, the store, review, the CLI) reads them here.
public enum ClipClock {
  /// Nil when the clip has no UTC time, or when its creation time disagrees with its file-name
  /// time by more than a time-zone offset explains (the file name wins: `zoneOffsetExplains`).
  public static func utcStartS(_ clip: ClipRecord) -> Double? {
    if clip.timeSource == .fileModified {
      // A camera writes the file's modification time as it closes the file, at the end of the
      // recording: the start is that time minus the clip's length.
      let duration = clip.durationS.flatMap { $0.isFinite && $0 > 0 ? $0 : nil } ?? 0
      return clip.mtimeS - duration
    }
    guard let utc = clip.startUtc.flatMap(utcSeconds) else { return nil }
    if let local = localStartS(clip), !zoneOffsetExplains(utcMinusLocalS: utc - local) { return nil }
    return utc
  }

  /// Whether a time-zone offset can explain a clip's UTC creation time minus its file-name time:
  /// every zone in use is a whole number of quarter hours within ±14 h; 2 minutes either way
  /// allow for a camera that stamps the file a little before or after its first frame.
  public static func zoneOffsetExplains(utcMinusLocalS difference: Double) -> Bool {
    let slackS = 120.0
    guard difference.isFinite, abs(difference) <= 14 * 3600 + slackS else { return false }
    return abs(difference - (difference / 900).rounded() * 900) <= slackS
  }

  /// The creation time a clip's file-name time overrules, as UTC seconds, with the name's time.
  public static func overruledCreationTime(_ clip: ClipRecord) -> (utcS: Double, localS: Double)? {
    guard clip.timeSource != .fileModified, let utc = clip.startUtc.flatMap(utcSeconds),
      let local = localStartS(clip), !zoneOffsetExplains(utcMinusLocalS: utc - local)
    else { return nil }
    return (utc, local)
  }

  /// Which clock a clip's time came from, in words, when it is not simply the TeslaCam file name
  /// (nil then): for `fsdlog status`, `fsdlog event` and the review card.
  public static func sourceNote(_ clip: ClipRecord) -> String? {
    var text: String
    // Rows written without a time source (tests, hand-made rows) read as ingest would have set it.
    let source = clip.timeSource ?? (clip.nameTimeLocal != nil ? .fileName : clip.startUtc != nil ? .mp4CreationTime : nil)
    switch source {
    case .fileName: text = "time from the TeslaCam file name"
    case .dashcamFileName: text = "time from the file name (the dashcam's own clock, no time zone)"
    case .mp4CreationTime: text = "time from the MP4's creation time (UTC; no time in the file name)"
    case .fileModified:
      return "time from the file's modification time minus the clip's length (no time in the name or the MP4)"
    case nil: return clip.status == .ok || clip.status == .partial ? "time unknown (no time in the name or the MP4)" : nil
    }
    if let overruled = overruledCreationTime(clip) {
      text += "; the MP4's creation time, \(displayText(overruled.utcS)) UTC, is "
        + "\(gapText(overruled.utcS - overruled.localS)) away, more than a time-zone offset, and is ignored"
    } else if source == .fileName {
      return nil
    }
    return text
  }

  /// "2023-11-05 14:22:33": seconds since 1970 as text, to the second, zone not named.
  public static func displayText(_ seconds: Double) -> String {
    localText(seconds).replacingOccurrences(of: "T", with: " ")
  }

  /// A time difference in the largest units that say it: "8 years", "45 days", "3 h 07 min", "17 min", "40 s".
  public static func gapText(_ seconds: Double) -> String {
    let magnitude = abs(seconds)
    let day = 86_400.0
    if magnitude >= 730 * day { return "\(Int(magnitude / (365.25 * day))) years" }
    if magnitude >= 2 * day { return "\(Int(magnitude / day)) days" }
    if magnitude >= 3600 {
      let minutes = Int((magnitude / 60).rounded())
      return "\(minutes / 60) h " + String(format: "%02d min", minutes % 60)
    }
    if magnitude >= 60 { return "\(Int((magnitude / 60).rounded())) min" }
    return "\(Int(magnitude.rounded())) s"
  }

  public static func localStartS(_ clip: ClipRecord) -> Double? {
    clip.nameTimeLocal.flatMap(localSeconds)
  }

  /// ISO 8601 UTC text, with or without milliseconds ("2026-11-02T16:14:45.153Z"), as seconds
  /// since 1970. The form the store writes is read by hand (`storedUTCSeconds`): grouping tens of
  /// thousands of events into incidents spent most of its time making date formatters; any other
  /// form goes through the formatter.
  public static func utcSeconds(_ iso: String) -> Double? {
    if let seconds = storedUTCSeconds(iso) { return seconds }
    let formatter = ISO8601DateFormatter()
    formatter.formatOptions = [.withInternetDateTime, .withFractionalSeconds]
    if let date = formatter.date(from: iso) { return date.timeIntervalSince1970 }
    formatter.formatOptions = [.withInternetDateTime]
    return formatter.date(from: iso)?.timeIntervalSince1970
  }

  /// "YYYY-MM-DDTHH:MM:SS[.fff…]Z" with a real date and time, read without a formatter; nil for
  /// anything else (the caller then asks the formatter).
  static func storedUTCSeconds(_ text: String) -> Double? {
    let bytes = Array(text.utf8)
    func number(_ from: Int, _ count: Int) -> Int? {
      var value = 0
      for byte in bytes[from..<(from + count)] {
        guard (48...57).contains(byte) else { return nil }
        value = value * 10 + Int(byte - 48)
      }
      return value
    }
    guard bytes.count >= 20, bytes[4] == 45, bytes[7] == 45, bytes[10] == 84, bytes[13] == 58, bytes[16] == 58,
          let year = number(0, 4), let month = number(5, 2), let day = number(8, 2), let hour = number(11, 2),
          let minute = number(14, 2), let second = number(17, 2), (1...12).contains(month), hour < 24, minute < 60,
          second < 60
    else { return nil }
    let leap = year % 4 == 0 && (year % 100 != 0 || year % 400 == 0)
    let monthDays = [31, leap ? 29 : 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31][month - 1]
    guard (1...monthDays).contains(day) else { return nil }
    var fraction = 0.0, index = 19
    if bytes[index] == 46 {
      index += 1
      var scale = 0.1
      while index < bytes.count, (48...57).contains(bytes[index]) {
        fraction += Double(bytes[index] - 48) * scale
        scale /= 10
        index += 1
      }
      guard index > 20 else { return nil }
    }
    guard index == bytes.count - 1, bytes[index] == 90 else { return nil }
    // Days from the civil date (Howard Hinnant's days_from_civil).
    let y = month <= 2 ? year - 1 : year
    let era = (y >= 0 ? y : y - 399) / 400
    let yearOfEra = y - era * 400
    let dayOfYear = (153 * (month + (month > 2 ? -3 : 9)) + 2) / 5 + day - 1
    let dayOfEra = yearOfEra * 365 + yearOfEra / 4 - yearOfEra / 100 + dayOfYear
    let days = era * 146_097 + dayOfEra - 719_468
    return Double(days * 86_400 + hour * 3_600 + minute * 60 + second) + fraction
  }

  /// Car-local text `seconds` after a car-local time: where in the car's day a clip offset falls.
  public static func localText(_ localISO: String, plusS seconds: Double) -> String? {
    localSeconds(localISO).map { localText($0 + seconds) }
  }

  /// An event's peak on the car's clock: its clip's file-name time plus the event's offset; nil
  /// when either is unknown.
  public static func peakLocal(_ clip: ClipRecord?, _ event: EventRecord) -> String? {
    guard let nameTime = clip?.nameTimeLocal, let offsetS = event.offsetS else { return nil }
    return localText(nameTime, plusS: offsetS)
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
