import FSDSynth
import FSDTestSupport
import Foundation
import XCTest

/// Runs the real `fsdlog-synth` executable on scenario files written by the test.
enum SynthTool {
  /// fsdlog's repository root (this file is tools/synth/Tests/SynthToolTests/SynthToolHarness.swift).
  static let packageRoot = URL(fileURLWithPath: #filePath)
    .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
    .deletingLastPathComponent().deletingLastPathComponent()

  static var executable: URL {
    let candidates = [Bundle.main.bundleURL.appendingPathComponent("fsdlog-synth"),
                      Bundle.main.bundleURL.deletingLastPathComponent().appendingPathComponent("fsdlog-synth")]
    return candidates.first { FileManager.default.isExecutableFile(atPath: $0.path) } ?? candidates[0]
  }

  /// Runs `executable` (a path, or a name on PATH such as "ffmpeg") to completion.
  static func run(_ executable: String, _ arguments: [String]) throws -> ProcessRunner.Result {
    try ProcessRunner.run(executable, arguments)
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
