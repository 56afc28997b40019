import FSDMedia
import FSDReview
import FSDStore
import FSDTestSupport
import Foundation
import XCTest

/// `e` and `v` on real clips: the committed sample of a swerve (front, back and both repeaters).
final class PreviewAndPlayerTests: XCTestCase {
  static let packageRoot = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
    .deletingLastPathComponent()
  static let frontClip = packageRoot.appendingPathComponent(
    "samples/TeslaCam/SavedClips/2026-11-09_17-42-30/2026-11-09_17-42-10-front.mp4").path

  var folder: String!
  override func setUpWithError() throws {
    folder = NSTemporaryDirectory() + "/fsd-preview-" + UUID().uuidString
    try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
  }
  override func tearDownWithError() throws { try? FileManager.default.removeItem(atPath: folder) }

  func details(clipPath: String = frontClip, offsetS: Double = 13.5) -> EventDetails {
    var event = EventRecord(kind: .swerve, onsetUtc: "2026-11-10T01:42:22.500Z", peakUtc: "2026-11-10T01:42:23.500Z",
                            endUtc: "2026-11-10T01:42:24.500Z", initiator: .fsd, source: .telemetry, confidence: 1,
                            detectedAt: "2026-11-29T00:00:00.000Z")
    event.id = 3
    event.offsetS = offsetS
    let clip = ClipRecord(path: clipPath, sizeBytes: 0, mtimeS: 0, fingerprint: "", camera: "front", source: "saved",
                          status: .ok, analysisVersion: 1, ingestedAt: "")
    return EventDetails(event: event, clip: clip, folder: nil, window: .empty, localTime: "2026-11-09T17:42:23.5")
  }

  /// What the tool printed, on either stream.
  func run(_ tool: String, _ arguments: [String]) throws -> (status: Int32, output: String) {
    let result = try ProcessRunner.run(tool, arguments)
    return (result.status, result.stdout + result.stderr)
  }

  func testPreviewIsAPNGOfEveryCameraAndAnMP4ThatCoversThePeak() throws {
    let output = try PreviewExporter(directory: folder).export(details())
    XCTAssertEqual(output.cameraCount, 4, "front, back and both repeaters recorded; the pillars did not")
    XCTAssertTrue(output.pngPath.hasSuffix("event-3-swerve-2026-11-09_17-42-23.png"), output.pngPath)

    let png = try Data(contentsOf: URL(fileURLWithPath: output.pngPath))
    XCTAssertEqual(Array(png.prefix(8)), [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A])
    let size = try run("ffprobe", ["-v", "error", "-show_entries", "stream=width,height", "-of", "csv=p=0", output.pngPath])
    XCTAssertEqual(size.output.trimmingCharacters(in: .whitespacesAndNewlines), "1448,724", "3x2 tiles of 480x360, 4 px gaps")

    // The MP4 decodes without a single error and covers the peak (13.5 s into the clip).
    let decode = try run("ffmpeg", ["-v", "error", "-i", output.mp4Path, "-f", "null", "-"])
    XCTAssertEqual(decode.status, 0)
    XCTAssertEqual(decode.output, "", "ffmpeg reported errors")
    XCTAssertLessThanOrEqual(output.snippet.startSeconds, 13.5 - 1)
    XCTAssertGreaterThan(output.snippet.endSeconds, 13.5)
    let duration = try run("ffprobe", ["-v", "error", "-show_entries", "format=duration", "-of", "csv=p=0", output.mp4Path])
    let seconds = try XCTUnwrap(Double(duration.output.trimmingCharacters(in: .whitespacesAndNewlines)))
    XCTAssertEqual(seconds, output.snippet.endSeconds - output.snippet.startSeconds, accuracy: 0.1)
  }

