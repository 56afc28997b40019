import FSDDiscovery
import FSDStore
import Foundation
import Synchronization
import XCTest

@testable import FSDIngest

/// ClipAnalyzer on its own: what it returns for one clip, before anything is written.
final class ClipAnalyzerTests: XCTestCase {
  private func clip(_ path: String) throws -> ClipFile {
    try XCTUnwrap(try Discovery.discover(paths: [path]).clips.first)
  }

  private func analyze(_ path: String, cancelled: Bool, meter: ProgressMeter? = nil,
                       segmentWorkers: Int = 1) throws -> ClipAnalyzer.Result {
    let cancellation = CancellationFlag()
    if cancelled { cancellation.cancel() }
    let size = try fileSize(path)
    let analyzer = ClipAnalyzer(
      // Full mode: these tests are about the decode path (auto would first scan packets for SEI).
      options: IngestOptions(jobs: 1, mode: .full), decoderThreads: 1, cancellation: cancellation,
      meter: meter ?? ProgressMeter(clipsTotal: 1, bytesTotal: size), segmentWorkers: segmentWorkers)
    return analyzer.analyze(try clip(path), identity: try ClipIdentity.of(path: path), eventFolderID: nil, runID: nil)
  }

  func testFrontClipStopsAtTheFirstFrameOnceCancelled() throws {
    // Workers check the flag between frames: a cancelled front clip stops at once and comes
    // back interrupted with no series, which the pipeline then does not write.
    let result = try analyze(sampleTeslaCam + "/RecentClips/2026-11-02/2026-11-02_08-14-31-front.mp4", cancelled: true)
    XCTAssertEqual(result.outcome.kind, .interrupted)
    XCTAssertEqual(result.outcome.framesDecoded, 1)
    XCTAssertNil(result.motion)
  }

  func testFrontClipDecodesEveryFrameWhenNotCancelled() throws {
    let path = sampleTeslaCam + "/RecentClips/2026-11-02/2026-11-02_08-14-31-front.mp4"
    let result = try analyze(path, cancelled: false)
    XCTAssertEqual(result.outcome.kind, .ingested)
    XCTAssertEqual(result.outcome.framesDecoded, try FFmpeg.decodedFrameCount(path))
    XCTAssertEqual(result.motion?.frameCount, result.outcome.framesDecoded)
    XCTAssertEqual(result.record.frameCount, result.outcome.framesDecoded)
    XCTAssertEqual(result.record.status, .ok)
  }

  func testSegmentsDecodedSideBySideStoreWhatOneDecoderStores() throws {
    // The motion series and the SEI telemetry, value for value, and the same counts and status
    // (a committed sample with SEI in every frame and an IDR frame every 36).
    let path = packageRoot + "/samples/TeslaCam/SavedClips/2026-11-02_08-14-55/2026-11-02_08-14-31-front.mp4"
    let one = try analyze(path, cancelled: false)
    let split = try analyze(path, cancelled: false, segmentWorkers: 2)
    XCTAssertEqual(split.outcome.kind, .ingested)
    XCTAssertNotNil(split.motion)
    XCTAssertEqual(split.motion, one.motion)
    XCTAssertNotNil(split.telemetry)
    // Compared as text: unknown channels are NaN, which == never matches.
    XCTAssertEqual(split.telemetry.map { "\($0)" }, one.telemetry.map { "\($0)" })
    XCTAssertEqual(split.record.seiRecords, one.record.seiRecords)
    XCTAssertEqual(split.record.frameCount, one.record.frameCount)
    XCTAssertEqual(split.record.status, .ok)
  }

  func testACutClipWithSegmentWorkersIsStoredAsOneDecoderStoresIt() throws {
    // The segments see the cut, and the clip is decoded again the ordinary way: partial, with the
    // frames that are there and the same reason.
    let path = sampleTeslaCam + "/RecentClips/2026-11-02/2026-11-02_08-16-31-front.mp4"
    let one = try analyze(path, cancelled: false)
    let meter = ProgressMeter(clipsTotal: 1, bytesTotal: try fileSize(path))
    // The progress is read as the ticker reads it, as often as it can be, while the clip is decoded
    // twice: it must never move back (a progress line would show a smaller number).
    let reading = Mutex<(done: Bool, samples: [IngestProgress])>((false, []))
    let poller = Thread {
      while !reading.withLock({ $0.done }) {
        let snapshot = meter.snapshot
        reading.withLock { $0.samples.append(snapshot) }
        usleep(200)
      }
    }
    poller.start()
    let split = try analyze(path, cancelled: false, meter: meter, segmentWorkers: 2)
    reading.withLock { $0.done = true }
    let samples = reading.withLock { $0.samples }
    XCTAssertGreaterThan(samples.count, 10)
    for (earlier, later) in zip(samples, samples.dropFirst()) {
      XCTAssertLessThanOrEqual(earlier.framesDecoded, later.framesDecoded)
      XCTAssertLessThanOrEqual(earlier.bytesDone, later.bytesDone)
    }
    XCTAssertEqual(meter.snapshot.framesDecoded, split.outcome.framesDecoded, "the frames decoded twice count once")
    XCTAssertEqual(meter.snapshot.bytesDone, try fileSize(path))
    XCTAssertEqual(one.outcome.kind, .partial)
    XCTAssertEqual(split.outcome.kind, .partial)
    XCTAssertEqual(split.record.error, one.record.error)
    XCTAssertEqual(split.outcome.framesDecoded, one.outcome.framesDecoded)
    XCTAssertEqual(split.motion, one.motion)
  }

