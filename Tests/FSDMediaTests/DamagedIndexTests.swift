import Foundation
import XCTest
@testable import FSDMedia

/// MP4 index fields that a damaged file sets to anything: the frame count and the duration must
/// come out as what the file can really hold, with the damage named, never as the raw field.
final class DamagedIndexTests: XCTestCase {
  override class func setUp() { FFmpegLog.setVerbose(false) }

  /// A 2 s, 72-frame clip and its bytes.
  private func clip() throws -> (path: String, bytes: [UInt8]) {
    let path = try Fixtures.temporaryDirectory().appendingPathComponent("2026-11-02_08-14-31-front.mp4").path
    try Fixtures.run("ffmpeg", ["-v", "error", "-y", "-f", "lavfi", "-i", "testsrc2=size=160x120:rate=36", "-t", "2",
                                "-c:v", "libx264", "-pix_fmt", "yuv420p", path])
    return (path, [UInt8](try Data(contentsOf: URL(fileURLWithPath: path))))
  }

  /// The payload offset of the first box of `type` (its 8-byte header skipped).
  private func payload(of type: String, in bytes: [UInt8]) throws -> Int {
    let name = Array(type.utf8)
    let index = try XCTUnwrap((4..<(bytes.count - 4)).first { bytes[$0..<($0 + 4)].elementsEqual(name) }, "no \(type) box")
    return index + 4
  }

  private func write(_ value: UInt32, at offset: Int, in bytes: inout [UInt8]) {
    for index in 0..<4 { bytes[offset + index] = UInt8(truncatingIfNeeded: value >> (24 - 8 * index)) }
  }

  func testSttsCountOfFourBillionIsNotTheFrameCount() throws {
    var (path, bytes) = try clip()
    // stts: version/flags, entry count, then (sample count, delta) pairs.
    write(0xFFFF_FFFD, at: try payload(of: "stts", in: bytes) + 8, in: &bytes)
    try Data(bytes).write(to: URL(fileURLWithPath: path))

    let media = try MediaFile(path: path)
    XCTAssertEqual(media.info.indexedFrameCount, 72, "the frames the sample table holds, not the stts field")
    XCTAssertEqual(media.info.indexProblems.count, 1)
    XCTAssertTrue(media.info.indexProblems.first?.contains("'stts'") ?? false, "\(media.info.indexProblems)")
    XCTAssertTrue(media.info.indexProblems.first?.contains("4294967293") ?? false, "\(media.info.indexProblems)")
    var frames = 0
    let outcome = try media.decodeLuma { _, _, _ in frames += 1; return true }
    XCTAssertEqual(frames, 72, "every frame is still read")
    XCTAssertFalse(outcome.isCutShort, "a clip whose frames are all there is not 'cut short'")
  }

  func testDurationOfADayAndMoreLeavesTheClipsLengthUnknown() throws {
    var (path, bytes) = try clip()
    // FFmpeg takes the smallest of the track header's duration (mdhd), the sum of the frames'
    // durations (stts) and the edit list's (elst): all three damaged, 2^31 - 16 ticks at 18432
    // a second is 32 hours.
    write(0x7FFF_FFF0, at: try payload(of: "mdhd", in: bytes) + 16, in: &bytes)
    write(0x7FFF_FFF0, at: try payload(of: "stts", in: bytes) + 12, in: &bytes)
    write(0x7FFF_FFF0, at: try payload(of: "elst", in: bytes) + 8, in: &bytes)
    try Data(bytes).write(to: URL(fileURLWithPath: path))

    let info = try MediaFile(path: path).info
    XCTAssertNil(info.durationSeconds, "a length no dashcam clip has is not stored")
    XCTAssertTrue(info.indexProblems.contains { $0.contains("longer than any dashcam clip") }, "\(info.indexProblems)")
    XCTAssertEqual(info.indexedFrameCount, 72)
  }

  func testUndamagedClipHasNoIndexProblems() throws {
    let info = try MediaFile(path: Fixtures.driveFront1).info
    XCTAssertEqual(info.indexProblems, [])
    XCTAssertEqual(info.durationSeconds ?? 0, 8, accuracy: 0.05)
  }
}