  func testThePeakFrameIsTheOneShown() throws {
    // The contact sheet's front tile is the frame at the peak: compare with FFmpeg's own frame.
    let picture = try MediaFile(path: Self.frontClip).picture(atSeconds: 13.5)
    XCTAssertEqual(picture.ptsSeconds, 13.5, accuracy: 1.0 / 36)
    let reference = folder + "/reference.yuv"
    // Input seeking gives the first frame at or after the time: aim half a frame early.
    XCTAssertEqual(try run("ffmpeg", ["-v", "error", "-ss", String(picture.ptsSeconds - 1.0 / 72), "-i", Self.frontClip, "-frames:v", "1",
                                      "-f", "rawvideo", "-pix_fmt", "yuv420p", reference]).status, 0)
    // The luma plane comes first (yuv420p keeps TV range; "gray" would be rescaled to full range).
    let expected = [UInt8](try Data(contentsOf: URL(fileURLWithPath: reference)).prefix(picture.width * picture.height))
    XCTAssertEqual(expected.count, picture.y.count)
    let meanDifference = zip(expected, picture.y).map { abs(Int($0) - Int($1)) }.reduce(0, +) / max(1, expected.count)
    XCTAssertLessThanOrEqual(meanDifference, 1, "same frame, same decoder")
  }

  func testMissingClipAndNoClipAreSaidPlainly() {
    let exporter = PreviewExporter(directory: folder)
    XCTAssertTrue(exporter.exportPreview(details(clipPath: "/media/usb/gone-front.mp4")).contains("no longer at /media/usb/gone-front.mp4"))
    let blocker = folder + "/a-file"
    XCTAssertTrue(FileManager.default.createFile(atPath: blocker, contents: Data("x".utf8)))
    let refused = PreviewExporter(directory: blocker + "/previews").exportPreview(details())
    XCTAssertTrue(refused.hasPrefix("No preview: cannot create \(blocker)/previews ("), refused)
    XCTAssertTrue(refused.hasSuffix("a-file is a file, not a folder); choose another folder with --previews DIR"), refused)
    var noClip = details()
    noClip.clip = nil
    XCTAssertTrue(exporter.exportPreview(noClip).contains("has no recorded clip"))
  }

  func testPlayerChoiceAndPlaceholders() {
    let custom = ClipPlayer(environment: ["FSDLOG_PLAYER": "vlc --start-time={seconds} {file}"])
    XCTAssertEqual(custom.command(file: "/c/front.mp4", seconds: 11.5)?.arguments, ["vlc", "--start-time=11.5", "/c/front.mp4"])
    XCTAssertEqual(ClipPlayer(environment: ["FSDLOG_PLAYER": "celluloid"]).command(file: "/c/f.mp4", seconds: 3),
                   ClipPlayer.Command(arguments: ["celluloid", "/c/f.mp4"], seeks: false))
    XCTAssertNil(ClipPlayer(environment: ["PATH": folder]).command(file: "/c/f.mp4", seconds: 3), "nothing installed")
    XCTAssertTrue(ClipPlayer(environment: ["PATH": folder, "DISPLAY": ":0"]).play(details()).contains("No video player found"))
  }

  func testPlayerIsStartedAtTwoSecondsBeforeThePeak() throws {
    let script = folder + "/player.sh", record = folder + "/played.txt"
    try "#!/bin/sh\necho \"$@\" > \(record)\n".write(toFile: script, atomically: true, encoding: .utf8)
    chmod(script, 0o755)
    let player = ClipPlayer(environment: ["FSDLOG_PLAYER": "\(script) {seconds} {file}", "PATH": "/usr/bin:/bin"])
    XCTAssertTrue(player.play(details()).contains("from 0:12"), "peak 13.5 s, two seconds before")
    for _ in 0..<200 where ((try? String(contentsOfFile: record, encoding: .utf8)) ?? "").hasSuffix("\n") == false {
      usleep(20_000)
    }
    XCTAssertEqual(try String(contentsOfFile: record, encoding: .utf8), "11.5 \(Self.frontClip)\n")
  }
}
