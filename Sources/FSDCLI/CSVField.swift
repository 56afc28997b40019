import FSDStore

/// One CSV field as RFC 4180 writes it: quoted when it holds a comma, a quote or a line break,
/// quotes doubled; nil is the empty field. Text (not a number) that a spreadsheet would run as a
/// formula is made inert first (`UntrustedText.forSpreadsheet`). `events --format csv` and
/// `export` both write with it.
enum CSVField {
  static func text(_ value: Any?) -> String {
    guard let value else { return "" }
    let string = value is String ? UntrustedText.forSpreadsheet(value as! String) : "\(value)"
    guard string.contains(where: { $0 == "," || $0 == "\"" || $0 == "\n" || $0 == "\r" }) else { return string }
    return "\"\(string.replacingOccurrences(of: "\"", with: "\"\""))\""
  }
}
