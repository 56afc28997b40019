import FSDTestSupport
import Foundation
import XCTest

/// The real executable on real forward-camera footage (issue 11): every clip of
/// `../shared/realvideo` (steady real driving, no brake and no swerve in any) and of
/// `../shared/realbrake` (one real hard brake each, onsets from its README) ingested
/// `--mode vision` into its own database, so each clip is a drive of its own; the events are read
/// back through `fsdlog events --format json`. The folders are test data kept outside the
/// repository; where they are absent the tests skip and say so. `FSDLOG_REAL_VIDEO` and
/// `FSDLOG_REAL_BRAKE` point them at other folders.
final class RealFootageTests: XCTestCase {
  /// ../shared/realbrake/README.md, "brake onset" column: seconds into the clip (good to about ±0.3 s).
  static let realBrakeOnsets: [String: Double] = [
    "dada_5_049": 4.15, "dada_1_003": 2.0, "dada_6_008": 3.8, "dada_8_006": 2.1, "dada_6_059": 1.7,
  ]
  static let onsetToleranceS = 0.5
  static let brakesRequired = 4

  func testRealVideoClipsHaveNoBrakeOrSwerve() throws {
    let folder = try Self.folder(environment: "FSDLOG_REAL_VIDEO", relative: "../shared/realvideo")
    let clips = try Self.clips(in: folder)
    XCTAssertFalse(clips.isEmpty, "no .mp4 clip in \(folder.path)")

    let results = try Self.ingestEach(clips)

    var problems: [String] = []
    for result in results {
      problems += result.problems
      for event in result.events where event.kind == "brake" || event.kind == "swerve" {
        problems.append("\(result.name): \(event.kind) \(event.description)")
      }
    }
    XCTAssertTrue(problems.isEmpty, """
      real footage with no brake and no swerve (\(folder.path), \(clips.count) clips, each its own drive, \
      --mode vision) gave \(problems.count) false event(s) or problem(s):
      \(problems.map { "  " + $0 }.joined(separator: "\n"))
      """)
  }

  /// The same steady footage re-shot as another car and camera would show it, the way
  /// tools/make-real-variants does: `gaurav_lane` played 25 % faster with every frame kept, and
  /// `anmol_highway` dropped to 15 fps. Both gave false brakes before the vision brake rules
  /// learnt the sideways slide, the forward motion's leak and the level a dip starts from
  /// (docs/detection.md); neither may give a brake. (At 15 fps `anmol_highway`'s lane change on a
  /// curve still passes for a swerve, by a return share of 0.35 where 0.35 is needed: a known
  /// failure that docs/detection.md lists, not asserted here.)
  func testRealVideoReShotFasterAndAtFifteenFramesASecondHasNoBrake() throws {
    let folder = try Self.folder(environment: "FSDLOG_REAL_VIDEO", relative: "../shared/realvideo")
    let shots: [(source: String, name: String, filter: [String])] = [
      ("gaurav_lane", "gaurav_lane-faster", ["-vf", "setpts=0.8*PTS", "-fps_mode", "passthrough"]),
      ("anmol_highway", "anmol_highway-fps15", ["-vf", "fps=15"]),
    ]
    let results = try Self.reShotAndIngested(shots, from: folder)

    var problems: [String] = []
    for result in results {
      problems += result.problems
      for event in result.events where event.kind == "brake" {
        problems.append("\(result.name): brake \(event.description)")
      }
    }
    XCTAssertTrue(problems.isEmpty, """
      steady real footage re-shot (\(results.map(\.name).joined(separator: ", "))) gave \
      \(problems.count) false brake(s) or problem(s):
      \(problems.map { "  " + $0 }.joined(separator: "\n"))
      """)
  }

  func testRealBrakesAreFoundNearTheirOnsetWithNoSwerve() throws {
    let folder = try Self.folder(environment: "FSDLOG_REAL_BRAKE", relative: "../shared/realbrake")
    let clips = try Self.clips(in: folder)
    XCTAssertFalse(clips.isEmpty, "no .mp4 clip in \(folder.path)")

    let results = try Self.ingestEach(clips)

    var problems: [String] = [], lines: [String] = [], found: [String] = []
    for result in results {
      problems += result.problems
      for event in result.events where event.kind == "swerve" {
        problems.append("\(result.name): swerve \(event.description) (no swerve in any real-brake clip)")
      }
      guard let onset = Self.realBrakeOnsets[result.name] else { continue }
      let hit = result.brake(near: onset)
      if hit != nil { found.append(result.name) }
      lines.append("\(result.name): real brake onset \(String(format: "%.2f", onset)) s: \(hit == nil ? "MISSED" : "found"); \(result.brakesSeen)")
    }
    let absent = Self.realBrakeOnsets.keys.filter { name in !results.contains { $0.name == name } }.sorted()
    for name in absent { lines.append("\(name): clip absent from \(folder.path)") }
    let report = (lines + problems).map { "  " + $0 }.joined(separator: "\n")

    XCTAssertGreaterThanOrEqual(found.count, Self.brakesRequired, """
      real hard brakes found with onset error <= \(Self.onsetToleranceS) s: \(found.count) of \
      \(Self.realBrakeOnsets.count) (need \(Self.brakesRequired)):
      \(report)
      """)
    XCTAssertTrue(problems.isEmpty, "real-brake clips gave swerves or problems:\n\(report)")
  }

