import FSDTestSupport
import FSDDiscovery
import FSDStore
import Foundation
import XCTest

@testable import FSDIngest

/// IngestSummary: the exit status scripts rely on, and the JSON `--json` prints.
final class IngestSummaryTests: XCTestCase {
  func testExitCodeIsZeroWhenEveryClipWentIn() throws {
    let folder = try TemporaryFolder()
    try FFmpeg.makeClip(folder.path("RecentClips/2026-11-02_08-14-31-front.mp4"), seconds: 1)
    let summary = try ingest([folder.path("RecentClips")], into: folder.path("fsdlog.sqlite"))
    XCTAssertEqual(summary.ingested, 1)
    XCTAssertEqual(summary.exitCode, 0)
  }

  func testNotVideoFilesAndPartialClipsDoNotFailTheRun() throws {
    // A zero-byte stub is what the car leaves when it stops recording; a clip cut short still
    // gave its frames. Neither is an error the user must act on.
    let folder = try TemporaryFolder()
    let recent = folder.path("RecentClips")
    try FileManager.default.createDirectory(atPath: recent, withIntermediateDirectories: true)
    XCTAssertTrue(FileManager.default.createFile(atPath: recent + "/2026-11-02_08-15-31-front.mp4", contents: Data()))
    let day = sampleTeslaCam + "/RecentClips/2026-11-02/"
    try FileManager.default.copyItem(atPath: day + "2026-11-02_08-16-31-front.mp4", toPath: recent + "/2026-11-02_08-16-31-front.mp4")

    let summary = try ingest([recent], into: folder.path("fsdlog.sqlite"))

    XCTAssertEqual(summary.notVideo, 1)
    XCTAssertEqual(summary.partial, 1)
    XCTAssertEqual(summary.failed, 0)
    XCTAssertEqual(summary.exitCode, 0)
  }

  func testExitCodeIsOneWhenAClipFailed() throws {
    let folder = try TemporaryFolder()
    let recent = folder.path("RecentClips")
    try FFmpeg.makeClip(recent + "/2026-11-02_08-14-31-front.mp4", seconds: 1)
    // The sample clip cut off before its moov box was written.
    try FileManager.default.copyItem(
      atPath: sampleTeslaCam + "/RecentClips/2026-11-02/2026-11-02_08-17-31-front.mp4", toPath: recent + "/2026-11-02_08-17-31-front.mp4")

    let summary = try ingest([recent], into: folder.path("fsdlog.sqlite"))

    XCTAssertEqual(summary.failed, 1)
    XCTAssertEqual(summary.ingested, 1)
    XCTAssertEqual(summary.exitCode, 1)
    XCTAssertEqual(summary.problems.map(\.kind), [.failed])
  }

  func testInterruptionWinsOverFailure() {
    // 130 (128 + SIGINT) tells a script the run stopped early, which matters more than a
    // failed clip: running again will finish it.
    var summary = IngestSummary(database: "/tmp/x.sqlite")
    summary.failed = 3
    XCTAssertEqual(summary.exitCode, 1)
    summary.interrupted = true
    XCTAssertEqual(summary.exitCode, 130)
    summary.failed = 0
    XCTAssertEqual(summary.exitCode, 130)
  }

  func testFramesPerSecondIsZeroWithoutWallTime() {
    var summary = IngestSummary(database: "/tmp/x.sqlite")
    summary.framesDecoded = 720
    XCTAssertEqual(summary.framesPerSecond, 0)
    summary.wallSeconds = 2
    XCTAssertEqual(summary.framesPerSecond, 360)
  }

  func testJSONUsesSnakeCaseKeysAndRoundTrips() throws {
    var summary = IngestSummary(database: "/tmp/x.sqlite")
    summary.runID = 7
    summary.clipsFound = 20
    summary.notVideo = 2
    summary.framesDecoded = 1234
    summary.encryptedFolders = ["/m/TeslaCam/EncryptedClips"]
    summary.problems = [.init(path: "/m/a.mp4", kind: .notVideo, reason: "file is empty")]
    let data = try JSONEncoder().encode(summary)
    let object = try XCTUnwrap(try JSONSerialization.jsonObject(with: data) as? [String: Any])
    XCTAssertEqual(object["run_id"] as? Int, 7)
    XCTAssertEqual(object["clips_found"] as? Int, 20)
    XCTAssertEqual(object["not_video"] as? Int, 2)
    XCTAssertEqual(object["frames_decoded"] as? Int, 1234)
    XCTAssertEqual(object["encrypted_folders"] as? [String], ["/m/TeslaCam/EncryptedClips"])
    XCTAssertEqual((object["problems"] as? [[String: Any]])?.first?["kind"] as? String, "not_video")
    XCTAssertEqual(try JSONDecoder().decode(IngestSummary.self, from: data), summary)
  }
}
