import FSDTestSupport
import Foundation
import XCTest

/// Paths to the committed layout fixture (Tests/Fixtures/TeslaCamLayout) and a way to make clips with the ffmpeg CLI.
enum Fixtures {
  static let packageRoot = URL(fileURLWithPath: #filePath)
    .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

  static func sample(_ relative: String) -> String {
    packageRoot.appendingPathComponent("Tests/Fixtures/TeslaCamLayout").appendingPathComponent(relative).path
  }

  static let driveFront1 = sample("RecentClips/2026-11-02/2026-11-02_08-14-31-front.mp4")
  static let cutShort = sample("RecentClips/2026-11-02/2026-11-02_08-16-31-front.mp4")
  static let noMoov = sample("RecentClips/2026-11-02/2026-11-02_08-17-31-front.mp4")
  static let zeroBytes = sample("RecentClips/2026-11-03_17-41-05-front.mp4")
  static let textFile = sample("RecentClips/2026-11-03_17-41-05-back.mp4")

  static func temporaryDirectory() throws -> URL {
    let url = FileManager.default.temporaryDirectory.appendingPathComponent("fsdlog-media-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
    return url
  }

  /// Runs a tool and returns its standard output; fails the test on a non-zero exit.
  @discardableResult
  static func run(_ tool: String, _ arguments: [String], file: StaticString = #filePath, line: UInt = #line) throws -> String {
    let result = try ProcessRunner.run(tool, arguments)
    XCTAssertEqual(result.status, 0, "\(tool) failed: \(result.stderr)", file: file, line: line)
    return result.stdout
  }
}
