import Foundation
import XCTest

/// Runs the real `fsdlog` executable (built next to this test bundle) and other tools.
enum CLI {
  static let packageRoot = URL(fileURLWithPath: #filePath)
    .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
  /// The layout fixture (every naming variant and damaged file); the generated drives are in samples/.
  static let samples = packageRoot.appendingPathComponent("Tests/Fixtures/TeslaCamLayout").path

  static var executable: URL {
    let candidates = [
      Bundle.main.bundleURL.appendingPathComponent("fsdlog"),
      Bundle.main.bundleURL.deletingLastPathComponent().appendingPathComponent("fsdlog"),
    ]
    return candidates.first { FileManager.default.isExecutableFile(atPath: $0.path) } ?? candidates[0]
  }

  struct Result {
    let status: Int32
    let stdout: String
    let stderr: String

    /// `stdout` with the lines the human summaries wrap at 80 columns joined again (a line break
    /// and the continuation's indent become one space), for finding a sentence in it.
    var unwrappedStdout: String {
      stdout.replacingOccurrences(of: #"\n +"#, with: " ", options: .regularExpression)
    }
  }

  /// Runs a command to completion. `environment` entries are added to (and override) ours.
  @discardableResult
  static func run(_ executable: URL, _ arguments: [String], environment: [String: String] = [:],
                  currentDirectory: URL? = nil) throws -> Result {
    let process = Process()
    process.executableURL = executable
    process.arguments = arguments
    process.environment = ProcessInfo.processInfo.environment.merging(environment) { $1 }
    if let currentDirectory { process.currentDirectoryURL = currentDirectory }
    let output = Pipe(), errors = Pipe()
    process.standardOutput = output
    process.standardError = errors
    process.standardInput = FileHandle.nullDevice
    try process.run()
    // Read both pipes concurrently so a chatty process cannot block on a full pipe.
    let errorData = LockedData()
    let reader = Thread { errorData.set(errors.fileHandleForReading.readDataToEndOfFile()) }
    reader.start()
    let outputData = output.fileHandleForReading.readDataToEndOfFile()
    process.waitUntilExit()
    while !errorData.isSet { usleep(1000) }
    return Result(status: process.terminationStatus, stdout: String(decoding: outputData, as: UTF8.self),
                  stderr: String(decoding: errorData.value, as: UTF8.self))
  }

  static func fsdlog(_ arguments: [String], environment: [String: String] = [:]) throws -> Result {
    try run(executable, arguments, environment: environment)
  }

  static func tool(_ name: String, _ arguments: [String]) throws -> Result {
    try run(URL(fileURLWithPath: "/usr/bin/env"), [name] + arguments)
  }

  /// Rows of a query against a real SQLite file, through the sqlite3 command-line shell.
  static func sqlite(_ database: String, _ query: String) throws -> [[String]] {
    let result = try tool("sqlite3", ["-separator", "\t", database, query])
    XCTAssertEqual(result.status, 0, result.stderr)
    return result.stdout.split(separator: "\n", omittingEmptySubsequences: true).map {
      $0.split(separator: "\t", omittingEmptySubsequences: false).map(String.init)
    }
  }

  static func temporaryDirectory() throws -> URL {
    let url = FileManager.default.temporaryDirectory.appendingPathComponent("fsdlog-cli-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
    return url
  }
}

final class LockedData: @unchecked Sendable {
  private let lock = NSLock()
  private var data = Data()
  private var done = false
  func set(_ value: Data) { lock.lock(); data = value; done = true; lock.unlock() }
  var isSet: Bool { lock.lock(); defer { lock.unlock() }; return done }
  var value: Data { lock.lock(); defer { lock.unlock() }; return data }
}
