/// A one-line text editor for notes: insert at the cursor, Backspace/Delete, ←/→, Home/End
/// (also Ctrl-A/Ctrl-E). Enter accepts, Escape or Ctrl-C cancels.
public struct LineEditor: Equatable, Sendable {
  public enum Outcome: Equatable, Sendable { case editing, accepted(String), cancelled }

  public private(set) var text: [Character]
  /// Cursor position, 0...text.count.
  public private(set) var cursor: Int

  public init(_ initial: String = "") {
    text = Array(initial)
    cursor = text.count
  }

  public var string: String { String(text) }

  public mutating func apply(_ key: Key) -> Outcome {
    switch key {
    case .character(let character):
      text.insert(character, at: cursor)
      cursor += 1
    case .backspace where cursor > 0:
      cursor -= 1
      text.remove(at: cursor)
    case .delete where cursor < text.count: text.remove(at: cursor)
    case .left: cursor = max(0, cursor - 1)
    case .right: cursor = min(text.count, cursor + 1)
    case .home: cursor = 0
    case .end: cursor = text.count
    case .enter: return .accepted(string)
    case .escape, .interrupt, .endOfInput: return .cancelled
    default: break
    }
    return .editing
  }

  /// The line as shown, with the cursor drawn as a reverse-video cell (or `_` without colour).
  public func rendered(style: TerminalStyle) -> String {
    let before = String(text[..<cursor])
    let atCursor = cursor < text.count ? String(text[cursor]) : " "
    let after = cursor < text.count ? String(text[(cursor + 1)...]) : ""
    return before + style.cursor(atCursor) + after
  }
}
