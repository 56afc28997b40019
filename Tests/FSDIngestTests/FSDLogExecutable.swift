import FSDTestSupport
import Foundation

/// The real `fsdlog` executable, built next to this test bundle (as FSDCLITests' CLIHarness finds it),
/// or the one FSDLOG_EXECUTABLE names (to run these tests against another build, an older one say).
enum FSDLog {
  static var executable: URL {
    if let given = ProcessInfo.processInfo.environment["FSDLOG_EXECUTABLE"] { return URL(fileURLWithPath: given) }
    let candidates = [
      Bundle.main.bundleURL.appendingPathComponent("fsdlog"),
      Bundle.main.bundleURL.deletingLastPathComponent().appendingPathComponent("fsdlog"),
    ]
    return candidates.first { FileManager.default.isExecutableFile(atPath: $0.path) } ?? candidates[0]
  }

  /// Runs to completion; returns the exit status.
  static func run(_ arguments: [String]) throws -> Int32 {
    try ProcessRunner.run(executable.path, arguments).status
  }

  typealias Output = ProcessRunner.Result

  /// Runs it with output kept, killing it if it has not finished within `timeoutSeconds` (a hang
  /// must fail the test, not stall the suite). `wrapper` runs it under another program (setpriv).
  static func capture(_ arguments: [String], timeoutSeconds: Double = 120, wrapper: [String] = []) throws -> Output {
    if let program = wrapper.first {
      return try ProcessRunner.run(
        program, Array(wrapper.dropFirst()) + [executable.path] + arguments, timeoutSeconds: timeoutSeconds)
    }
    return try ProcessRunner.run(executable.path, arguments, timeoutSeconds: timeoutSeconds)
  }

  /// Starts it and kills it (SIGKILL) after `afterSeconds`. Returns whether it was still running then.
  static func runAndKill(_ arguments: [String], afterSeconds: Double) throws -> Bool {
    try ProcessRunner.run(executable.path, arguments, timeoutSeconds: afterSeconds).timedOut
  }
}
