import Foundation

/// Parses the timestamps FFmpeg reports for MP4 creation time ("2026-11-02T07:14:31.000000Z").
enum ISO8601Timestamp {
  static func parse(_ text: String) -> Date? {
    // ISO8601DateFormatter accepts at most millisecond fractions; FFmpeg writes microseconds.
    var trimmed = text
    if let dot = trimmed.firstIndex(of: "."), let zone = trimmed[dot...].firstIndex(where: { $0 == "Z" || $0 == "+" || $0 == "-" }) {
      trimmed.removeSubrange(dot..<zone)
    }
    let formatter = ISO8601DateFormatter()
    formatter.formatOptions = [.withInternetDateTime]
    return formatter.date(from: trimmed)
  }
}
