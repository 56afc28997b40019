import Foundation
import XCTest

/// `fsdlog watch` end to end: the real executable watches a temporary folder while the test copies
/// real clips from samples/ into it, slowly, removes the folder and brings it back, and stops it
/// with SIGTERM or Ctrl-C. Waits are generous (under load a run can take a while); no speed is
/// asserted.
final class WatchCommandTests: XCTestCase {
  static let samples = CLI.packageRoot.appendingPathComponent("samples/TeslaCam")
  /// The car's layout (index last) and one with its index first (made in setUp): a half copy of
  /// either is no clip.
  static let indexLast = "RecentClips/2026-11-16/2026-11-16_07-58-02-front.mp4"
  static let indexFirst = "RecentClips/2026-11-16/2026-11-16_07-58-17-front.mp4"
  static let savedFolder = "SavedClips/2026-11-02_08-14-55"  // 4 clips and an event.json
  /// Cut off before its index for good: the car lost power.
  static let noIndex = "RecentClips/2026-11-20_21-06-10-front.mp4"
  static let timeoutS = 180.0

  var folder: URL!
  var database: String { folder.appendingPathComponent("fsdlog.sqlite").path }

  /// Where the clips copied in come from: samples/, but `indexFirst` remuxed with its index first.
  var sources: URL { folder.appendingPathComponent("sources") }

  override func setUpWithError() throws {
    folder = try CLI.temporaryDirectory()
    try FileManager.default.copyItem(at: Self.samples, to: sources)
    let remuxed = folder.appendingPathComponent("index-first.mp4")
    let made = try CLI.tool("ffmpeg", ["-v", "error", "-i", sources.appendingPathComponent(Self.indexFirst).path,
                                       "-c", "copy", "-movflags", "+faststart", remuxed.path])
    XCTAssertEqual(made.status, 0, made.stderr)
    try FileManager.default.removeItem(at: sources.appendingPathComponent(Self.indexFirst))
    try FileManager.default.moveItem(at: remuxed, to: sources.appendingPathComponent(Self.indexFirst))
  }
  override func tearDownWithError() throws { try? FileManager.default.removeItem(at: folder) }

  // MARK: - The scenarios

