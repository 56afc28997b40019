import Foundation
import XCTest

/// How much driving fsdlog saw: a drive whose middle clip is gone (RecentClips overwritten before
/// the stick was copied) shows the missing footage in `status`, `stats --json` and the report.
final class CoverageTests: XCTestCase {
  var folder: URL!
  var database: String { folder.appendingPathComponent("fsdlog.sqlite").path }

  override func setUpWithError() throws {
    folder = try CLI.temporaryDirectory()
    let recent = folder.appendingPathComponent("TeslaCam/RecentClips")
    try FileManager.default.createDirectory(at: recent, withIntermediateDirectories: true)
    let samples = CLI.packageRoot.appendingPathComponent("samples/TeslaCam/RecentClips/2026-11-16")
    // Three 15 s clips of one drive; the middle one is lost.
    for name in ["2026-11-16_07-58-02-front.mp4", "2026-11-16_07-58-32-front.mp4"] {
      try FileManager.default.copyItem(at: samples.appendingPathComponent(name), to: recent.appendingPathComponent(name))
    }
  }

  override func tearDownWithError() throws { try? FileManager.default.removeItem(at: folder) }

  func fsdlog(_ arguments: [String]) throws -> CLI.Result { try CLI.fsdlog(arguments + ["--db", database]) }

  func testMissingFootageBetweenClipsIsCountedAndFlagged() throws {
    _ = try fsdlog(["ingest", folder.appendingPathComponent("TeslaCam").path])
    let status = try fsdlog(["status"])
    XCTAssertEqual(status.status, 0, status.stderr)
    let line = try XCTUnwrap(status.stdout.split(separator: "\n").first { $0.hasPrefix("  2026-11 ") }, status.stdout)
    XCTAssertTrue(line.contains("1 min missing") && line.contains("telemetry on 100 %"), String(line))

    let stats = try JSONSerialization.jsonObject(with: Data(try fsdlog(["stats", "--json"]).stdout.utf8)) as! [[String: Any]]
    let november = try XCTUnwrap(stats.first)
    // 07:58:02 + 15.0 s of the first clip = 07:58:17; the second starts 07:58:32: 15 s missing.
    XCTAssertEqual(try XCTUnwrap(november["missing_video_h"] as? Double) * 3600, 15, accuracy: 0.5)
    XCTAssertEqual(november["gaps"] as? Bool, true)
    let share = try XCTUnwrap(november["footage_share"] as? Double)
    let video = try XCTUnwrap(november["drive_time_h"] as? Double) * 3600
    XCTAssertEqual(share, video / (video + 15), accuracy: 0.02)

    let out = folder.appendingPathComponent("reports").path
    XCTAssertEqual(try fsdlog(["report", "--month", "2026-11", "--out", out]).status, 0)
    let markdown = try String(contentsOfFile: out + "/fsdlog-2026-11.md", encoding: .utf8)
    XCTAssertTrue(markdown.contains("**Gaps in the footage.** About 1 min of this month's driving is missing between clips"),
                  markdown)
    XCTAssertTrue(markdown.contains("gaps ("), "the month is flagged in the trend table")
  }
}
