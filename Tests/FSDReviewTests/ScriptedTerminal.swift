import FSDReview

/// A terminal that plays back keys and keeps every screen drawn: what the interactive review
/// tests drive. Input ends (nil) after the last key, as a closed stdin would.
final class ScriptedTerminal: ReviewTerminal {
  private var keys: [Key]
  private(set) var screens: [[String]] = []
  let columns: Int
  let rows: Int

  init(_ keys: [Key], columns: Int = 100, rows: Int = 40) {
    self.keys = keys
    self.columns = columns
    self.rows = rows
  }

  /// Keys from text: every character one key press.
  convenience init(typing text: String) { self.init(text.map { Key.character($0) }) }

  func readKey() -> Key? { keys.isEmpty ? nil : keys.removeFirst() }
  func draw(_ lines: [String]) { screens.append(lines) }

  var lastScreen: String { screens.last?.joined(separator: "\n") ?? "" }
  var keysLeft: Int { keys.count }
}

/// Player and preview stand-ins that record what they were asked.
final class RecordingActions: ReviewActions {
  private(set) var played: [Int64] = []
  private(set) var exported: [Int64] = []
  func play(_ details: EventDetails) -> String { played.append(details.event.id ?? 0); return "played" }
  func exportPreview(_ details: EventDetails) -> String { exported.append(details.event.id ?? 0); return "exported" }
}
