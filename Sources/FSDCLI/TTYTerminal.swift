import FSDReview
import Foundation

/// The review's terminal: stdin in raw mode (single keys, no echo, Ctrl-C as a key), the
/// alternate screen on stdout, and everything put back on exit — also when a signal ends us.
///
/// SIGKILL cannot be caught; every tag is committed before the next key is read, so nothing is
/// lost then either, and `reset` restores the terminal.
final class TTYTerminal: ReviewTerminal {
  private var pending: [Key] = []

  /// Takes over the terminal, or returns nil when stdin or stdout is not one.
  init?() {
    guard isatty(STDIN_FILENO) == 1, isatty(STDOUT_FILENO) == 1 else { return nil }
    var original = termios()
    guard tcgetattr(STDIN_FILENO, &original) == 0 else { return nil }
    TerminalRestore.saved = original
    TerminalRestore.isActive = true
    for signalNumber in [SIGINT, SIGTERM, SIGHUP, SIGQUIT] {
      signal(signalNumber, TerminalRestore.onSignal)
    }
    // A resize interrupts the blocking read (no SA_RESTART), and readKey turns that into a redraw.
    var resize = sigaction()
    resize.__sigaction_handler.sa_handler = { _ in }
    resize.sa_flags = 0
    sigemptyset(&resize.sa_mask)
    sigaction(SIGWINCH, &resize, nil)
    var raw = original
    raw.c_lflag &= ~tcflag_t(ECHO | ICANON | ISIG | IEXTEN)
    raw.c_iflag &= ~tcflag_t(IXON | ICRNL | INLCR)
    withUnsafeMutableBytes(of: &raw.c_cc) { cc in
      cc[Int(VMIN)] = 1
      cc[Int(VTIME)] = 0
    }
    tcsetattr(STDIN_FILENO, TCSAFLUSH, &raw)
    TerminalRestore.write("\u{1B}[?1049h\u{1B}[?25l")  // alternate screen, hidden cursor
  }

  deinit { restore() }

  /// Puts the terminal back as it was (idempotent).
  func restore() {
    TerminalRestore.restore()
    for signalNumber in [SIGINT, SIGTERM, SIGHUP, SIGQUIT, SIGWINCH] { signal(signalNumber, SIG_DFL) }
  }

  func readKey() -> Key? {
    while pending.isEmpty {
      var buffer = [UInt8](repeating: 0, count: 64)
      let count = read(STDIN_FILENO, &buffer, buffer.count)
      if count < 0 && errno == EINTR { return .redraw }
      if count <= 0 { return nil }
      pending = KeyDecoder.keys(in: Array(buffer[0..<count]))
    }
    return pending.removeFirst()
  }

  func draw(_ lines: [String]) {
    // Home, then each line over the old one (clearing its rest), then clear below: no flicker.
    // Lines are cut to the width: a wrapped line would push the key bar off the screen.
    let width = columns
    // No newline after the last line: on the bottom row it would scroll the screen.
    let shown = lines.prefix(rows).map { TerminalStyle.truncate($0, to: width) + "\u{1B}[K" }
    let screen = "\u{1B}[H" + shown.joined(separator: "\r\n") + "\u{1B}[J"
    TerminalRestore.write(screen)
  }

  var columns: Int { size().columns }
  var rows: Int { size().rows }

  private func size() -> (columns: Int, rows: Int) {
    var size = winsize()
    guard ioctl(STDOUT_FILENO, UInt(TIOCGWINSZ), &size) == 0, size.ws_col > 0, size.ws_row > 0 else { return (80, 24) }
    return (Int(size.ws_col), Int(size.ws_row))
  }
}

/// Global state for restoring the terminal from a signal handler, which cannot capture context.
/// Only async-signal-safe calls (tcsetattr, write, _exit) happen in the handler.
enum TerminalRestore {
  nonisolated(unsafe) static var saved = termios()
  nonisolated(unsafe) static var isActive = false
  static let leaveSequence: [UInt8] = Array("\u{1B}[?25h\u{1B}[?1049l".utf8)

  static func restore() {
    guard isActive else { return }
    isActive = false
    tcsetattr(STDIN_FILENO, TCSAFLUSH, &saved)
    leaveSequence.withUnsafeBytes { _ = Glibc.write(STDOUT_FILENO, $0.baseAddress, $0.count) }
  }

  static func write(_ text: String) {
    var remaining = Array(text.utf8)[...]
    while !remaining.isEmpty {
      let written = remaining.withUnsafeBytes { Glibc.write(STDOUT_FILENO, $0.baseAddress, $0.count) }
      if written < 0 && errno == EINTR { continue }
      if written <= 0 { return }
      remaining = remaining.dropFirst(written)
    }
  }

  static let onSignal: @convention(c) (Int32) -> Void = { signalNumber in
    TerminalRestore.restore()
    _exit(128 + signalNumber)
  }
}
