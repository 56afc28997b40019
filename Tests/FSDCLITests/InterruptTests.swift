import Foundation
import XCTest

/// Ctrl-C and crashes mid-ingest: finished clips stay, the clip in flight leaves no rows, the
/// database stays consistent, and running again continues where it stopped.
final class InterruptTests: XCTestCase {
  var folder: URL!
  var clips: URL { folder.appendingPathComponent("TeslaCam/RecentClips") }
  var database: String { folder.appendingPathComponent("fsdlog.sqlite").path }
  let clipCount = 8

  /// The clips, made once for the class (the encoding takes seconds); each test ingests a copy.
  nonisolated(unsafe) static var made: URL?

  override func setUpWithError() throws {
    folder = try CLI.temporaryDirectory()
    try FileManager.default.createDirectory(at: clips.deletingLastPathComponent(), withIntermediateDirectories: true)
    if Self.made == nil {
      let made = try CLI.temporaryDirectory()
      // Clips big enough that ingest takes a while (1280x960, as HW3 records), named a minute apart.
      for index in 0..<clipCount {
        let name = String(format: "2026-11-02_09-%02d-00-front.mp4", index)
        let result = try CLI.tool("ffmpeg", ["-v", "error", "-f", "lavfi", "-i", "testsrc2=size=1280x960:rate=36",
                                             "-t", "3", "-c:v", "libx264", "-preset", "ultrafast", "-pix_fmt", "yuv420p",
                                             made.appendingPathComponent(name).path])
        XCTAssertEqual(result.status, 0, result.stderr)
      }
      Self.made = made
    }
    try FileManager.default.copyItem(at: Self.made!, to: clips)
  }

  override func tearDownWithError() throws { try? FileManager.default.removeItem(at: folder) }

  override class func tearDown() {
    if let made { try? FileManager.default.removeItem(at: made) }
    super.tearDown()
  }

  /// Starts `fsdlog ingest --jobs 1`, waits for its first finished clip, then sends `signal`.
  private func ingestAndSignal(_ signal: Int32) throws -> (status: Int32, reason: Process.TerminationReason, log: String) {
    let process = Process()
    process.executableURL = CLI.executable
    process.arguments = ["ingest", clips.path, "--db", database, "--jobs", "1", "--decoder-threads", "1", "--decode", "exact"]
    let errors = Pipe()
    process.standardError = errors
    process.standardOutput = FileHandle.nullDevice
    try process.run()
    var log = ""
    let handle = errors.fileHandleForReading
    while !log.contains("ok ") {
      let chunk = handle.availableData
      if chunk.isEmpty { break }
      log += String(decoding: chunk, as: UTF8.self)
    }
    kill(process.processIdentifier, signal)
    log += String(decoding: handle.readDataToEndOfFile(), as: UTF8.self)
    process.waitUntilExit()
    return (process.terminationStatus, process.terminationReason, log)
  }

  private func assertConsistent(file: StaticString = #filePath, line: UInt = #line) throws {
    XCTAssertEqual(try CLI.sqlite(database, "PRAGMA integrity_check")[0][0], "ok", file: file, line: line)
    XCTAssertEqual(try CLI.sqlite(database, """
      SELECT count(*) FROM clips c LEFT JOIN motion m ON m.clip_id = c.id
      WHERE c.status = 'ok' AND (m.clip_id IS NULL OR m.frame_count != c.frame_count)
      """)[0][0], "0", "every stored clip has its whole motion series", file: file, line: line)
  }

  func testCtrlCKeepsFinishedClipsAndTheNextRunContinues() throws {
    let run = try ingestAndSignal(SIGINT)
    XCTAssertEqual(run.status, 130, run.log)
    XCTAssertTrue(run.log.contains("interrupted"), run.log)
    let finished = run.log.components(separatedBy: "\n").filter { $0.hasPrefix("ok ") }.count
    XCTAssertGreaterThanOrEqual(finished, 1)
    XCTAssertLessThan(finished, clipCount, "the test must interrupt mid-run to mean anything")
    XCTAssertEqual(try CLI.sqlite(database, "SELECT count(*) FROM clips")[0][0], "\(finished)",
                   "exactly the clips reported finished are stored; the one in flight left nothing")
    XCTAssertEqual(try CLI.sqlite(database, "SELECT status FROM ingest_runs")[0][0], "interrupted")
    try assertConsistent()

    // The same options: a different --decode would (rightly) redo every clip.
    let again = try CLI.fsdlog(["ingest", clips.path, "--db", database, "--json", "--decode", "exact"])
    XCTAssertEqual(again.status, 0, again.stderr)
    let summary = try XCTUnwrap(JSONSerialization.jsonObject(with: Data(again.stdout.utf8)) as? [String: Any])
    XCTAssertEqual(summary["unchanged"] as? Int, finished)
    XCTAssertEqual(summary["ingested"] as? Int, clipCount - finished)
    try assertConsistent()
  }

  func testKilledIngestLeavesAConsistentDatabase() throws {
    let run = try ingestAndSignal(SIGKILL)
    XCTAssertEqual(run.reason, .uncaughtSignal)
    try assertConsistent()
    let stored = Int(try CLI.sqlite(database, "SELECT count(*) FROM clips")[0][0])!
    XCTAssertGreaterThanOrEqual(stored, 1)
    let again = try CLI.fsdlog(["ingest", clips.path, "--db", database, "--json"])
    XCTAssertEqual(again.status, 0, again.stderr)
    XCTAssertEqual(try CLI.sqlite(database, "SELECT count(*) FROM clips WHERE status = 'ok'")[0][0], "\(clipCount)")
    try assertConsistent()
  }
}
