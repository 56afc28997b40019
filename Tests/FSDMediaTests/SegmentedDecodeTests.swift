import FSDMotion
import Foundation
import XCTest
@testable import FSDMedia

/// A clip decoded in segments side by side gives the motion core the same planes, in the same
/// order, with the same times as one decoder does: the series must be equal value for value.
final class SegmentedDecodeTests: XCTestCase {
  override class func setUp() { FFmpegLog.setVerbose(false) }

  /// A clip made by x264 with `x264Parameters` (testsrc2 moves, so the motion core has work).
  private func makeClip(size: String, seconds: Int, x264Parameters: String) throws -> String {
    let clip = try Fixtures.temporaryDirectory().appendingPathComponent("clip.mp4").path
    try Fixtures.run("ffmpeg", ["-v", "error", "-f", "lavfi", "-i", "testsrc2=size=\(size):rate=30", "-t", "\(seconds)",
                                "-c:v", "libx264", "-preset", "ultrafast", "-x264-params", x264Parameters,
                                "-pix_fmt", "yuv420p", clip])
    return clip
  }

  /// The series and the packets one frame-threaded decoder gives.
  private func sequential(_ path: String) throws -> (MotionSeries, packets: [Int], DecodeOutcome) {
    var analyzer = MotionAnalyzer(fullResolutionMAFD: false)
    var packets: [Int] = []
    let outcome = try MediaFile(path: path).decodeLuma(
      options: DecodeOptions(quality: .analysis, threads: 3), onPacket: { bytes, _ in packets.append(bytes.count) }
    ) { frame, previous, pts in
      analyzer.add(frame: frame, previous: previous, ptsSeconds: pts)
      return true
    }
    return (analyzer.series, packets, outcome)
  }

  private func segmented(_ plan: SegmentedDecode, workers: Int, stopAfter: Int = .max)
    -> (MotionSeries, packets: [Int], DecodeOutcome?) {
    let media = plan.info
    let geometry = MotionGeometry(sourceWidth: media.width, sourceHeight: media.height)
    var analyzer = MotionAnalyzer(fullResolutionMAFD: false)
    var packets: [Int] = []
    let outcome = plan.decode(workers: workers, quality: .analysis, geometry: geometry,
                              queueBytes: 1, onPacket: { bytes, _ in packets.append(bytes.count) }) { plane, pts in
      analyzer.add(downsampled: plane, geometry: geometry, ptsSeconds: pts)
      return analyzer.series.frameCount < stopAfter
    }
    return (analyzer.series, packets, outcome)
  }

  /// Equal series, or the first frame where they part (the whole series would be pages long).
  private func assertSame(_ series: MotionSeries, _ expected: MotionSeries, _ what: String, line: UInt = #line) {
    guard series != expected else { return }
    let columns: [(String, (MotionSeries) -> [Double])] = [
      ("pts", { $0.ptsSeconds }), ("mafd", { $0.mafd.map(Double.init) }), ("dx", { $0.dx.map(Double.init) }),
      ("dy", { $0.dy.map(Double.init) }), ("expansion", { $0.expansion.map(Double.init) }),
      ("brightness", { $0.brightness.map(Double.init) }), ("confidence", { $0.confidence.map(Double.init) }),
    ]
    for (name, column) in columns {
      let a = column(series), b = column(expected)
      if let frame = zip(a, b).enumerated().first(where: { $0.element.0 != $0.element.1 })?.offset {
        return XCTFail("\(what): \(name) differs first at frame \(frame): \(a[frame]) vs \(b[frame])", line: line)
      }
    }
    XCTFail("\(what): \(series.frameCount) frames, one decoder gave \(expected.frameCount)", line: line)
  }

  func testSegmentsGiveTheSameSeriesAsOneDecoderWithBFrames() throws {
    // 1280x960: the 4x4 plane; B-frames, so frames leave the decoder out of file order and a
    // segment's last ones come out only when it is drained. The queues hold 16 planes (the
    // least), so the worker ahead waits for the caller.
    let clip = try makeClip(size: "1280x960", seconds: 4, x264Parameters: "keyint=30:min-keyint=30:bframes=2:scenecut=0")
    let plan = try XCTUnwrap(SegmentedDecode.plan(path: clip))
    XCTAssertEqual(plan.segmentStarts, [0, 30, 60, 90], "one segment per IDR frame")
    let (expected, expectedPackets, expectedOutcome) = try sequential(clip)
    XCTAssertEqual(expected.frameCount, 120)
    for workers in [2, 3] {
      let (series, packets, outcome) = segmented(plan, workers: workers)
      assertSame(series, expected, "\(workers) workers")
      XCTAssertEqual(packets, expectedPackets, "every packet seen once, in file order")
      XCTAssertEqual(outcome, expectedOutcome)
    }
  }

