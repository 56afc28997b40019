import FSDTestSupport
import Foundation
import XCTest
@testable import FSDMedia

final class MP4EncoderTests: XCTestCase {
  /// A user_data_unregistered SEI NAL unit with a recognisable payload carrying `index`.
  private func seiNAL(_ index: Int) -> [UInt8] {
    let identifier = Array(repeating: UInt8(0x42), count: 15) + [0x69]
    let payload: [UInt8] = identifier + [0xAB, UInt8(index & 0xFF), UInt8(index >> 8)]
    return [6, 5, UInt8(payload.count)] + payload + [0x80]
  }

  func testEncodedClipCarriesOneExtraNALUnitPerFrameBeforeItsSlice() throws {
    let folder = try Fixtures.temporaryDirectory()
    defer { try? FileManager.default.removeItem(at: folder) }
    let path = folder.appendingPathComponent("clip.mp4").path
    var settings = EncoderSettings(width: 160, height: 120, framesPerSecond: 36)
    settings.creationTime = ISO8601DateFormatter().date(from: "2026-11-02T16:14:31Z")
    let encoder = try MP4Encoder(path: path, settings: settings)
    for index in 0..<72 {
      try encoder.encodeFrame(nalUnits: [seiNAL(index)]) { planes in
        for y in 0..<planes.height {
          for x in 0..<planes.width { planes.y[y * planes.yStride + x] = UInt8(truncatingIfNeeded: x + y + index * 3) }
        }
        for y in 0..<planes.chromaHeight {
          for x in 0..<planes.chromaWidth { planes.u[y * planes.uvStride + x] = 128; planes.v[y * planes.uvStride + x] = 128 }
        }
      }
    }
    try encoder.finish()

    // FFmpeg decodes it without a single complaint.
    let check = try ProcessRunner.run("ffmpeg", ["-v", "error", "-i", path, "-f", "null", "-"])
    XCTAssertEqual(check.status, 0)
    XCTAssertEqual(check.stderr, "")

    let media = try MediaFile(path: path)
    XCTAssertEqual(media.info.width, 160)
    XCTAssertEqual(media.info.timeBaseDenominator, 10_000)
    XCTAssertEqual(media.info.creationTime, settings.creationTime)
    XCTAssertEqual(media.info.indexedFrameCount, 72)

    var frameIndexes: [Int] = []
    var times: [Double] = []
    media.forEachVideoPacket { bytes, pts in
      let units = NALUnits.lengthPrefixed(bytes)
      let types = units.map { bytes[$0.lowerBound] & 0x1F }
      guard let seiPosition = units.firstIndex(where: { bytes[$0.lowerBound] == 6 && bytes[$0.lowerBound + 3] == 0x42 }),
            let slicePosition = types.firstIndex(where: { $0 == 1 || $0 == 5 }) else {
        XCTFail("packet without our SEI or a slice: types \(types)")
        return false
      }
      XCTAssertLessThan(seiPosition, slicePosition, "the SEI comes just before the frame's slice")
      let unit = Array(bytes[units[seiPosition]])
      XCTAssertEqual(unit, seiNAL(Int(unit[20]) | Int(unit[21]) << 8))
      frameIndexes.append(Int(unit[20]) | Int(unit[21]) << 8)
      times.append(pts ?? -1)
      return true
    }
    XCTAssertEqual(frameIndexes, Array(0..<72), "each frame's record is in its own packet, in order")
    for (index, time) in times.enumerated() { XCTAssertEqual(time, Double(index) / 36, accuracy: 0.0001) }
  }

  func testMoovFirstClipCutShortKeepsItsIndex() throws {
    let folder = try Fixtures.temporaryDirectory()
    defer { try? FileManager.default.removeItem(at: folder) }
    let path = folder.appendingPathComponent("cut.mp4").path
    var settings = EncoderSettings(width: 160, height: 120, framesPerSecond: 36)
    settings.moovFirst = true
    let encoder = try MP4Encoder(path: path, settings: settings)
    for index in 0..<72 {
      try encoder.encodeFrame { planes in
        for offset in 0..<(planes.yStride * planes.height) { planes.y[offset] = UInt8(truncatingIfNeeded: offset &* 31 &+ index) }
        for offset in 0..<(planes.uvStride * planes.chromaHeight) { planes.u[offset] = 128; planes.v[offset] = 128 }
      }
    }
    try encoder.finish()
    XCTAssertEqual(MP4Boxes.topLevel(path: path).map(\.type).prefix(2), ["ftyp", "moov"])
    let size = try FileManager.default.attributesOfItem(atPath: path)[.size] as! Int
    try FileHandle(forWritingTo: URL(fileURLWithPath: path)).truncate(atOffset: UInt64(size / 2))
    let outcome = try MediaFile(path: path).decodeLuma { _, _, _ in true }
    XCTAssertTrue(outcome.isCutShort)
    XCTAssertGreaterThan(outcome.framesDecoded, 10)
  }
}
