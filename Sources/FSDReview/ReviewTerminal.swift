/// What the interactive review needs from a terminal. The real one (raw mode on a TTY) lives in
/// the CLI; tests drive the review through a scripted one.
public protocol ReviewTerminal: AnyObject {
  /// The next key, blocking; nil when input has ended (the review then quits, saving nothing
  /// more: everything given so far is already committed).
  func readKey() -> Key?
  /// Replaces the whole screen with `lines` (already styled, one per row).
  func draw(_ lines: [String])
  /// Terminal width in columns.
  var columns: Int { get }
  /// Terminal height in rows: a card that does not fit loses its plot first.
  var rows: Int { get }
}
