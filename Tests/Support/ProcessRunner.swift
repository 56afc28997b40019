import Foundation

/// Runs a program to completion and keeps what it printed: the one way the tests run fsdlog,
/// fsdlog-synth, ffmpeg, ffprobe, sqlite3, python3 and the other tools. (A test that signals a
/// process while it runs, or drives it through a terminal, starts it itself and says why.)
public enum ProcessRunner {
  public struct Result: Sendable {
    /// The exit status; the signal number when it was killed by one (see `killedBySignal`).
    public let status: Int32
    public let killedBySignal: Bool
    /// It had not finished within the time allowed and was killed (SIGKILL).
    public let timedOut: Bool
    public let stdoutData: Data
    public let stderrData: Data

    public var stdout: String { String(decoding: stdoutData, as: UTF8.self) }
    public var stderr: String { String(decoding: stderrData, as: UTF8.self) }

    public init(status: Int32, stdout: String, stderr: String, killedBySignal: Bool = false, timedOut: Bool = false) {
      self.init(
        status: status, killedBySignal: killedBySignal, timedOut: timedOut, stdoutData: Data(stdout.utf8),
        stderrData: Data(stderr.utf8))
    }

    init(status: Int32, killedBySignal: Bool, timedOut: Bool, stdoutData: Data, stderrData: Data) {
      self.status = status
      self.killedBySignal = killedBySignal
      self.timedOut = timedOut
      self.stdoutData = stdoutData
      self.stderrData = stderrData
    }
  }

  public struct Failure: Error, CustomStringConvertible {
    public let description: String
    public init(description: String) { self.description = description }
  }

  /// Runs `executable` (a path, or a name looked up on PATH such as "ffmpeg") with `arguments`.
  /// `environment` entries are added to (and override) the test's own; `stdin` is what it reads
  /// (nothing: /dev/null, when nil). A program still running after `timeoutSeconds` is killed, so
  /// a hang fails the test instead of stalling the suite; the default is generous because the
  /// machines that run the suite are shared and slow.
  public static func run(
    _ executable: String, _ arguments: [String] = [], environment: [String: String] = [:],
    currentDirectory: String? = nil, stdin: Data? = nil, timeoutSeconds: Double = 900
  ) throws -> Result {
    let merged = ProcessInfo.processInfo.environment.merging(environment) { $1 }
    let process = Process()
    process.executableURL = try locate(executable, path: merged["PATH"])
    process.arguments = arguments
    process.environment = merged
    if let currentDirectory { process.currentDirectoryURL = URL(fileURLWithPath: currentDirectory) }

    // Files, not pipes: nothing has to read while it runs, so a chatty program cannot block on a
    // full pipe, and a hang is only its own.
    let folder = try TemporaryFolder(prefix: "fsdlog-run")
    let out = folder.path("stdout"), err = folder.path("stderr")
    _ = FileManager.default.createFile(atPath: out, contents: nil)
    _ = FileManager.default.createFile(atPath: err, contents: nil)
    let outHandle = try FileHandle(forWritingTo: URL(fileURLWithPath: out))
    let errHandle = try FileHandle(forWritingTo: URL(fileURLWithPath: err))
    defer {
      try? outHandle.close()
      try? errHandle.close()
    }
    process.standardOutput = outHandle
    process.standardError = errHandle
    if let stdin {
      let input = folder.path("stdin")
      _ = FileManager.default.createFile(atPath: input, contents: stdin)
      process.standardInput = try FileHandle(forReadingFrom: URL(fileURLWithPath: input))
    } else {
      process.standardInput = FileHandle.nullDevice
    }

    let finished = DispatchSemaphore(value: 0)
    process.terminationHandler = { _ in finished.signal() }
    try process.run()
    let timedOut = finished.wait(timeout: .now() + timeoutSeconds) == .timedOut
    if timedOut {
      kill(process.processIdentifier, SIGKILL)  // our own child, by its id
      finished.wait()
    }
    return Result(
      status: process.terminationStatus, killedBySignal: process.terminationReason == .uncaughtSignal,
      timedOut: timedOut, stdoutData: try Data(contentsOf: URL(fileURLWithPath: out)),
      stderrData: try Data(contentsOf: URL(fileURLWithPath: err)))
  }

  /// `executable` itself when it holds a slash, else the first executable of that name on `path`.
  static func locate(_ executable: String, path: String?) throws -> URL {
    if executable.contains("/") { return URL(fileURLWithPath: executable) }
    let folders = (path ?? "/usr/local/bin:/usr/bin:/bin").split(separator: ":")
    guard let found = folders.map({ "\($0)/\(executable)" }).first(where: { FileManager.default.isExecutableFile(atPath: $0) })
    else { throw Failure(description: "\(executable) is not on PATH (\(path ?? "unset")): is it installed?") }
    return URL(fileURLWithPath: found)
  }
}