  func testClipsCopiedInAreIngestedOnceWholeAndTheFolderMayComeAndGo() throws {
    let watched = folder.appendingPathComponent("TeslaCam")
    try FileManager.default.createDirectory(at: watched, withIntermediateDirectories: true)
    let watch = try WatchProcess(["watch", watched.path, "--db", database, "--interval", "0.3"])
    defer { watch.stop() }
    try watch.waitForOutput("Watching")

    // A saved event folder copied in, its event.json last (a copy goes in directory order).
    let saved = watched.appendingPathComponent(Self.savedFolder)
    try FileManager.default.copyItem(at: sources.appendingPathComponent(Self.savedFolder), to: saved)
    let eventJSON = saved.appendingPathComponent("event.json")
    let eventText = try Data(contentsOf: eventJSON)
    try FileManager.default.removeItem(at: eventJSON)
    try waitForClips(4)
    try watch.waitForOutput("ingested")
    XCTAssertEqual(try query("SELECT event_json_error FROM event_folders"), "no event.json in this folder")
    try eventText.write(to: eventJSON)
    try waitFor("SELECT city FROM event_folders", "Palo Alto")
    XCTAssertEqual(try query("SELECT count(*) FROM event_folders"), "1")

    // Two clips copied in slow pieces: half, a pause of many looks, then the rest.
    let halves = try [Self.indexLast, Self.indexFirst].map { relative in
      let bytes = try Data(contentsOf: sources.appendingPathComponent(relative))
      let target = watched.appendingPathComponent(relative)
      try FileManager.default.createDirectory(at: target.deletingLastPathComponent(), withIntermediateDirectories: true)
      try bytes.prefix(bytes.count / 2).write(to: target)
      return (target, bytes.suffix(from: bytes.count / 2))
    }
    Thread.sleep(forTimeInterval: 3)  // ten looks at unchanged half files
    XCTAssertEqual(try query("SELECT count(*) FROM clips"), "4", "a half-copied clip is not ingested")
    for (target, rest) in halves {
      let handle = try FileHandle(forWritingTo: target)
      try handle.seekToEnd()
      try handle.write(contentsOf: rest)
      try handle.close()
    }
    try waitForClips(6)
    for relative in [Self.indexLast, Self.indexFirst] {
      XCTAssertEqual(try query("SELECT status FROM clips WHERE path LIKE '%\(relative)'"), "ok", relative)
    }
    // Exactly once: no run recorded a failed or partial clip, and the runs analysed 6 clips in all
    // (a run writes its totals when it ends, after its events and evidence: waited for).
    try waitFor("SELECT sum(clips_ingested), sum(clips_failed), sum(clips_partial) FROM ingest_runs", "6\t0\t0")

    // The stick is unplugged...
    let away = folder.appendingPathComponent("unplugged")
    try FileManager.default.moveItem(at: watched, to: away)
    try watch.waitForOutput("waiting for \(watched.path) to come back")
    // ...and plugged in again, with a clip recorded in the meantime.
    let new = "RecentClips/2026-11-20_21-05-40-front.mp4"
    try FileManager.default.copyItem(at: sources.appendingPathComponent(new), to: away.appendingPathComponent(new))
    try FileManager.default.moveItem(at: away, to: watched)
    try waitForClips(7)
    try watch.waitForOutput("\(watched.path) is there")
    XCTAssertEqual(try query("SELECT status FROM clips WHERE path LIKE '%\(new)'"), "ok")
    try waitFor("SELECT sum(clips_ingested), sum(clips_failed) FROM ingest_runs", "7\t0")

    let end = watch.signal(SIGTERM)
    XCTAssertEqual(end.status, 0, end.stderr)
    XCTAssertEqual(try query("SELECT sum(clips_ingested), sum(clips_failed) FROM ingest_runs"), "7\t0",
                   "with every run ended: the clips that came back were not analysed again")
    XCTAssertTrue(end.stdout.contains("Stopped after"), end.stdout)
    try assertConsistent()
  }

  func testAMissingPathIsAnErrorUnlessWaitedForAndCtrlCMidCopyStopsCleanly() throws {
    let watched = folder.appendingPathComponent("stick/TeslaCam")
    let refused = try CLI.fsdlog(["watch", watched.path, "--db", database])
    XCTAssertEqual(refused.status, 2)
    XCTAssertTrue(refused.stderr.contains("no such file or directory: \(watched.path)"), refused.stderr)
    XCTAssertTrue(refused.stderr.contains("--wait"), refused.stderr)
    XCTAssertFalse(FileManager.default.fileExists(atPath: database), "nothing was written")

    let watch = try WatchProcess(["watch", watched.path, "--wait", "--db", database, "--interval", "0.3"])
    defer { watch.stop() }
    try watch.waitForOutput("waiting for \(watched.path) to appear")
    let clip = watched.appendingPathComponent(Self.indexLast)
    try FileManager.default.createDirectory(at: clip.deletingLastPathComponent(), withIntermediateDirectories: true)
    try FileManager.default.copyItem(at: sources.appendingPathComponent(Self.indexLast), to: clip)
    try waitForClips(1)

    // Ctrl-C while a clip is half copied: it is left out, and the watch says so.
    let bytes = try Data(contentsOf: sources.appendingPathComponent(Self.indexFirst))
    let half = watched.appendingPathComponent(Self.indexFirst)
    try bytes.prefix(bytes.count / 2).write(to: half)
    Thread.sleep(forTimeInterval: 1.5)
    let end = watch.signal(SIGINT)
    XCTAssertEqual(end.status, 0, end.stderr)
    XCTAssertTrue(end.unwrappedStdout.contains("1 clip not ingested yet"), end.stdout)
    XCTAssertEqual(try query("SELECT count(*) FROM clips"), "1")
    XCTAssertEqual(try query("SELECT count(*) FROM clips WHERE path = '\(half.path)'"), "0")
    try assertConsistent()
  }

