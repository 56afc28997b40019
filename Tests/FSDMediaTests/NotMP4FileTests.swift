import Foundation
import XCTest
@testable import FSDMedia

/// Files named `.mp4` that are something else: FFmpeg opens most of them happily (a PNG as a
/// one-frame video), so MediaFile must judge the container FFmpeg detects, and say what it is.
final class NotMP4FileTests: XCTestCase {
  override class func setUp() { FFmpegLog.setVerbose(false) }

  private func assertNotAVideo(_ path: String, says words: String, file: StaticString = #filePath, line: UInt = #line) {
    XCTAssertThrowsError(try MediaFile(path: path), file: file, line: line) { error in
      guard let error = error as? MediaError else { return XCTFail("got \(error)", file: file, line: line) }
      XCTAssertTrue(error.isNotAVideo, "\(error) must be recorded as not_video", file: file, line: line)
      XCTAssertTrue(error.reason.contains(words), "the reason says what the file is: \(error.reason)", file: file, line: line)
      XCTAssertTrue("\(error)".hasPrefix(path + ": "), "the message starts with the file", file: file, line: line)
    }
  }

  private func made(_ name: String, _ arguments: [String]) throws -> String {
    let path = try Fixtures.temporaryDirectory().appendingPathComponent(name).path
    try Fixtures.run("ffmpeg", ["-v", "error", "-y"] + arguments + [path])
    return path
  }

  private let testPattern = ["-f", "lavfi", "-i", "testsrc2=size=160x120:rate=36", "-t", "1", "-c:v", "libx264"]

  func testPNGNamedMP4IsAnImageNotAOneFrameVideo() throws {
    let path = try Fixtures.temporaryDirectory().appendingPathComponent("2026-11-02_08-14-31-front.mp4").path
    try FileManager.default.copyItem(atPath: Fixtures.sample("SavedClips/2026-11-02_08-25-07/thumb.png"), toPath: path)
    assertNotAVideo(path, says: "a PNG image, not an MP4 video")
  }

  func testMatroskaNamedMP4IsNamedAsMatroska() throws {
    assertNotAVideo(try made("mkv.mp4", testPattern + ["-f", "matroska"]), says: "Matroska (MKV), not an MP4 video")
  }

  func testMPEGTransportStreamNamedMP4IsNamedAsMPEGTS() throws {
    assertNotAVideo(try made("ts.mp4", testPattern + ["-f", "mpegts"]), says: "MPEG-TS")
  }

  func testAVIFImageIsAnImageThoughFFmpegReadsItAsAnMP4() throws {
    // AVIF is built on MP4's boxes: FFmpeg's mov demuxer opens it as a one-frame AV1 video.
    let path = try made("image.mp4", ["-f", "lavfi", "-i", "testsrc2=size=160x120", "-frames:v", "1",
                                      "-c:v", "libaom-av1", "-still-picture", "1", "-f", "avif"])
    assertNotAVideo(path, says: "an AVIF image, not an MP4 video")
  }

  func testAudioOnlyMP4IsNotAVideo() throws {
    let path = try made("audio.mp4", ["-f", "lavfi", "-i", "sine=duration=1", "-c:a", "aac", "-f", "mp4"])
    XCTAssertThrowsError(try MediaFile(path: path)) { error in
      guard case MediaError.audioOnly = error else { return XCTFail("got \(error)") }
    }
    assertNotAVideo(path, says: "audio-only MP4")
  }

  func testMOVAndMP4VideosStillOpen() throws {
    // The mov/mp4 family is one demuxer in FFmpeg: a QuickTime .mov renamed .mp4 is read as before.
    let mov = try made("quicktime.mp4", testPattern + ["-pix_fmt", "yuv420p", "-f", "mov"])
    XCTAssertEqual(try MediaFile(path: mov).info.indexedFrameCount, 36)
    XCTAssertEqual(try MediaFile(path: Fixtures.driveFront1).info.indexedFrameCount, 288)
  }
}
