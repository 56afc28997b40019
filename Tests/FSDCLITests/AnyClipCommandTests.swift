import Foundation
import XCTest

/// The real executable on a clip no TeslaCam wrote: it becomes a drive, and ingest and status
/// say where its time came from.
final class AnyClipCommandTests: XCTestCase {
  func testClipWithNoTimeIsADriveAndStatusSaysItsTimeCameFromTheFile() throws {
    let folder = try CLI.temporaryDirectory()
    defer { try? FileManager.default.removeItem(at: folder) }
    let clip = folder.appendingPathComponent("clip.mp4").path
    let database = folder.appendingPathComponent("fsdlog.sqlite").path
    let made = try CLI.tool("ffmpeg", ["-v", "error", "-f", "lavfi", "-i", "testsrc2=size=320x240:rate=10", "-t", "4",
                                       "-c:v", "libx264", "-pix_fmt", "yuv420p", "-map_metadata", "-1", clip])
    XCTAssertEqual(made.status, 0, made.stderr)
    let mtime = 1_699_194_153.0  // 2023-11-05 14:22:33 UTC
    try FileManager.default.setAttributes([.modificationDate: Date(timeIntervalSince1970: mtime)], ofItemAtPath: clip)

    let ingest = try CLI.fsdlog(["ingest", clip, "--db", database, "--mode", "vision"])

    XCTAssertEqual(ingest.status, 0, ingest.stderr)
    XCTAssertTrue(ingest.unwrappedStdout.contains("1 drive in the database"), ingest.stdout)
    XCTAssertTrue(ingest.unwrappedStdout.contains("""
      clip.mp4: no time in the file name or the MP4; placed by the file's modification time minus its length: \
      starts 2023-11-05 14:22:29 UTC
      """), ingest.stdout)
    XCTAssertEqual(try CLI.sqlite(database, "SELECT start_utc, clip_count FROM drives"), [["2023-11-05T14:22:29Z", "1"]])

    let status = try CLI.fsdlog(["status", "--db", database])
    XCTAssertEqual(status.status, 0, status.stderr)
    XCTAssertTrue(status.stdout.contains("Drives        1\n"), status.stdout)
    XCTAssertTrue(status.stdout.contains("Clip times    1 from the file's modification time"), status.stdout)
    XCTAssertTrue(status.stdout.contains("""
      starts 2023-11-05 14:22:29 UTC
                  time from the file's modification time minus the clip's length (no time in the name or the MP4)
      """), status.stdout)
  }
}
