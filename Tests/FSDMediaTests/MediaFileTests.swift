import FSDMotion
import Foundation
import XCTest
@testable import FSDMedia

final class MediaFileTests: XCTestCase {
  override class func setUp() { FFmpegLog.setVerbose(false) }

  func testReportsContainerFactsOfASampleClip() throws {
    let media = try MediaFile(path: Fixtures.driveFront1)
    XCTAssertEqual(media.info.codecName, "h264")
    XCTAssertEqual(media.info.width, 640)
    XCTAssertEqual(media.info.height, 480)
    XCTAssertEqual(media.info.durationSeconds ?? 0, 8, accuracy: 0.05)
    XCTAssertEqual(media.info.indexedFrameCount, 288, "8 s at 36 fps")
    // make-layout-fixture writes the car's GPS-style UTC start into mvhd.
    XCTAssertEqual(media.info.creationTime, ISO8601DateFormatter().date(from: "2026-11-02T16:14:31Z"))
  }

  func testFrameTimesComeFromTimestampsNotFromANominalRate() throws {
    // A 10000/1 time base (as some Tesla files report) with frames 1/36 s apart.
    let folder = try Fixtures.temporaryDirectory()
    let clip = folder.appendingPathComponent("odd-timebase.mp4").path
    try Fixtures.run("ffmpeg", ["-v", "error", "-f", "lavfi", "-i", "testsrc2=size=160x120:rate=36", "-t", "1",
                                "-c:v", "libx264", "-pix_fmt", "yuv420p", "-video_track_timescale", "10000", clip])
    let media = try MediaFile(path: clip)
    XCTAssertEqual(media.info.timeBaseDenominator, 10000)
    var times: [Double] = []
    let outcome = try media.decodeLuma { _, _, pts in times.append(pts); return true }
    XCTAssertEqual(outcome.framesDecoded, 36)
    XCTAssertEqual(times.count, 36)
    for (index, time) in times.enumerated() {
      XCTAssertEqual(time, Double(index) / 36, accuracy: 1.0 / 10000 + 1e-9, "frame \(index)")
    }
  }

  func testDecodeHandsOutTheDecodersBuffersWithThePreviousFrame() throws {
    let media = try MediaFile(path: Fixtures.driveFront1)
    var frames = 0
    var previousBase: UnsafePointer<UInt8>?
    var firstHadNoPrevious = false
    let outcome = try media.decodeLuma(options: DecodeOptions(quality: .exact)) { frame, previous, _ in
      if frames == 0 { firstHadNoPrevious = previous == nil }
      else {
        // The previous view is last call's frame, still alive: no copy was made.
        XCTAssertEqual(previous?.base, previousBase)
        XCTAssertNotEqual(previous?.base, frame.base)
      }
      XCTAssertEqual(frame.width, 640)
      XCTAssertGreaterThanOrEqual(frame.strideBytes, 640)
      previousBase = frame.base
      frames += 1
      return true
    }
    XCTAssertTrue(firstHadNoPrevious)
    XCTAssertEqual(frames, 288)
    XCTAssertEqual(outcome.framesDecoded, 288)
    XCTAssertEqual(outcome.packetsRead, 288)
    XCTAssertFalse(outcome.isCutShort)
    XCTAssertEqual(outcome.damagedPackets, 0)
  }

  func testStoppingEarlyIsReported() throws {
    let media = try MediaFile(path: Fixtures.driveFront1)
    var frames = 0
    let outcome = try media.decodeLuma { _, _, _ in frames += 1; return frames < 10 }
    XCTAssertTrue(outcome.stoppedEarly)
    XCTAssertEqual(frames, 10)
  }

  func testPacketWalkReadsEveryPacketWithoutDecoding() throws {
    let media = try MediaFile(path: Fixtures.driveFront1)
    var sizes: [Int] = []
    let outcome = media.forEachVideoPacket { bytes, _ in sizes.append(bytes.count); return true }
    XCTAssertEqual(sizes.count, 288)
    XCTAssertTrue(sizes.allSatisfy { $0 > 0 })
    XCTAssertEqual(outcome.framesDecoded, 0)
  }

