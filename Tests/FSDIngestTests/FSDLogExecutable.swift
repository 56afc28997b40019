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

  private static func start(_ arguments: [String]) throws -> Process {
    let process = Process()
    process.executableURL = executable
    process.arguments = arguments
    // Nothing reads its output: a full pipe must not be what stops it.
    process.standardOutput = FileHandle.nullDevice
    process.standardError = FileHandle.nullDevice
    process.standardInput = FileHandle.nullDevice
    try process.run()
    return process
  }

  /// Runs to completion; returns the exit status.
  static func run(_ arguments: [String]) throws -> Int32 {
    let process = try start(arguments)
    process.waitUntilExit()
    return process.terminationStatus
  }

  struct Output {
    let status: Int32
    let stdout: String
    let stderr: String
    /// It had not finished within the time allowed, and was killed.
    let timedOut: Bool
  }

  /// Runs it with output kept, killing it if it has not finished within `timeoutSeconds` (a hang
  /// must fail the test, not stall the suite). `wrapper` runs it under another program (setpriv).
  static func capture(_ arguments: [String], timeoutSeconds: Double = 120, wrapper: [String] = []) throws -> Output {
    let folder = FileManager.default.temporaryDirectory.appendingPathComponent("fsdlog-out-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
    defer { try? FileManager.default.removeItem(at: folder) }
    let out = folder.appendingPathComponent("stdout"), err = folder.appendingPathComponent("stderr")
    FileManager.default.createFile(atPath: out.path, contents: nil)
    FileManager.default.createFile(atPath: err.path, contents: nil)
    let process = Process()
    if let program = wrapper.first {
      process.executableURL = URL(fileURLWithPath: program)
      process.arguments = Array(wrapper.dropFirst()) + [executable.path] + arguments
    } else {
      process.executableURL = executable
      process.arguments = arguments
    }
    // Files, not pipes: nothing has to read while it runs, so a hang is only its own.
    process.standardOutput = try FileHandle(forWritingTo: out)
    process.standardError = try FileHandle(forWritingTo: err)
    process.standardInput = FileHandle.nullDevice
    try process.run()
    let deadline = Date().addingTimeInterval(timeoutSeconds)
    while process.isRunning && Date() < deadline { usleep(10_000) }
    let timedOut = process.isRunning
    if timedOut { kill(process.processIdentifier, SIGKILL) }
    process.waitUntilExit()
    return Output(status: process.terminationStatus, stdout: try String(contentsOf: out, encoding: .utf8),
                  stderr: try String(contentsOf: err, encoding: .utf8), timedOut: timedOut)
  }

  /// Starts it and sends SIGKILL after `afterSeconds`. Returns whether it was still running then.
  static func runAndKill(_ arguments: [String], afterSeconds: Double) throws -> Bool {
    let process = try start(arguments)
    let deadline = Date().addingTimeInterval(afterSeconds)
    while process.isRunning && Date() < deadline { usleep(2_000) }
    let wasRunning = process.isRunning
    if wasRunning { kill(process.processIdentifier, SIGKILL) }
    process.waitUntilExit()
    return wasRunning
  }
}
