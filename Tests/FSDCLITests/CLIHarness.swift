import FSDTestSupport
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

  typealias Result = ProcessRunner.Result

  /// Runs a command to completion. `environment` entries are added to (and override) ours.
  @discardableResult
  static func run(_ executable: URL, _ arguments: [String], environment: [String: String] = [:],
                  currentDirectory: URL? = nil, stdin: String? = nil) throws -> Result {
    try ProcessRunner.run(executable.path, arguments, environment: environment, currentDirectory: currentDirectory?.path,
                          stdin: stdin.map { Data($0.utf8) })
  }

  static func fsdlog(_ arguments: [String], environment: [String: String] = [:]) throws -> Result {
    try run(executable, arguments, environment: environment)
  }

  /// A tool found on PATH (ffmpeg, sqlite3 ...).
  static func tool(_ name: String, _ arguments: [String]) throws -> Result {
    try ProcessRunner.run(name, arguments)
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

extension ProcessRunner.Result {
  /// `stdout` with the lines the human summaries wrap at 80 columns joined again (a line break
  /// and the continuation's indent become one space), for finding a sentence in it.
  var unwrappedStdout: String {
    stdout.replacingOccurrences(of: #"\n +"#, with: " ", options: .regularExpression)
  }
}

/// Data handed from another thread (a background ingest's result), with whether it has come yet.
final class LockedData: @unchecked Sendable {
  private let lock = NSLock()
  private var data = Data()
  private var done = false
  func set(_ value: Data) { lock.lock(); data = value; done = true; lock.unlock() }
  var isSet: Bool { lock.lock(); defer { lock.unlock() }; return done }
  var value: Data { lock.lock(); defer { lock.unlock() }; return data }
}
