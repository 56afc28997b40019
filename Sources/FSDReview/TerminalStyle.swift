import FSDDomain
import Foundation

/// ANSI colours for the review screen, or none: `NO_COLOR` (any value, https://no-color.org)
/// and `TERM=dumb` turn them off.
public struct TerminalStyle: Sendable {
  public let usesColor: Bool

  public init(usesColor: Bool) { self.usesColor = usesColor }

  public static func fromEnvironment(_ environment: [String: String] = ProcessInfo.processInfo.environment) -> TerminalStyle {
    TerminalStyle(usesColor: environment["NO_COLOR"] == nil && environment["TERM"] != "dumb")
  }

  private func wrap(_ text: String, _ code: String) -> String { usesColor ? "\u{1B}[\(code)m\(text)\u{1B}[0m" : text }

  public func bold(_ text: String) -> String { wrap(text, "1") }
  public func dim(_ text: String) -> String { wrap(text, "2") }
  public func red(_ text: String) -> String { wrap(text, "31") }
  public func green(_ text: String) -> String { wrap(text, "32") }
  public func yellow(_ text: String) -> String { wrap(text, "33") }
  public func cyan(_ text: String) -> String { wrap(text, "36") }
  public func inverse(_ text: String) -> String { wrap(text, "7") }
  public func cursor(_ text: String) -> String { usesColor ? inverse(text) : (text == " " ? "_" : text) }

  /// The colour a verdict is shown in.
  public func verdict(_ text: String, _ verdict: Verdict?) -> String {
    switch verdict {
    case .phantom: red(text)
    case .justified: green(text)
    case .unsure: yellow(text)
    case nil: dim(text)
    }
  }

  /// Visible width of a styled string (escape sequences take no columns).
  public static func visibleWidth(_ text: String) -> Int {
    var width = 0
    var inEscape = false
    for scalar in text.unicodeScalars {
      if inEscape {
        if (0x40...0x7E).contains(scalar.value) && scalar != "[" { inEscape = false }
      } else if scalar == "\u{1B}" {
        inEscape = true
      } else {
        width += 1
      }
    }
    return width
  }

  /// `text` cut to `width` visible columns (escape sequences kept, colour reset after a cut).
  public static func truncate(_ text: String, to width: Int) -> String {
    guard visibleWidth(text) > width else { return text }
    var result = ""
    var visible = 0
    var inEscape = false
    for scalar in text.unicodeScalars {
      if inEscape {
        result.unicodeScalars.append(scalar)
        if (0x40...0x7E).contains(scalar.value) && scalar != "[" { inEscape = false }
      } else if scalar == "\u{1B}" {
        inEscape = true
        result.unicodeScalars.append(scalar)
      } else {
        if visible == width - 1 { break }
        result.unicodeScalars.append(scalar)
        visible += 1
      }
    }
    return result + "…" + (text.contains("\u{1B}") ? "\u{1B}[0m" : "")
  }
}