  func testACancelledClipWithSegmentWorkersStopsAtOnce() throws {
    let path = sampleTeslaCam + "/RecentClips/2026-11-02/2026-11-02_08-14-31-front.mp4"
    let result = try analyze(path, cancelled: true, segmentWorkers: 2)
    XCTAssertEqual(result.outcome.kind, .interrupted)
    XCTAssertEqual(result.outcome.framesDecoded, 1)
    XCTAssertNil(result.motion)
  }

  func testOtherCameraIsNotDecodedSoCancellingDoesNotStopIt() throws {
    // A back clip is read from its container in milliseconds; it finishes and is kept.
    let path = sampleTeslaCam + "/RecentClips/2026-11-02/2026-11-02_08-14-31-back.mp4"
    let result = try analyze(path, cancelled: true)
    XCTAssertEqual(result.outcome.kind, .ingested)
    XCTAssertEqual(result.outcome.framesDecoded, 0)
    XCTAssertNil(result.motion)
    XCTAssertEqual(result.record.frameCount, try FFmpeg.indexedFrameCount(path))
  }

  // MARK: - Progress accounting

  func testFinishedFrontClipCountsItsBytesAndFramesOnce() throws {
    let path = sampleTeslaCam + "/RecentClips/2026-11-02/2026-11-02_08-15-31-front.mp4"
    let meter = ProgressMeter(clipsTotal: 1, bytesTotal: try fileSize(path))
    let result = try analyze(path, cancelled: false, meter: meter)
    let progress = meter.snapshot
    XCTAssertEqual(progress.clipsDone, 1)
    XCTAssertEqual(progress.bytesDone, try fileSize(path))
    XCTAssertEqual(progress.framesDecoded, result.outcome.framesDecoded)
  }

  func testPartialClipCountsItsWholeSizeThoughFewerFramesDecode() throws {
    // Bytes are handed out per indexed frame while decoding; a clip cut short must still end
    // with exactly its size counted, so the run reaches 100 %.
    let path = sampleTeslaCam + "/RecentClips/2026-11-02/2026-11-02_08-16-31-front.mp4"
    let meter = ProgressMeter(clipsTotal: 1, bytesTotal: try fileSize(path))
    let result = try analyze(path, cancelled: false, meter: meter)
    XCTAssertEqual(result.outcome.kind, .partial)
    XCTAssertEqual(meter.snapshot.bytesDone, try fileSize(path))
    XCTAssertEqual(meter.snapshot.framesDecoded, result.outcome.framesDecoded)
  }

  func testInterruptedClipTakesBackItsFrames() throws {
    // Its frames are not stored, so they must not be reported as analysed either.
    let path = sampleTeslaCam + "/RecentClips/2026-11-02/2026-11-02_08-14-31-front.mp4"
    let meter = ProgressMeter(clipsTotal: 1, bytesTotal: try fileSize(path))
    let result = try analyze(path, cancelled: true, meter: meter)
    XCTAssertEqual(result.outcome.kind, .interrupted)
    XCTAssertEqual(meter.snapshot.framesDecoded, 0)
    XCTAssertEqual(meter.snapshot.clipsDone, 1)
  }

  func testNotAVideoCountsItsBytes() throws {
    let path = sampleTeslaCam + "/RecentClips/2026-11-03_17-41-05-back.mp4"
    let meter = ProgressMeter(clipsTotal: 1, bytesTotal: try fileSize(path))
    let result = try analyze(path, cancelled: false, meter: meter)
    XCTAssertEqual(result.outcome.kind, .notVideo)
    XCTAssertEqual(meter.snapshot.bytesDone, try fileSize(path))
    XCTAssertEqual(meter.snapshot.framesDecoded, 0)
  }
}
