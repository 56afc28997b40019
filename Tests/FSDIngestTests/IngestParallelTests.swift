import FSDTestSupport
import FSDDiscovery
import FSDMotion
import FSDStore
import Foundation
import XCTest

@testable import FSDIngest

/// Clips analysed in parallel must give what one worker gives: each clip has its own decoder,
/// and nothing about a clip's result may depend on which thread or how many threads ran it.
final class IngestParallelTests: XCTestCase {
  func testTwoJobsStoreTheSameMotionSeriesAsOne() throws {
    let serial = try SampleRun.shared()
    let folder = try TemporaryFolder()
    let database = folder.path("fsdlog.sqlite")

    let parallel = try ingest([sampleTeslaCam], into: database, options: IngestOptions(jobs: 2))

    XCTAssertEqual(parallel.ingested, serial.summary.ingested)
    XCTAssertEqual(parallel.partial, serial.summary.partial)
    XCTAssertEqual(parallel.failed, serial.summary.failed)
    XCTAssertEqual(parallel.notVideo, serial.summary.notVideo)
    XCTAssertEqual(parallel.framesDecoded, serial.summary.framesDecoded)
    XCTAssertEqual(parallel.drives, serial.summary.drives)
    XCTAssertEqual(try SQLiteCLI.scalar(database, "SELECT jobs FROM ingest_runs"), "2")

    let store = try Store(path: database)
    var compared = 0
    for clip in serial.discovery.clips {
      let one = try XCTUnwrap(try serial.store.clip(path: clip.path), clip.path)
      let two = try XCTUnwrap(try store.clip(path: clip.path), clip.path)
      XCTAssertEqual(two.status, one.status, clip.path)
      XCTAssertEqual(two.frameCount, one.frameCount, clip.path)
      XCTAssertEqual(two.durationS, one.durationS, clip.path)
      let seriesOne = try serial.store.motion(clipID: XCTUnwrap(one.id))
      let seriesTwo = try store.motion(clipID: XCTUnwrap(two.id))
      XCTAssertEqual(seriesTwo == nil, seriesOne == nil, clip.path)
      guard let seriesOne, let seriesTwo else { continue }
      // Bit patterns, not ==: -0 and 0 are equal floats but different stored bytes.
      XCTAssertEqual(seriesTwo.ptsSeconds.map(\.bitPattern), seriesOne.ptsSeconds.map(\.bitPattern), clip.path)
      // One worker decodes with several frame threads, each of two workers with its own
      // (IngestOptions.defaultDecoderThreads): the frames, and so every column, must not change.
      for column in [\MotionSeries.mafd, \.dx, \.dy, \.expansion, \.brightness, \.confidence] {
        XCTAssertEqual(seriesTwo.series[keyPath: column].map(\.bitPattern), seriesOne.series[keyPath: column].map(\.bitPattern), clip.path)
      }
      compared += 1
    }
    XCTAssertGreaterThanOrEqual(compared, 5, "every readable front clip of the tree is compared")
  }

  func testOneClipGetsTwoDecoderThreadsPerCoreAndAClipPerCoreGetsOne() {
    // One clip on 2 cores: 4 frame threads, so a core decodes while the clip's thread runs the
    // motion core. As many clips as cores (or more): 1 each, the other clips fill those gaps.
    XCTAssertEqual(IngestOptions.defaultDecoderThreads(cores: 2, clipsInFlight: 1), 4)
    XCTAssertEqual(IngestOptions.defaultDecoderThreads(cores: 2, clipsInFlight: 2), 1)
    XCTAssertEqual(IngestOptions.defaultDecoderThreads(cores: 8, clipsInFlight: 2), 8)
    XCTAssertEqual(IngestOptions.defaultDecoderThreads(cores: 8, clipsInFlight: 8), 1)
    XCTAssertEqual(IngestOptions.defaultDecoderThreads(cores: 1, clipsInFlight: 1), 1)
    XCTAssertEqual(IngestOptions.defaultDecoderThreads(cores: 2, clipsInFlight: 3), 1)
  }

  func testAClipWithCoresToItselfDecodesItsSegmentsOnThoseCores() {
    // Fewer clips than cores: each clip's segments on the cores it has to itself, at most 8.
    // As many clips as cores: none (frame threads, 1 each, as above).
    XCTAssertEqual(IngestOptions.defaultSegmentWorkers(cores: 2, clipsInFlight: 1), 2)
    XCTAssertEqual(IngestOptions.defaultSegmentWorkers(cores: 8, clipsInFlight: 3), 2)
    XCTAssertEqual(IngestOptions.defaultSegmentWorkers(cores: 32, clipsInFlight: 1), 8)
    XCTAssertEqual(IngestOptions.defaultSegmentWorkers(cores: 2, clipsInFlight: 2), 1)
    XCTAssertEqual(IngestOptions.defaultSegmentWorkers(cores: 1, clipsInFlight: 1), 1)
  }

  func testParallelWorkersEachTakeDistinctClips() throws {
    // Four equal clips, two workers: every clip is reported once and stored once.
    let folder = try TemporaryFolder()
    let recent = folder.path("RecentClips")
    for minute in 14...17 {
      try FFmpeg.makeClip(recent + "/2026-11-02_08-\(minute)-31-front.mp4", seconds: 1, utc: "2026-11-02T16:\(minute):31Z")
    }
    let observer = RecordingObserver()
    let summary = try ingest([recent], into: folder.path("fsdlog.sqlite"), options: IngestOptions(jobs: 2), observer: observer)

    XCTAssertEqual(summary.ingested, 4)
    XCTAssertEqual(observer.outcomes.count, 4)
    XCTAssertEqual(Set(observer.outcomes.map(\.path)).count, 4)
    // Reports may arrive out of order across workers; the latest state counts every clip.
    XCTAssertEqual(observer.progress.map(\.clipsDone).max(), 4)
    XCTAssertEqual(try SQLiteCLI.scalar(folder.path("fsdlog.sqlite"), "SELECT count(*) FROM clips"), "4")
    XCTAssertEqual(try SQLiteCLI.scalar(folder.path("fsdlog.sqlite"), "SELECT count(*) FROM motion"), "4")
  }
}
