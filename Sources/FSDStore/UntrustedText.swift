/// Text fsdlog did not write — strings from event.json, file and folder names, a driver's notes —
/// made safe for the place it is shown. Each output escapes at the point of output, because the
/// same note is plain text in the database, a cell in a spreadsheet and a line on a terminal.
public enum UntrustedText {
  /// For a terminal line: every control character (C0 including NUL, DEL, and the C1 range, where
  /// ESC and CSI start the sequences that move the cursor, clear the screen or retitle the window)
  /// is shown as a visible escape (`\e`, `\n`, `\x07`, `\u{9B}`) and never sent raw.
  public static func forTerminal(_ text: String) -> String {
    guard text.unicodeScalars.contains(where: isControl) else { return text }
    var result = ""
    result.reserveCapacity(text.utf8.count + 8)
    for scalar in text.unicodeScalars {
      guard isControl(scalar) else { result.unicodeScalars.append(scalar); continue }
      switch scalar.value {
      case 0x1B: result += "\\e"
      case 0x0A: result += "\\n"
      case 0x0D: result += "\\r"
      case 0x09: result += "\\t"
      case 0x00: result += "\\0"
      case 0..<0x100: result += "\\x" + hex(scalar.value, digits: 2)
      default: result += "\\u{" + hex(scalar.value, digits: 4) + "}"
      }
    }
    return result
  }

  /// For a CSV cell a spreadsheet will open: a cell that begins with `=`, `+`, `-`, `@`, a tab or
  /// a carriage return is a formula to Excel, LibreOffice and Google Sheets (a note
  /// `=HYPERLINK(...)` would run), so it gets a leading `'`, which they show as text (OWASP's
  /// advice for CSV injection). A plain number such as `-0.35` is left as it is.
  public static func forSpreadsheet(_ text: String) -> String {
    guard let first = text.unicodeScalars.first, "=+-@\t\r".unicodeScalars.contains(first) else { return text }
    if (first == "-" || first == "+"), Double(text) != nil { return text }
    return "'" + text
  }

  /// For running Markdown text (a list item, a table cell): one line (a line break could start a
  /// heading or a list), with the characters that would start HTML, a link, emphasis, code or a
  /// table cell escaped, so a note reads as the words that were typed and never as markup. An
  /// underscore is left alone: inside a word (every file name) it is no emphasis in CommonMark.
  /// Control characters are shown as escapes.
  public static func forMarkdown(_ text: String) -> String {
    var result = ""
    result.reserveCapacity(text.utf8.count + 8)
    for character in forTerminal(text.replacingOccurrences(of: "\r\n", with: "\n")
                                   .replacingOccurrences(of: "\n", with: " ")) {
      switch character {
      case "<": result += "&lt;"
      case ">": result += "&gt;"
      case "&": result += "&amp;"
      case "\\", "`", "*", "[", "]", "|": result += "\\" + String(character)
      default: result.append(character)
      }
    }
    return result
  }

  /// For storing: SQLite's C API reads text up to the first NUL, so a NUL is stored as U+FFFD
  /// (the replacement character) and the text after it is kept instead of silently dropped.
  public static func storable(_ text: String) -> String {
    guard text.unicodeScalars.contains("\0") else { return text }
    return text.replacingOccurrences(of: "\0", with: "\u{FFFD}")
  }

  static func isControl(_ scalar: Unicode.Scalar) -> Bool {
    scalar.value < 0x20 || (0x7F...0x9F).contains(scalar.value)
  }

  static func hex(_ value: UInt32, digits: Int) -> String {
    let text = String(value, radix: 16, uppercase: true)
    return String(repeating: "0", count: max(0, digits - text.count)) + text
  }
}