  func testAClipThatNeverBecomesWholeIsIngestedAfterWaitingAndItsProblemShown() throws {
    let watched = folder.appendingPathComponent("RecentClips")
    try FileManager.default.createDirectory(at: watched, withIntermediateDirectories: true)
    let watch = try WatchProcess(["watch", watched.path, "--db", database, "--interval", "0.3", "--incomplete-after", "6"])
    defer { watch.stop() }
    try watch.waitForOutput("Watching")
    let clip = watched.appendingPathComponent((Self.noIndex as NSString).lastPathComponent)
    try FileManager.default.copyItem(at: sources.appendingPathComponent(Self.noIndex), to: clip)
    Thread.sleep(forTimeInterval: 1.5)
    XCTAssertEqual(try query("SELECT count(*) FROM clips"), "0", "not yet: it may still be copying")
    try waitForClips(1)
    XCTAssertEqual(try query("SELECT status FROM clips"), "failed")
    try watch.waitForOutput("1 failed")
    try watch.waitForOutput("failed: \(clip.path)")
    let end = watch.signal(SIGTERM)
    XCTAssertEqual(end.status, 0, end.stderr)
    XCTAssertTrue(end.unwrappedStdout.contains("0 clips ingested (1 failed)"), end.stdout)
  }

  func testSIGTERMDuringARunStopsItAsCtrlCStopsIngestAndExitsZero() throws {
    // Clips that take a while to decode (no SEI, 1280x960 as HW3 records), made aside and moved
    // in at once.
    let staging = folder.appendingPathComponent("staging/RecentClips")
    try FileManager.default.createDirectory(at: staging, withIntermediateDirectories: true)
    let clipCount = 8
    for index in 0..<clipCount {
      let made = try CLI.tool("ffmpeg", ["-v", "error", "-f", "lavfi", "-i", "testsrc2=size=1280x960:rate=36", "-t", "3",
                                         "-c:v", "libx264", "-preset", "ultrafast", "-pix_fmt", "yuv420p",
                                         staging.appendingPathComponent(String(format: "2026-11-02_09-%02d-00-front.mp4", index)).path])
      XCTAssertEqual(made.status, 0, made.stderr)
    }
    let watched = folder.appendingPathComponent("TeslaCam")
    try FileManager.default.createDirectory(at: watched, withIntermediateDirectories: true)
    let watch = try WatchProcess(["watch", watched.path, "--db", database, "--interval", "0.3", "--jobs", "1"])
    defer { watch.stop() }
    try watch.waitForOutput("Watching")
    try FileManager.default.moveItem(at: staging, to: watched.appendingPathComponent("RecentClips"))
    try waitFor("SELECT count(*) > 0 FROM clips", "1")

    let end = watch.signal(SIGTERM)
    XCTAssertEqual(end.status, 0, end.stderr)
    XCTAssertTrue(end.unwrappedStdout.contains("The last run was stopped midway"), end.stdout)
    let stored = Int(try query("SELECT count(*) FROM clips")) ?? 0
    XCTAssertLessThan(stored, clipCount, "the test must stop the run midway to mean anything")
    XCTAssertEqual(try query("SELECT status FROM ingest_runs"), "interrupted")
    XCTAssertEqual(try query("""
      SELECT count(*) FROM clips c LEFT JOIN motion m ON m.clip_id = c.id
      WHERE c.status != 'ok' OR m.clip_id IS NULL OR m.frame_count != c.frame_count
      """), "0", "every stored clip is whole, with its whole motion series; the one in flight left nothing")
    try assertConsistent()
  }

