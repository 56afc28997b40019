import FSDTestSupport
import FSDDiscovery
import FSDStore
import Foundation
import XCTest

@testable import FSDIngest

/// Ctrl-C during an ingest: finished clips stay, the clip in flight leaves nothing, the run is
/// marked interrupted, and running again does exactly what is left.
final class IngestInterruptTests: XCTestCase {
  private var folder: TemporaryFolder!
  private var recent: String { folder.path("TeslaCam/RecentClips") }
  private var database: String { folder.path("fsdlog.sqlite") }

  /// Four minutes of 2-second front clips, the first two with a back clip, named as the car does.
  private var clipPaths: [String] = []

  override func setUpWithError() throws {
    folder = try TemporaryFolder()
    clipPaths = []
    for (index, minute) in [14, 15, 16, 17].enumerated() {
      let stem = recent + "/2026-11-02_08-\(minute)-31-"
      try FFmpeg.makeClip(stem + "front.mp4", seconds: 2, utc: "2026-11-02T16:\(minute):31Z")
      clipPaths.append(stem + "front.mp4")
      if index < 2 {
        try FFmpeg.makeClip(stem + "back.mp4", seconds: 2, utc: "2026-11-02T16:\(minute):31Z",
                            source: "color=c=0x303840:size=320x240:rate=36")
        clipPaths.append(stem + "back.mp4")
      }
    }
  }

  override func tearDown() {
    folder = nil
  }

  /// Cancels the run as soon as the first front clip has finished, as a Ctrl-C would.
  private func cancellingObserver(_ cancellation: CancellationFlag) -> RecordingObserver {
    RecordingObserver(onFinished: { outcome in
      if outcome.camera == "front" && outcome.kind != .interrupted { cancellation.cancel() }
    })
  }

  /// The invariants of an interrupted run, whatever was in flight when it stopped.
  private func assertInterruptedRunLeftOnlyFinishedClips(
    _ summary: IngestSummary, observer: RecordingObserver, file: StaticString = #filePath, line: UInt = #line
  ) throws {
    XCTAssertTrue(summary.interrupted, file: file, line: line)
    XCTAssertEqual(summary.exitCode, 130, file: file, line: line)
    let finished = Set(observer.outcomes.filter { $0.kind != .interrupted }.map(\.path))
    let stored = try SQLiteCLI.paths(database)
    XCTAssertFalse(stored.isEmpty, file: file, line: line)
    XCTAssertTrue(stored.isSubset(of: finished), "rows for clips that never finished: \(stored.subtracting(finished))",
                  file: file, line: line)
    XCTAssertEqual(try SQLiteCLI.scalar(database, "SELECT count(*) FROM motion WHERE clip_id NOT IN (SELECT id FROM clips)"), "0",
                   file: file, line: line)
    // Every stored front clip has its whole series: nothing half-written.
    for row in try SQLiteCLI.rows(database, "SELECT c.path, c.frame_count AS clip_frames, m.frame_count AS motion_frames FROM clips c LEFT JOIN motion m ON m.clip_id = c.id WHERE c.camera = 'front'") {
      let path = row["path"] as? String ?? ""
      XCTAssertEqual(row["motion_frames"] as? Int, try FFmpeg.decodedFrameCount(path), path, file: file, line: line)
      XCTAssertEqual(row["clip_frames"] as? Int, row["motion_frames"] as? Int, path, file: file, line: line)
    }
    let run = try XCTUnwrap(try SQLiteCLI.rows(database, "SELECT * FROM ingest_runs WHERE id = \(try XCTUnwrap(summary.runID))").first,
                            file: file, line: line)
    XCTAssertEqual(run["status"] as? String, "interrupted", file: file, line: line)
    XCTAssertFalse(run["finished_at"] is NSNull, file: file, line: line)
    XCTAssertEqual(run["clips_ingested"] as? Int, stored.count, file: file, line: line)
  }

  /// Runs again without cancelling and checks it does exactly the clips the first run left.
  private func assertSecondRunIngestsTheRest(file: StaticString = #filePath, line: UInt = #line) throws {
    let storedBefore = try SQLiteCLI.paths(database)
    let observer = RecordingObserver()
    let summary = try ingest([recent], into: database, observer: observer)

    XCTAssertFalse(summary.interrupted, file: file, line: line)
    XCTAssertEqual(summary.exitCode, 0, file: file, line: line)
    XCTAssertEqual(Set(observer.outcomes.filter { $0.kind == .ingested }.map(\.path)), Set(clipPaths).subtracting(storedBefore),
                   file: file, line: line)
    XCTAssertEqual(Set(observer.outcomes.filter { $0.kind == .unchanged }.map(\.path)), storedBefore, file: file, line: line)
    XCTAssertEqual(summary.ingested, clipPaths.count - storedBefore.count, file: file, line: line)
    XCTAssertEqual(try SQLiteCLI.paths(database), Set(clipPaths), file: file, line: line)
    XCTAssertEqual(try SQLiteCLI.scalar(database, "SELECT status FROM ingest_runs WHERE id = \(try XCTUnwrap(summary.runID))"), "completed",
                   file: file, line: line)
  }

