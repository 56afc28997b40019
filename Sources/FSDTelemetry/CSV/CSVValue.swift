import FSDDomain
/// Cell parsing shared by the dialects. Cells are trimmed of spaces; an empty cell is a missing
/// value, decided by the caller.
enum CSVValue {
  /// A finite decimal number (`12`, `-0.5`, `1e-3`); not `nan`, `inf`, hex or out-of-range text.
  static func number(_ cell: Substring) -> Double? {
    // Only decimal syntax reaches Double's parser, which would also take "nan", "inf" and hex.
    let isDecimal =
      cell.utf8.withContiguousStorageIfAvailable { bytes -> Bool in
        var digits = 0
        for index in 0..<bytes.count {
          switch bytes[index] {
          case 0x30...0x39: digits += 1
          case 0x2B, 0x2D, 0x2E, 0x45, 0x65: break  // + - . E e
          default: return false
          }
        }
        return digits > 0 && bytes.count <= 400
      } ?? false
    guard isDecimal, let value = Double(cell), value.isFinite else { return nil }
    return value
  }

  /// A non-negative whole number such as a frame counter.
  static func counter(_ cell: Substring) -> UInt64? {
    guard !cell.isEmpty, cell.utf8.count <= 20, cell.utf8.allSatisfy({ (0x30...0x39).contains($0) }) else { return nil }
    return UInt64(cell)
  }

  /// `1`/`0`, `true`/`false` (any case, as Python writes them too), `yes`/`no`, `on`/`off`.
  static func flag(_ cell: Substring) -> Bool? {
    guard cell.utf8.count <= 5 else { return nil }
    switch cell.lowercased() {
    case "1", "true", "t", "yes", "y", "on", "1.0": return true
    case "0", "false", "f", "no", "n", "off", "0.0": return false
    default: return nil
    }
  }

  /// `NONE`, `SELF_DRIVING`, `AUTOSTEER`, `TACC` in any case, with or without the protobuf
  /// prefix (`AUTOPILOT_STATE_TACC`), `FSD`, or the enum numbers 0–3.
  static func autopilot(_ cell: Substring) -> AutopilotMode? {
    guard cell.utf8.count <= 40 else { return nil }
    var name = CSVColumnHeader.normalized(cell)
    for prefix in ["autopilotstate", "autopilot"] where name.hasPrefix(prefix) && name.count > prefix.count {
      name.removeFirst(prefix.count)
    }
    switch name {
    case "none", "off", "disabled", "manual", "0": return AutopilotMode.none
    case "selfdriving", "fsd", "1": return .selfDriving
    case "autosteer", "2": return .autosteer
    case "tacc", "3": return .tacc
    default: return nil
    }
  }

  /// A cell for a message: quoted, control characters shown as `?`, long text cut.
  static func quoted(_ cell: Substring) -> String {
    var shown = String(
      cell.unicodeScalars.prefix(40).map { $0.properties.generalCategory == .control ? "?" : Character($0) })
    if cell.unicodeScalars.count > 40 { shown += "…" }
    return "'\(shown)'"
  }

  /// Without surrounding spaces and tabs, on UTF-8 (cheaper than `Character` comparisons).
  static func trimmed(_ cell: Substring) -> Substring {
    let utf8 = cell.utf8
    guard let first = utf8.first, let last = utf8.last, first == 0x20 || first == 0x09 || last == 0x20 || last == 0x09
    else {
      return cell
    }
    var start = utf8.startIndex
    var end = utf8.endIndex
    while start < end, utf8[start] == 0x20 || utf8[start] == 0x09 { utf8.formIndex(after: &start) }
    while end > start, utf8[utf8.index(before: end)] == 0x20 || utf8[utf8.index(before: end)] == 0x09 {
      utf8.formIndex(before: &end)
    }
    return Substring(utf8[start..<end])
  }
}

/// One cell that makes its row unusable; becomes a `CSVProblem` with the row's line.
struct CSVCellError: Error {
  let column: String?
  let message: String
}