  // MARK: - Helpers

  /// One value of a query; "" while the table is not there yet or the database is busy.
  private func query(_ sql: String) throws -> String {
    let result = try CLI.tool("sqlite3", ["-separator", "\t", database, sql])
    return result.status == 0 ? result.stdout.trimmingCharacters(in: .whitespacesAndNewlines) : ""
  }

  private func waitForClips(_ count: Int, file: StaticString = #filePath, line: UInt = #line) throws {
    try waitFor("SELECT count(*) FROM clips", "\(count)", file: file, line: line)
  }

  /// Waits until `sql` gives `value`.
  private func waitFor(_ sql: String, _ value: String, file: StaticString = #filePath, line: UInt = #line) throws {
    let deadline = Date().addingTimeInterval(Self.timeoutS)
    while try query(sql) != value {
      guard Date() < deadline else {
        return XCTFail("\(sql) is not \(value) after \(Self.timeoutS) s; clips: \(try query("SELECT path, status FROM clips"))",
                       file: file, line: line)
      }
      Thread.sleep(forTimeInterval: 0.2)
    }
  }

  private func assertConsistent(file: StaticString = #filePath, line: UInt = #line) throws {
    XCTAssertEqual(try query("PRAGMA integrity_check"), "ok", file: file, line: line)
    XCTAssertEqual(try query("SELECT count(*) FROM ingest_runs WHERE status = 'running'"), "0",
                   "every run finished", file: file, line: line)
  }
}

/// `fsdlog` running in the background, its output collected as it comes.
private final class WatchProcess: @unchecked Sendable {
  private let process = Process()
  private let lock = NSLock()
  private var out = Data(), err = Data()
  private let readers = DispatchGroup()

  init(_ arguments: [String]) throws {
    process.executableURL = CLI.executable
    process.arguments = arguments
    process.standardInput = FileHandle.nullDevice
    let output = Pipe(), errors = Pipe()
    process.standardOutput = output
    process.standardError = errors
    try process.run()
    for (pipe, isOutput) in [(output, true), (errors, false)] {
      readers.enter()
      Thread { [self] in
        defer { readers.leave() }
        while case let chunk = pipe.fileHandleForReading.availableData, !chunk.isEmpty {
          lock.lock()
          if isOutput { out.append(chunk) } else { err.append(chunk) }
          lock.unlock()
        }
      }.start()
    }
  }

  var stdout: String { lock.lock(); defer { lock.unlock() }; return String(decoding: out, as: UTF8.self) }
  var stderr: String { lock.lock(); defer { lock.unlock() }; return String(decoding: err, as: UTF8.self) }

  /// Waits until standard output (its wrapped lines joined) contains `text`.
  func waitForOutput(_ text: String, timeoutS: Double = WatchCommandTests.timeoutS,
                     file: StaticString = #filePath, line: UInt = #line) throws {
    let deadline = Date().addingTimeInterval(timeoutS)
    while !unwrapped(stdout).contains(text) {
      guard Date() < deadline, process.isRunning else {
        return XCTFail("no \"\(text)\" in the output:\n\(stdout)\n\(stderr)", file: file, line: line)
      }
      Thread.sleep(forTimeInterval: 0.1)
    }
  }

  /// Sends `signal` and waits for the process to end.
  func signal(_ signal: Int32) -> CLI.Result {
    kill(process.processIdentifier, signal)
    process.waitUntilExit()
    readers.wait()
    return CLI.Result(status: process.terminationStatus, stdout: stdout, stderr: stderr)
  }

  /// Ends a process a failed test left running.
  func stop() {
    if process.isRunning { _ = signal(SIGKILL) }
  }

  private func unwrapped(_ text: String) -> String {
    text.replacingOccurrences(of: #"\n +"#, with: " ", options: .regularExpression)
  }
}