  func testCancelAfterFirstFrontClipWithOneJobKeepsExactlyTheFinishedClips() throws {
    let cancellation = CancellationFlag()
    let observer = cancellingObserver(cancellation)

    let summary = try ingest([recent], into: database, options: IngestOptions(jobs: 1), observer: observer, cancellation: cancellation)

    try assertInterruptedRunLeftOnlyFinishedClips(summary, observer: observer)
    // One worker stops taking clips once cancelled: the clips up to the first front clip (its
    // back clip sorts before it), and no more, are stored.
    let firstFront = try XCTUnwrap(observer.outcomes.firstIndex { $0.camera == "front" })
    XCTAssertEqual(observer.outcomes.count, firstFront + 1)
    XCTAssertEqual(try SQLiteCLI.paths(database), Set(observer.outcomes.map(\.path)))
    XCTAssertLessThan(observer.outcomes.count, clipPaths.count)
    try assertSecondRunIngestsTheRest()
  }

  func testCancelWithTwoJobsLeavesNoClipInFlightBehind() throws {
    // With two workers the other clip may be mid-decode when the flag is set: it must be
    // dropped, not stored half-analysed.
    let cancellation = CancellationFlag()
    let observer = cancellingObserver(cancellation)

    let summary = try ingest([recent], into: database, options: IngestOptions(jobs: 2), observer: observer, cancellation: cancellation)

    try assertInterruptedRunLeftOnlyFinishedClips(summary, observer: observer)
    try assertSecondRunIngestsTheRest()
  }

  func testFrontClipBeingDecodedWhenCancelledLeavesNoRow() throws {
    // The long sample front clip sorts first, so one worker is decoding it while the other
    // reads a back clip (container only, milliseconds) and cancels when that is done: the front
    // clip is then mid-decode and must be dropped, not stored with the frames it had so far.
    for generated in clipPaths { try FileManager.default.removeItem(atPath: generated) }
    let day = sampleTeslaCam + "/RecentClips/2026-11-02/"
    let front = recent + "/2026-11-02_08-15-31-front.mp4", back = recent + "/2026-11-02_08-16-31-back.mp4"
    try FileManager.default.copyItem(atPath: day + "2026-11-02_08-15-31-front.mp4", toPath: front)
    try FileManager.default.copyItem(atPath: day + "2026-11-02_08-15-31-back.mp4", toPath: back)
    clipPaths = [front, back]
    let cancellation = CancellationFlag()
    let observer = RecordingObserver(onFinished: { outcome in
      if outcome.camera == "back" { cancellation.cancel() }
    })

    // Full mode, so the front clip is decoding (not scanning for SEI) when the flag is set.
    let summary = try ingest([recent], into: database, options: IngestOptions(jobs: 2, mode: .full, decoderThreads: 1),
                             observer: observer, cancellation: cancellation)

    guard let frontOutcome = observer.outcomes.first(where: { $0.path == front }), frontOutcome.kind == .interrupted else {
      throw XCTSkip("the front clip was not in flight when the run was cancelled (scheduling); nothing to check")
    }
    XCTAssertTrue(summary.interrupted)
    XCTAssertGreaterThan(frontOutcome.framesDecoded, 0, "the clip was stopped mid-decode")
    XCTAssertEqual(try SQLiteCLI.paths(database), [back])
    XCTAssertEqual(try SQLiteCLI.scalar(database, "SELECT count(*) FROM motion"), "0")
    XCTAssertEqual(summary.framesDecoded, 0, "frames of a dropped clip are not counted")
    try assertSecondRunIngestsTheRest()
  }

  func testCancelledBeforeStartingWritesNoClip() throws {
    let cancellation = CancellationFlag()
    cancellation.cancel()

    let summary = try ingest([recent], into: database, cancellation: cancellation)

    XCTAssertTrue(summary.interrupted)
    XCTAssertEqual(summary.exitCode, 130)
    XCTAssertEqual(summary.ingested, 0)
    XCTAssertEqual(try SQLiteCLI.scalar(database, "SELECT count(*) FROM clips"), "0")
    XCTAssertEqual(try SQLiteCLI.scalar(database, "SELECT status FROM ingest_runs"), "interrupted")
    try assertSecondRunIngestsTheRest()
  }
}
