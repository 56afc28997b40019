import Foundation
import XCTest

/// A real terminal for end-to-end tests: a detached tmux session on its own server socket,
/// driven with send-keys and read with capture-pane, as a person at a terminal would.
final class TmuxSession {
  let socket = "fsdlog-test-\(UUID().uuidString.prefix(8))"
  let name = "review"

  /// Starts `command` (a shell command line) in a 100x40 pane. The shell prints `EXIT=<status>`
  /// and whether the terminal got its echo and line mode back (TTY=restored), then waits, so the screen stays.
  init(_ command: String) throws {
    let script = "\(command); echo EXIT=$?; stty -a | grep -qwE -- '-echo|-icanon' && echo TTY=raw || echo TTY=restored; sleep 120"
    let result = try tmux(["new-session", "-d", "-s", name, "-x", "100", "-y", "40", script])
    XCTAssertEqual(result.status, 0, result.stderr)
  }

  deinit { _ = try? tmux(["kill-server"]) }

  @discardableResult
  func tmux(_ arguments: [String]) throws -> CLI.Result { Self.spawn(["tmux", "-L", socket] + arguments) }

  /// Runs a command to completion with posix_spawn, its output in a temporary file.
  ///
  /// Not Foundation's Process: the tmux server daemonises from the first client and keeps the
  /// descriptors Process watches to see its child exit, so `waitUntilExit` (and a pipe read)
  /// would wait for the server, i.e. forever.
  static func spawn(_ arguments: [String]) -> CLI.Result {
    let path = NSTemporaryDirectory() + "/fsdlog-tmux-\(UUID().uuidString)"
    defer { unlink(path) }
    var actions = posix_spawn_file_actions_t()
    posix_spawn_file_actions_init(&actions)
    defer { posix_spawn_file_actions_destroy(&actions) }
    posix_spawn_file_actions_addopen(&actions, 0, "/dev/null", O_RDONLY, 0)
    posix_spawn_file_actions_addopen(&actions, 1, path, O_WRONLY | O_CREAT | O_TRUNC, 0o600)
    posix_spawn_file_actions_adddup2(&actions, 1, 2)
    // The test process blocks and ignores signals of its own (Foundation, XCTest); a tmux server
    // that inherited them would never hear from its panes. Start it with a clean slate.
    var attributes = posix_spawnattr_t()
    posix_spawnattr_init(&attributes)
    defer { posix_spawnattr_destroy(&attributes) }
    var noSignals = sigset_t(), allSignals = sigset_t()
    sigemptyset(&noSignals)
    sigfillset(&allSignals)
    posix_spawnattr_setsigmask(&attributes, &noSignals)
    posix_spawnattr_setsigdefault(&attributes, &allSignals)
    posix_spawnattr_setflags(&attributes, Int16(POSIX_SPAWN_SETSIGMASK | POSIX_SPAWN_SETSIGDEF))
    var argv: [UnsafeMutablePointer<CChar>?] = arguments.map { strdup($0) } + [nil]
    defer { argv.forEach { free($0) } }
    var pid: pid_t = 0
    guard posix_spawnp(&pid, arguments[0], &actions, &attributes, &argv, environ) == 0 else {
      return CLI.Result(status: -1, stdout: "", stderr: "cannot start \(arguments[0])")
    }
    var status: Int32 = 0
    while waitpid(pid, &status, 0) < 0 && errno == EINTR {}
    let output = (try? String(contentsOfFile: path, encoding: .utf8)) ?? ""
    let exitStatus = (status & 0x7F) == 0 ? (status >> 8) & 0xFF : 128 + (status & 0x7F)
    return CLI.Result(status: exitStatus, stdout: output, stderr: output)
  }

  /// Types text literally (every character a key press).
  func type(_ text: String) throws { try tmux(["send-keys", "-t", name, "-l", text]) }
  /// Presses named keys: "Enter", "Escape", "C-c", "Left".
  func press(_ keys: String...) throws { try tmux(["send-keys", "-t", name] + keys) }

  func screen() throws -> String { try tmux(["capture-pane", "-p", "-t", name]).stdout }

  /// Waits until the screen shows `text` (the program redraws after every key). The timeout
  /// only matters when something is wrong: a loaded CI machine can be slow.
  /// Wait for "TTY=" (the shell's last line), not "EXIT=", before reading what follows it.
  @discardableResult
  func waitFor(_ text: String, timeoutS: Double = 60, file: StaticString = #filePath, line: UInt = #line) throws -> String {
    let deadline = Date().addingTimeInterval(timeoutS)
    var last = ""
    while Date() < deadline {
      last = try screen()
      if last.contains(text) { return last }
      usleep(50_000)
    }
    XCTFail("the screen never showed \"\(text)\"; it shows:\n\(last)", file: file, line: line)
    throw CancellationError()
  }

  /// The pid of the program the pane's shell runs.
  func programPID() throws -> Int32 {
    let shell = try tmux(["list-panes", "-t", name, "-F", "#{pane_pid}"]).stdout.trimmingCharacters(in: .whitespacesAndNewlines)
    let child = Self.spawn(["pgrep", "-P", shell]).stdout.split(separator: "\n").first.map(String.init) ?? ""
    return try XCTUnwrap(Int32(child), "no child of the pane's shell \(shell)")
  }

  static var isAvailable: Bool { FileManager.default.isExecutableFile(atPath: "/usr/bin/tmux") }
}

/// Quotes one word for sh.
func shellQuoted(_ word: String) -> String { "'" + word.replacingOccurrences(of: "'", with: "'\\''") + "'" }
