import FSDTestSupport
import FSDDiscovery
import FSDStore
import Foundation
import XCTest

@testable import FSDIngest

/// What the observer hears during a run: the plan, a report per finished clip, and ticks from
/// the progress thread, all adding up to the work that was planned.
final class IngestProgressTests: XCTestCase {
  func testParallelRunReportsAddUpToThePlan() throws {
    let folder = try TemporaryFolder()
    let observer = RecordingObserver()
    let summary = try ingest([sampleTeslaCam], into: folder.path("fsdlog.sqlite"), options: IngestOptions(jobs: 2), observer: observer)

    let planned = try XCTUnwrap(observer.planned).progress
    XCTAssertEqual(planned.bytesTotal, try Discovery.discover(paths: [sampleTeslaCam]).clips.map { try fileSize($0.path) }.reduce(0, +))
    // Two workers may deliver reports out of order; the most advanced one is the final state.
    let final = try XCTUnwrap(observer.progress.max { ($0.clipsDone, $0.bytesDone) < ($1.clipsDone, $1.bytesDone) })
    XCTAssertEqual(final.clipsDone, planned.clipsTotal)
    XCTAssertEqual(final.bytesDone, planned.bytesTotal)
    XCTAssertEqual(final.framesDecoded, summary.framesDecoded)
    for report in observer.progress + observer.ticks {
      XCTAssertLessThanOrEqual(report.bytesDone, planned.bytesTotal)
      XCTAssertLessThanOrEqual(report.clipsDone, planned.clipsTotal)
      XCTAssertEqual(report.clipsTotal, planned.clipsTotal)
      XCTAssertEqual(report.bytesTotal, planned.bytesTotal)
    }
  }

  func testTicksOnlyMoveForwardAndStopWhenTheRunReturns() throws {
    let folder = try TemporaryFolder()
    let observer = RecordingObserver()
    let summary = try ingest([sampleTeslaCam], into: folder.path("fsdlog.sqlite"), options: IngestOptions(jobs: 1), observer: observer)
    let ticksAtReturn = observer.ticks.count

    // Ticks come four times a second while clips are read: a run this long has some.
    if summary.wallSeconds > 0.75 { XCTAssertGreaterThan(ticksAtReturn, 0) }
    let ticks = observer.ticks
    for (earlier, later) in zip(ticks, ticks.dropFirst()) {
      XCTAssertLessThanOrEqual(earlier.clipsDone, later.clipsDone)
      XCTAssertLessThanOrEqual(earlier.bytesDone, later.bytesDone)
      XCTAssertLessThanOrEqual(earlier.framesDecoded, later.framesDecoded)
      XCTAssertLessThanOrEqual(earlier.elapsedS, later.elapsedS)
    }
    // No progress line may follow the summary: the ticker is gone once run() returns.
    Thread.sleep(forTimeInterval: 0.6)
    XCTAssertEqual(observer.ticks.count, ticksAtReturn)
  }

  func testClipThatVanishesAfterPlanningStillCompletesTheBytes() throws {
    // The car recycles RecentClips while its drive is plugged in: a clip counted in the plan can
    // be gone when a worker reaches it. It is reported failed, and the progress still ends at
    // 100 % of the planned bytes, as ProgressMeter.clipFinished promises ("all of them for a
    // clip that was not decoded").
    let folder = try TemporaryFolder()
    let recent = folder.path("RecentClips")
    let stays = recent + "/2026-11-02_08-14-31-front.mp4", goes = recent + "/2026-11-02_08-15-31-front.mp4"
    try FFmpeg.makeClip(stays, seconds: 1)
    try FFmpeg.makeClip(goes, seconds: 1)
    let goesBytes = try fileSize(goes)
    let observer = RecordingObserver(onPlanned: { try? FileManager.default.removeItem(atPath: goes) })

    let summary = try ingest([recent], into: folder.path("fsdlog.sqlite"), observer: observer)

    XCTAssertEqual(summary.failed, 1)
    XCTAssertEqual(summary.ingested, 1)
    XCTAssertEqual(summary.problems.map(\.path), [goes])
    let planned = try XCTUnwrap(observer.planned).progress
    XCTAssertEqual(planned.bytesTotal, try fileSize(stays) + goesBytes)
    XCTAssertEqual(observer.progress.last?.clipsDone, 2)
    // The vanished clip's planned size is in bytesTotal, so it must be counted as done too.
    XCTAssertEqual(observer.progress.last?.bytesDone, planned.bytesTotal)
  }
}
