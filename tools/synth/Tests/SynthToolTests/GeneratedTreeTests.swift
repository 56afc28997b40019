import Foundation
import XCTest

/// What the generator writes: clips FFmpeg decodes without a complaint, a TeslaCam layout with
/// event.json and thumb.png, damaged last clips that fail exactly as intended, and CSVs.
final class GeneratedTreeTests: XCTestCase {
  static let scenario = """
    {"name": "tree", "seed": 5, "start_local": "2026-11-02T08:14:31", "utc_offset": "-08:00",
     "duration_s": 5, "resolution": {"width": 320, "height": 240}, "initial_speed_kmh": 60,
     "output": {"layout": "saved", "city": "Palo Alto", "event_reason": "user_interaction_honk",
                "cameras": ["front", "back", "left_pillar"], "clip_s": 2.5,
                "csv": ["canonical", "tesla_sei", "track_mode"], "csv_clock_offset_s": 2.5}}
    """

  func testEveryClipDecodesCleanlyInASavedEventFolder() throws {
    let out = try SynthTool.generate(Self.scenario)
    defer { try? FileManager.default.removeItem(at: out.deletingLastPathComponent()) }
    let folder = out.appendingPathComponent("TeslaCam/SavedClips/2026-11-02_08-14-36")
    let names = try FileManager.default.contentsOfDirectory(atPath: folder.path).sorted()
    XCTAssertEqual(names, [
      "2026-11-02_08-14-31-back.mp4", "2026-11-02_08-14-31-front.mp4", "2026-11-02_08-14-31-left_pillar.mp4",
      "2026-11-02_08-14-33-back.mp4", "2026-11-02_08-14-33-front.mp4", "2026-11-02_08-14-33-left_pillar.mp4",
      "event.json", "thumb.png",
    ])
    for clip in SynthTool.clips(in: out) {
      let check = try SynthTool.run("ffmpeg", ["-v", "error", "-i", clip.path, "-f", "null", "-"])
      XCTAssertEqual(check.status, 0, clip.path)
      XCTAssertEqual(check.stderr, "", "\(clip.lastPathComponent): \(check.stderr)")
    }
    // mvhd creation time: UTC (local 08:14:33 at UTC-8).
    let probe = try SynthTool.run("ffprobe", ["-v", "error", "-show_entries", "format_tags=creation_time", "-of", "csv=p=0",
                                             folder.appendingPathComponent("2026-11-02_08-14-33-front.mp4").path])
    XCTAssertTrue(probe.stdout.hasPrefix("2026-11-02T16:14:33"), probe.stdout)

    let event = try JSONSerialization.jsonObject(with: Data(contentsOf: folder.appendingPathComponent("event.json"))) as! [String: Any]
    XCTAssertEqual(event["reason"] as? String, "user_interaction_honk")
    XCTAssertEqual(event["timestamp"] as? String, "2026-11-02T08:14:36")
    XCTAssertTrue(event.values.allSatisfy { $0 is String }, "the car writes every value as a string")
    let thumb = try Data(contentsOf: folder.appendingPathComponent("thumb.png"))
    XCTAssertEqual(Array(thumb.prefix(8)), [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A])

    // CSVs: canonical (absolute, shifted by the clock offset), Tesla export per clip, Track Mode in mph.
    let canonical = try String(contentsOf: out.appendingPathComponent("telemetry/tree.csv"), encoding: .utf8)
      .split(separator: "\n")
    XCTAssertEqual(canonical[0], "time,speed_mps,accel_long_mps2,accel_lat_mps2,brake,accelerator,steering_deg,autopilot,lat,lon,heading_deg")
    XCTAssertTrue(canonical[1].hasPrefix("2026-11-02T16:14:33.500Z,16.667,"), String(canonical[1]))
    let tesla = try FileManager.default.contentsOfDirectory(atPath: out.appendingPathComponent("telemetry/tree-tesla-sei").path)
    XCTAssertEqual(tesla.count, 2)
    let track = try String(contentsOf: out.appendingPathComponent("telemetry/telemetry-v1-2026-11-02_08-14-31.csv"), encoding: .utf8)
      .split(separator: "\n")
    XCTAssertTrue(track[1].hasPrefix("1,0,37.28,"), String(track[1]))  // 60 km/h = 37.28 mph
    // 45 Hz from the first frame to the last (frame 179 of 180 at 36 fps).
    XCTAssertEqual(track.count - 1, Int(179.0 / 36 * 45) + 1, "45 Hz")
  }

  func testTruncatedLastClipsFailExactlyAsIntended() throws {
    let recent = """
      {"name": "cut", "seed": 2, "start_local": "2026-11-02T08:14:31", "duration_s": 4,
       "resolution": {"width": 320, "height": 240}, "output": {"cameras": ["front"], "clip_s": 2}}
      """
    for (kind, expectOpen) in [("no_moov", false), ("short_mdat", true)] {
      let out = try SynthTool.generate(recent, flags: ["--truncate-last", kind])
      defer { try? FileManager.default.removeItem(at: out.deletingLastPathComponent()) }
      let clips = SynthTool.clips(in: out)
      XCTAssertEqual(clips.count, 2)
      let first = try SynthTool.run("ffmpeg", ["-v", "error", "-i", clips[0].path, "-f", "null", "-"])
      XCTAssertEqual(first.stderr, "", "only the last clip is damaged")
      let count = try SynthTool.run("ffprobe", ["-v", "error", "-count_frames", "-select_streams", "v:0",
                                               "-show_entries", "stream=nb_read_frames", "-of", "csv=p=0", clips[1].path])
      if expectOpen {
        let frames = Int(count.stdout.trimmingCharacters(in: .whitespacesAndNewlines)) ?? 0
        XCTAssertGreaterThan(frames, 5, "\(kind): what remains decodes")
        XCTAssertLessThan(frames, 72, "\(kind): frames are missing")
      } else {
        XCTAssertNotEqual(count.status, 0, "\(kind): cannot be opened")
        XCTAssertTrue(count.stderr.contains("moov atom not found"), count.stderr)
      }
    }
  }
}