  /// The real brakes as other cameras and clips would show them, each missed before the stop rule
  /// took a creeping finish, a noisy or shaking standing picture and a clip's second second into
  /// account.
  func testRealBrakesReShotAndCutShortAreFound() throws {
    let folder = try Self.folder(environment: "FSDLOG_REAL_BRAKE", relative: "../shared/realbrake")
    let shots: [(source: String, name: String, filter: [String])] = [
      // The car creeps after stopping; at 15 fps its forward motion never reads under 0.013.
      ("dada_6_008", "dada_6_008-fps15", ["-vf", "fps=15"]),
      // Night, darker and with sensor noise: standing reads 0.009-0.014.
      ("dada_1_003", "dada_1_003-dark", ["-vf", "noise=alls=12:allf=t,eq=brightness=-0.15:contrast=0.8"]),
      // Cut to start 1.1 s before the brake: judged from the clip's second second.
      ("dada_8_006", "dada_8_006-cut", ["-ss", "1.1"]),
      // Behind a vibrating mount (2-5 px at 1.7-6 Hz): standing reads 0.02-0.05 a second.
      ("dada_5_049", "dada_5_049-shaken", ["-vf", "crop=iw-12:ih-12:'6+2.5*sin(2*PI*t*6.1)+1.5*sin(2*PI*t*2.3)'"
        + ":'6+3*sin(2*PI*t*4.7)+2*sin(2*PI*t*1.7)',scale=iw+12:ih+12"]),
    ]
    let onsets = ["dada_6_008-fps15": 3.8, "dada_1_003-dark": 2.0, "dada_8_006-cut": 1.0, "dada_5_049-shaken": 4.15]
    var problems: [String] = []
    for result in try Self.reShotAndIngested(shots, from: folder) {
      problems += result.problems
      guard let onset = onsets[result.name] else { continue }
      if result.brake(near: onset) == nil {
        problems.append("\(result.name): real brake onset \(onset) s MISSED; \(result.brakesSeen)")
      }
    }
    XCTAssertTrue(problems.isEmpty, problems.map { "  " + $0 }.joined(separator: "\n"))
  }

  // MARK: - Helpers

  /// Each shot's `source` clip in `folder` re-encoded by ffmpeg with its output options (a filter,
  /// or `-ss` to cut off the start) into a temporary folder, then ingested as by `ingestEach`;
  /// sources absent are left out, and the test skips when none is there.
  static func reShotAndIngested(_ shots: [(source: String, name: String, filter: [String])],
                                from folder: URL) throws -> [ClipResult] {
    let output = try CLI.temporaryDirectory()
    defer { try? FileManager.default.removeItem(at: output) }
    let clips = try reShoot(shots, from: folder, into: output)
    guard !clips.isEmpty else {
      throw XCTSkip("none of \(shots.map { "\($0.source).mp4" }.joined(separator: ", ")) is in \(folder.path)")
    }
    return try ingestEach(clips)
  }

  static func reShoot(_ shots: [(source: String, name: String, filter: [String])], from folder: URL,
                      into output: URL) throws -> [URL] {
    var clips: [URL] = []
    for shot in shots {
      let source = folder.appendingPathComponent("\(shot.source).mp4")
      guard FileManager.default.fileExists(atPath: source.path) else { continue }
      let clip = output.appendingPathComponent("\(shot.name).mp4")
      let encode = try ProcessRunner.run("ffmpeg", ["-nostdin", "-v", "error", "-y", "-i", source.path, "-an"] + shot.filter
        + ["-c:v", "libx264", "-preset", "veryfast", "-crf", "20", "-pix_fmt", "yuv420p", clip.path])
      XCTAssertEqual(encode.status, 0, "ffmpeg could not re-shoot \(source.path): \(encode.stderr.suffix(400))")
      clips.append(clip)
    }
    return clips
  }

  /// An event as `fsdlog events --format json` gives it, with its times in its clip.
  struct ClipEvent {
    let kind: String
    let severity: String?
    let confidence: Double?
    /// The peak's time in the clip (`offset_s`).
    let peakInClipS: Double?
    /// offset_s − (peak − onset).
    let onsetInClipS: Double?
    let peakUTC: String

    var description: String {
      let onset = onsetInClipS.map { String(format: "onset %.2f s", $0) } ?? "onset ?"
      let peak = peakInClipS.map { String(format: "peak %.2f s", $0) } ?? "peak \(peakUTC) (no offset in the clip)"
      return "\(onset), \(peak) into the clip" + (severity.map { ", \($0)" } ?? "")
        + (confidence.map { String(format: ", confidence %.2f", $0) } ?? "")
    }
  }

