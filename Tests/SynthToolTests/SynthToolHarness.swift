import FSDSynth
import Foundation
import XCTest

/// Runs the real `fsdlog-synth` executable on scenario files written by the test.
enum SynthTool {
  static let packageRoot = URL(fileURLWithPath: #filePath)
    .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

  static var executable: URL {
    let candidates = [Bundle.main.bundleURL.appendingPathComponent("fsdlog-synth"),
                      Bundle.main.bundleURL.deletingLastPathComponent().appendingPathComponent("fsdlog-synth")]
    return candidates.first { FileManager.default.isExecutableFile(atPath: $0.path) } ?? candidates[0]
  }

  struct Result { let status: Int32; let stdout: String; let stderr: String }

  static func run(_ executable: String, _ arguments: [String]) throws -> Result {
    let process = Process()
    process.executableURL = URL(fileURLWithPath: executable.hasPrefix("/") ? executable : "/usr/bin/env")
    process.arguments = executable.hasPrefix("/") ? arguments : [executable] + arguments
    let output = FileHandle(forWritingAtPath: "/dev/null")!
    let outURL = FileManager.default.temporaryDirectory.appendingPathComponent("synth-out-\(UUID().uuidString)")
    let errURL = FileManager.default.temporaryDirectory.appendingPathComponent("synth-err-\(UUID().uuidString)")
    FileManager.default.createFile(atPath: outURL.path, contents: nil)
    FileManager.default.createFile(atPath: errURL.path, contents: nil)
    defer { try? FileManager.default.removeItem(at: outURL); try? FileManager.default.removeItem(at: errURL) }
    process.standardOutput = try FileHandle(forWritingTo: outURL)
    process.standardError = try FileHandle(forWritingTo: errURL)
    process.standardInput = output
    try process.run()
    process.waitUntilExit()
    return Result(status: process.terminationStatus,
                  stdout: (try? String(contentsOf: outURL, encoding: .utf8)) ?? "",
                  stderr: (try? String(contentsOf: errURL, encoding: .utf8)) ?? "")
  }

  /// Writes `scenarioJSON` to a temporary folder and generates it; returns the output folder.
  static func generate(_ scenarioJSON: String, flags: [String] = []) throws -> URL {
    let folder = FileManager.default.temporaryDirectory.appendingPathComponent("fsdlog-synth-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
    let scenario = folder.appendingPathComponent("scenario.json")
    try Data(scenarioJSON.utf8).write(to: scenario)
    let result = try run(executable.path, [scenario.path, "--out", folder.appendingPathComponent("out").path, "--quiet"] + flags)
    XCTAssertEqual(result.status, 0, result.stderr)
    return folder.appendingPathComponent("out")
  }

  static func simulation(_ scenarioJSON: String) throws -> DriveSimulation {
    var object = try JSONSerialization.jsonObject(with: Data(scenarioJSON.utf8)) as! [String: Any]
    object.removeValue(forKey: "output")
    return try DriveSimulation(scenario: try Scenario.decode(json: try JSONSerialization.data(withJSONObject: object)))
  }

  static func clips(in folder: URL) -> [URL] {
    let enumerator = FileManager.default.enumerator(at: folder, includingPropertiesForKeys: nil)!
    return (enumerator.allObjects as! [URL]).filter { $0.pathExtension == "mp4" }.sorted { $0.path < $1.path }
  }
}