  func testClipWithItsMdatCutShortYieldsTheFramesThatArePresent() throws {
    let media = try MediaFile(path: Fixtures.cutShort)
    XCTAssertEqual(media.info.indexedFrameCount, 288, "the index still lists every frame")
    var frames = 0
    let outcome = try media.decodeLuma { _, _, _ in frames += 1; return true }
    XCTAssertTrue(outcome.isCutShort)
    XCTAssertGreaterThan(frames, 50)
    XCTAssertLessThan(frames, 288)
  }

  func testClipWithoutMoovFailsWithAnExplanation() {
    XCTAssertThrowsError(try MediaFile(path: Fixtures.noMoov)) { error in
      guard case MediaError.missingMoov(let path) = error else { return XCTFail("got \(error)") }
      XCTAssertEqual(path, Fixtures.noMoov)
      XCTAssertTrue("\(error)".hasPrefix(Fixtures.noMoov + ": "), "the message starts with the file")
      XCTAssertTrue("\(error)".contains("cut off"))
    }
  }

  func testEmptyAndNonVideoFilesAreNotVideos() {
    XCTAssertThrowsError(try MediaFile(path: Fixtures.zeroBytes)) { error in
      guard case MediaError.emptyFile = error else { return XCTFail("got \(error)") }
      XCTAssertTrue((error as? MediaError)?.isNotAVideo ?? false)
    }
    XCTAssertThrowsError(try MediaFile(path: Fixtures.textFile)) { error in
      guard case MediaError.notMP4 = error else { return XCTFail("got \(error)") }
    }
  }

  func testMissingFileNamesTheFile() {
    XCTAssertThrowsError(try MediaFile(path: "/nonexistent/clip.mp4")) { error in
      XCTAssertTrue("\(error)".contains("/nonexistent/clip.mp4"), "\(error)")
    }
  }

  func testAnalysisDecodingSkipsTheLoopFilterAndStillSeesTheSameMotion() throws {
    // Analysis frames differ slightly from exact ones (no deblocking), but the motion signal is
    // the same shape: the per-frame mafd correlates almost perfectly.
    func series(_ quality: DecodeOptions.Quality) throws -> [Double] {
      var analyzer = MotionAnalyzer()
      _ = try MediaFile(path: Fixtures.driveFront1).decodeLuma(options: DecodeOptions(quality: quality)) {
        analyzer.add(frame: $0, previous: $1, ptsSeconds: $2); return true
      }
      return analyzer.series.mafd.map(Double.init)
    }
    let exact = try series(.exact), analysis = try series(.analysis)
    XCTAssertEqual(exact.count, analysis.count)
    XCTAssertNotEqual(exact, analysis, "skipping the loop filter must change the pixels")
    XCTAssertGreaterThan(correlation(exact, analysis), 0.95)
  }

  private func correlation(_ a: [Double], _ b: [Double]) -> Double {
    let meanA = a.reduce(0, +) / Double(a.count), meanB = b.reduce(0, +) / Double(b.count)
    var covariance = 0.0, varianceA = 0.0, varianceB = 0.0
    for (x, y) in zip(a, b) {
      covariance += (x - meanA) * (y - meanB)
      varianceA += (x - meanA) * (x - meanA)
      varianceB += (y - meanB) * (y - meanB)
    }
    return covariance / (varianceA * varianceB).squareRoot()
  }

  func testACutShortClipGivesTheSameFramesWhateverTheDecoderThreads() throws {
    // The cut-short fixture ends in a damaged packet. With frame threads the frames decoded after
    // a damaged one are already waiting when its error is reported; they must still come out
    // (at 3 and 4 threads two of them were lost while 1 and 2 threads kept them).
    var timesByThreads: [Int: [Double]] = [:]
    for threads in [1, 2, 3, 4, 6] {
      var times: [Double] = []
      let outcome = try MediaFile(path: Fixtures.cutShort).decodeLuma(options: DecodeOptions(threads: threads)) { _, _, pts in
        times.append(pts)
        return true
      }
      XCTAssertTrue(outcome.isCutShort, "\(threads) threads")
      XCTAssertEqual(outcome.framesDecoded, times.count, "\(threads) threads")
      timesByThreads[threads] = times
    }
    let single = try XCTUnwrap(timesByThreads[1])
    XCTAssertEqual(single.count, 157, "ffmpeg's CLI decodes 157 frames of this clip")
    for (threads, times) in timesByThreads { XCTAssertEqual(times, single, "\(threads) threads") }
  }
}