  struct ClipResult {
    let name: String
    var events: [ClipEvent] = []
    /// Ingest or events that did not work, named by clip.
    var problems: [String] = []

    /// The first brake whose onset lies within `onsetToleranceS` of `onsetS` (seconds in the clip).
    func brake(near onsetS: Double) -> ClipEvent? {
      events.first { $0.kind == "brake" && ($0.onsetInClipS.map { abs($0 - onsetS) <= RealFootageTests.onsetToleranceS } ?? false) }
    }

    /// Every brake found, for a failure message.
    var brakesSeen: String {
      let brakes = events.filter { $0.kind == "brake" }
      return brakes.isEmpty ? "no brake" : brakes.map { "brake \($0.description)" }.joined(separator: "; ")
    }
  }

  /// The folder `environment` names, else `relative` to the package root; skips when absent.
  static func folder(environment: String, relative: String) throws -> URL {
    let folder: URL, named: String
    if let path = ProcessInfo.processInfo.environment[environment], !path.isEmpty {
      folder = URL(fileURLWithPath: path)
      named = "\(environment)=\(path)"
    } else {
      folder = CLI.packageRoot.appendingPathComponent(relative).standardizedFileURL
      named = relative
    }
    var isDirectory: ObjCBool = false
    guard FileManager.default.fileExists(atPath: folder.path, isDirectory: &isDirectory), isDirectory.boolValue else {
      throw XCTSkip("\(named) is absent: no real footage at \(folder.path), nothing to test (set \(environment) to a folder of real clips)")
    }
    return folder
  }

  static func clips(in folder: URL) throws -> [URL] {
    try FileManager.default.contentsOfDirectory(atPath: folder.path)
      .filter { $0.lowercased().hasSuffix(".mp4") }.sorted()
      .map { folder.appendingPathComponent($0) }
  }

  /// Each clip into its own temporary database, two at a time; the events of each.
  static func ingestEach(_ clips: [URL]) throws -> [ClipResult] {
    let folder = try CLI.temporaryDirectory()
    defer { try? FileManager.default.removeItem(at: folder) }
    let results = LockedResults(count: clips.count)
    let workers = min(2, clips.count)
    DispatchQueue.concurrentPerform(iterations: workers) { worker in
      for index in stride(from: worker, to: clips.count, by: workers) {
        results.set(index, ingest(clips[index], into: folder))
      }
    }
    return results.values
  }

  static func ingest(_ clip: URL, into folder: URL) -> ClipResult {
    let name = clip.deletingPathExtension().lastPathComponent
    var result = ClipResult(name: name)
    let database = folder.appendingPathComponent("\(name).sqlite").path
    do {
      let ingest = try CLI.fsdlog(["ingest", clip.path, "--db", database, "--mode", "vision"])
      if ingest.status != 0 {
        result.problems.append("\(name): ingest exited with status \(ingest.status): \(ingest.stderr.suffix(400))")
      }
      let listing = try CLI.fsdlog(["events", "--db", database, "--format", "json"])
      guard listing.status == 0 else {
        result.problems.append("\(name): events exited with status \(listing.status): \(listing.stderr.suffix(400))")
        return result
      }
      guard let rows = try JSONSerialization.jsonObject(with: Data(listing.stdout.utf8)) as? [[String: Any]] else {
        result.problems.append("\(name): events --format json is not an array: \(listing.stdout.prefix(200))")
        return result
      }
      result.events = rows.map { row in
        let offset = row["offset_s"] as? Double
        let onset = (row["onset"] as? String).flatMap(VisionEventTests.utc)
        let peak = (row["peak"] as? String).flatMap(VisionEventTests.utc)
        let onsetInClip = offset.flatMap { offset in onset.flatMap { onset in peak.map { offset - ($0 - onset) } } }
        return ClipEvent(kind: row["kind"] as? String ?? "?", severity: row["severity"] as? String,
                         confidence: row["confidence"] as? Double, peakInClipS: offset,
                         onsetInClipS: onsetInClip, peakUTC: row["peak"] as? String ?? "?")
      }.sorted { ($0.onsetInClipS ?? 0) < ($1.onsetInClipS ?? 0) }
    } catch {
      result.problems.append("\(name): could not run fsdlog: \(error)")
    }
    return result
  }
}

private final class LockedResults: @unchecked Sendable {
  private let lock = NSLock()
  private var results: [RealFootageTests.ClipResult?]
  init(count: Int) { results = Array(repeating: nil, count: count) }
  func set(_ index: Int, _ value: RealFootageTests.ClipResult) { lock.lock(); results[index] = value; lock.unlock() }
  var values: [RealFootageTests.ClipResult] { lock.lock(); defer { lock.unlock() }; return results.compactMap { $0 } }
}
