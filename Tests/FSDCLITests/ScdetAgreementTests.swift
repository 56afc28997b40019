import Foundation
import XCTest

/// fsdlog's `mafd` is FFmpeg scdet's `lavfi.scd.mafd`: with exact decoding, every frame of every
/// readable sample clip must match what `ffmpeg -vf scdet` prints, within 0.01.
final class ScdetAgreementTests: XCTestCase {
  func testMafdMatchesFFmpegScdetOnEveryCompleteSampleClip() throws {
    let folder = try CLI.temporaryDirectory()
    defer { try? FileManager.default.removeItem(at: folder) }
    let database = folder.appendingPathComponent("db.sqlite").path
    _ = try CLI.fsdlog(["ingest", CLI.samples, "--db", database, "--decode", "exact"])
    let clips = try CLI.sqlite(database, "SELECT path FROM clips WHERE camera = 'front' AND status = 'ok' ORDER BY path")
      .map { $0[0] }
    XCTAssertGreaterThanOrEqual(clips.count, 5)

    for clip in clips {
      let metadata = folder.appendingPathComponent("scdet.txt").path
      let ffmpeg = try CLI.tool("ffmpeg", ["-v", "error", "-threads", "1", "-i", clip, "-vf",
                                          "scdet,metadata=mode=print:key=lavfi.scd.mafd:file=\(metadata)", "-f", "null", "-"])
      XCTAssertEqual(ffmpeg.status, 0, ffmpeg.stderr)
      let reference = try String(contentsOfFile: metadata, encoding: .utf8).split(separator: "\n")
        .filter { $0.hasPrefix("lavfi.scd.mafd=") }.map { Double($0.dropFirst("lavfi.scd.mafd=".count))! }

      let ours = try CLI.fsdlog(["motion", clip, "--db", database]).stdout.split(separator: "\n").dropFirst()
        .map { Double($0.split(separator: ",")[1])! }
      XCTAssertEqual(ours.count, reference.count, "\(clip): frame count")
      var worst = 0.0
      for (index, (mine, theirs)) in zip(ours, reference).enumerated() {
        worst = max(worst, abs(mine - theirs))
        XCTAssertEqual(mine, theirs, accuracy: 0.01, "\(clip) frame \(index)")
      }
      XCTAssertGreaterThan(reference.reduce(0, +), 0, "\(clip): a clip with motion, so the test can fail")
      print("scdet agreement \((clip as NSString).lastPathComponent): \(reference.count) frames, worst |Δmafd| \(worst)")
    }
  }
}
