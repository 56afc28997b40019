import FSDStore
import Foundation

/// Number and path formatting for people, shared by the commands.
enum Formatting {
  static func count(_ value: Int) -> String {
    let formatter = NumberFormatter()
    formatter.numberStyle = .decimal
    formatter.usesGroupingSeparator = true
    formatter.groupingSeparator = ","
    return formatter.string(from: NSNumber(value: value)) ?? "\(value)"
  }

  static func plural(_ value: Int, _ singular: String, _ pluralForm: String? = nil) -> String {
    "\(count(value)) \(value == 1 ? singular : (pluralForm ?? singular + "s"))"
  }

  /// "0:42", "12:03", "1:02:03"
  static func clock(_ seconds: Double) -> String {
    guard seconds.isFinite, seconds >= 0 else { return "--:--" }
    let total = Int(seconds.rounded())
    let hours = total / 3600, minutes = total / 60 % 60, secs = total % 60
    return hours > 0 ? String(format: "%d:%02d:%02d", hours, minutes, secs) : String(format: "%d:%02d", minutes, secs)
  }

  static func seconds(_ value: Double) -> String {
    value < 10 ? String(format: "%.2f s", value) : value < 120 ? String(format: "%.1f s", value) : clock(value)
  }

  /// "7.6 MB": a size on disk (the evidence library, what prune frees), in decimal megabytes.
  static func megabytes(_ bytes: Int64) -> String {
    String(format: "%.1f MB", Double(bytes) / 1_000_000)
  }

  /// A length of driving or video in the unit a person reads it in: "42 s", "2.6 min", "3.25 h"
  /// (a sample drive is not "0.04 h").
  static func duration(_ seconds: Double) -> String {
    guard seconds.isFinite, seconds >= 0 else { return "unknown" }
    if seconds < 59.5 { return String(format: "%.0f s", seconds) }
    if seconds < 3600 { return String(format: "%.1f min", seconds / 60) }
    return String(format: "%.2f h", seconds / 3600)
  }

  /// `text` broken into lines of at most `width` characters at spaces (a word longer than the
  /// width gets a line of its own), each line after the first starting with `indent`: a terminal
  /// would otherwise break it mid-word at its own edge.
  static func wrap(_ text: String, width: Int = 80, firstIndent: String = "", indent: String = "") -> String {
    var lines: [String] = [], line = firstIndent
    for word in text.split(separator: " ", omittingEmptySubsequences: true) {
      let lead = lines.isEmpty ? firstIndent : indent
      if line.count > lead.count && line.count + 1 + word.count > width {
        lines.append(line)
        line = indent + word
      } else {
        line += (line.count > lead.count ? " " : "") + word
      }
    }
    lines.append(line)
    return lines.joined(separator: "\n")
  }

  /// A path relative to the working directory when it lies under it (shorter to read), with any
  /// control character in a file name shown as an escape (a name is not the terminal's to obey).
  static func displayPath(_ path: String) -> String {
    let cwd = FileManager.default.currentDirectoryPath
    let prefix = cwd.hasSuffix("/") ? cwd : cwd + "/"
    return UntrustedText.forTerminal(path.hasPrefix(prefix) ? String(path.dropFirst(prefix.count)) : path)
  }
}