  func testSegmentsGiveTheSameSeriesOnAClipUnder1000PixelsWide() throws {
    // The sample Tesla clip (640x480, the 2x2 plane), IDR frames every 36 frames, SEI in every packet.
    let plan = try XCTUnwrap(SegmentedDecode.plan(path: Fixtures.driveFront1))
    XCTAssertGreaterThan(plan.segmentStarts.count, 2)
    let (expected, expectedPackets, expectedOutcome) = try sequential(Fixtures.driveFront1)
    let (series, packets, outcome) = segmented(plan, workers: 2)
    assertSame(series, expected, "2 workers")
    XCTAssertEqual(packets, expectedPackets)
    XCTAssertEqual(outcome, expectedOutcome)
  }

  func testEveryPacketIsSeenThoughAnotherWorkerHasTheLastFrame() throws {
    // Worker 1 decodes the last segment; worker 0, which hands on every packet, is still reading
    // (its callback slowed here) when the caller has had the last frame. It reads to the end.
    let clip = try makeClip(size: "320x240", seconds: 4, x264Parameters: "keyint=30:min-keyint=30:scenecut=0")
    let plan = try XCTUnwrap(SegmentedDecode.plan(path: clip))
    XCTAssertEqual(plan.segmentStarts.count, 4)
    let geometry = MotionGeometry(sourceWidth: plan.info.width, sourceHeight: plan.info.height)
    var packets = 0, frames = 0
    let outcome = plan.decode(workers: 2, quality: .analysis, geometry: geometry, onPacket: { _, _ in
      packets += 1
      if packets > 100 { usleep(20_000) }
    }) { _, _ in frames += 1; return true }
    XCTAssertEqual(packets, 120)
    XCTAssertEqual(frames, 120)
    XCTAssertEqual(outcome?.packetsRead, 120)
  }

  func testShortSegmentsJoinTheOneBefore() throws {
    // IDR every 10 frames: segments start only where at least 24 packets have passed.
    let clip = try makeClip(size: "320x240", seconds: 2, x264Parameters: "keyint=10:min-keyint=10:scenecut=0")
    XCTAssertEqual(SegmentedDecode.plan(path: clip)?.segmentStarts, [0, 30])
    XCTAssertEqual(SegmentedDecode.plan(path: clip, minimumSegmentPackets: 10)?.segmentStarts, [0, 10, 20, 30, 40, 50])
  }

  func testAClipWithoutASecondIDRFrameIsNotCut() throws {
    // Open GOPs: the later key frames are I frames that B-frames before them may refer across, so
    // they are no place to cut. The caller then decodes the ordinary way.
    let open = try makeClip(size: "320x240", seconds: 4, x264Parameters: "keyint=30:open-gop=1:bframes=2:scenecut=0")
    XCTAssertNil(SegmentedDecode.plan(path: open))
    let one = try makeClip(size: "320x240", seconds: 2, x264Parameters: "keyint=300")
    XCTAssertNil(SegmentedDecode.plan(path: one))
  }

  func testStoppingPartWayEndsEveryWorker() throws {
    let clip = try makeClip(size: "1280x960", seconds: 4, x264Parameters: "keyint=30:min-keyint=30:scenecut=0")
    let plan = try XCTUnwrap(SegmentedDecode.plan(path: clip))
    let (series, _, outcome) = segmented(plan, workers: 2, stopAfter: 45)
    XCTAssertEqual(outcome?.stoppedEarly, true)
    XCTAssertEqual(outcome?.framesDecoded, 45)
    XCTAssertEqual(series.frameCount, 45)
  }

  func testACutClipIsLeftToOneDecoder() throws {
    // The committed clip cut short: its index promises frames the file does not hold, and its last
    // packet gives no frame. One decoder's handling of that is the one ingest knows.
    let plan = try XCTUnwrap(SegmentedDecode.plan(path: Fixtures.cutShort))
    XCTAssertTrue(try sequential(Fixtures.cutShort).2.isCutShort)
    XCTAssertNil(segmented(plan, workers: 2).2)
  }

  func testFramesOutOfTimeOrderAreLeftToOneDecoder() throws {
    // One frame's pts moved 3.3 s later (the setts filter), so the frames come out of time order:
    // a sign that the segments may not be what one decoder gives.
    let clip = try makeClip(size: "320x240", seconds: 4, x264Parameters: "keyint=30:min-keyint=30:bframes=2:scenecut=0")
    let moved = try Fixtures.temporaryDirectory().appendingPathComponent("moved.mp4").path
    try Fixtures.run("ffmpeg", ["-v", "error", "-i", clip, "-c", "copy",
                                "-bsf:v", "setts=pts=if(eq(N\\,70)\\,PTS+51200\\,PTS)", moved])
    let (series, _, _) = try sequential(moved)
    XCTAssertTrue(zip(series.ptsSeconds, series.ptsSeconds.dropFirst()).contains { $0 >= $1 }, "the clip runs back")
    let plan = try XCTUnwrap(SegmentedDecode.plan(path: moved))
    XCTAssertNil(segmented(plan, workers: 2).2)
    XCTAssertNotNil(segmented(try XCTUnwrap(SegmentedDecode.plan(path: clip)), workers: 2).2, "the clip as made is decoded in segments")
  }
}
