import FSDTestSupport
import Foundation
import XCTest

/// Hostile and damaged files through the real `fsdlog ingest`, checked in its database: no file
/// may abort the run, and every clip must end up with a row, a status and (unless ok) a reason.
///
/// The mutation test damages two real clips (one carrying Tesla SEI telemetry, read without
/// decoding; one without, decoded frame by frame) with `MP4Mutator`: box sizes, sample-table
/// counts and entries, header fields, SEI and slice bytes, NAL lengths. Clips go to `fsdlog
/// ingest` a folder at a time, so an abort or a hang of the process fails the test, naming the
/// clips it left without a row and what was done to them.
///
/// Switches (environment):
/// - `FSDLOG_LONG_TESTS=1` (the long tier, set by `.ci/run`) or `FSDLOG_LONG_FUZZ=1`: 10,000 mutated clips instead of the normal suite's 300 (several
///   minutes on two cores).
/// - `FSDLOG_MUTATION_SEED=<n>`: another seed (the default, 1, is fixed, so the normal suite is
///   the same on every run; its 300 clips include a random 'stts' count that aborted fsdlog before
///   frame counts were bounded, as about half of all seeds' do); `FSDLOG_MUTATION_CLIPS=<n>`:
///   another number of clips.
/// A failing batch's folder (clips, `manifest.txt` of the mutations, database, fsdlog's output)
/// is kept and its path printed.
final class MP4MutationTests: XCTestCase {
  // MARK: - Defect 1: a damaged index must not size an allocation

  func testClipWhoseSttsClaimsFourBillionFramesIsStoredPartialAndTheRunCompletes() throws {
    let folder = try TemporaryFolder()
    try FileManager.default.createDirectory(atPath: folder.path("clips"), withIntermediateDirectories: true)
    let seeds = try Seeds.shared()
    let damagedPath = folder.path("clips/2026-11-02_08-14-31-front.mp4")
    let goodPath = folder.path("clips/2026-11-02_08-15-31-front.mp4")
    var damaged = seeds.decoded
    let mutator = MP4Mutator(clip: damaged)
    let count = try XCTUnwrap(mutator.fields.first { $0.what == "stts entry 0 count" })
    damaged.replaceSubrange(count.offset..<(count.offset + 4), with: [0xFF, 0xFF, 0xFF, 0xFD])
    try Data(damaged).write(to: URL(fileURLWithPath: damagedPath))
    try Data(seeds.telemetry).write(to: URL(fileURLWithPath: goodPath))
    let frames = try FFmpeg.decodedFrameCount(damagedPath)

    let database = folder.path("fsdlog.sqlite")
    let run = try FSDLogRun.ingest(folder.path("clips"), database: database, timeoutSeconds: 120)
    XCTAssertTrue(run.exitedCleanly, "fsdlog must not abort on a damaged index: \(run)")

    let rows = try clipRows(database)
    let damagedRow = try XCTUnwrap(rows[damagedPath], "the damaged clip has a row")
    XCTAssertEqual(damagedRow.status, "partial")
    XCTAssertTrue(damagedRow.error.contains("stts") && damagedRow.error.contains("4294967293"), damagedRow.error)
    XCTAssertEqual(damagedRow.frameCount, frames, "every frame the file really holds is read")
    XCTAssertEqual(rows[goodPath]?.status, "ok", "the other clip of the run goes in")
    XCTAssertEqual(try SQLiteCLI.scalar(database, "SELECT group_concat(status) FROM ingest_runs"), "completed")
  }

  // MARK: - Defect 9: only MP4 video is video

  func testImagesOtherContainersAndAudioNamedMP4AreNotVideoAndSayWhatTheyAre() throws {
    let folder = try TemporaryFolder()
    let clips = folder.path("clips")
    try FileManager.default.createDirectory(atPath: clips, withIntermediateDirectories: true)
    func named(_ minute: Int) -> String { clips + "/2026-11-02_08-\(minute)-31-front.mp4" }
    let png = named(20), mkv = named(21), ts = named(22), audio = named(23), video = named(24)
    try FileManager.default.copyItem(atPath: sampleTeslaCam + "/SavedClips/2026-11-02_08-25-07/thumb.png", toPath: png)
    let lavfi = ["-v", "error", "-y", "-f", "lavfi", "-i", "testsrc2=size=160x120:rate=36", "-t", "1", "-c:v", "libx264"]
    try Tool.run("/usr/bin/ffmpeg", lavfi + ["-f", "matroska", mkv])
    try Tool.run("/usr/bin/ffmpeg", lavfi + ["-f", "mpegts", ts])
    try Tool.run("/usr/bin/ffmpeg", ["-v", "error", "-y", "-f", "lavfi", "-i", "sine=duration=2", "-c:a", "aac", "-f", "mp4", audio])
    try Data(try Seeds.shared().decoded).write(to: URL(fileURLWithPath: video))

    let database = folder.path("fsdlog.sqlite")
    let run = try FSDLogRun.ingest(clips, database: database, timeoutSeconds: 120)
    XCTAssertTrue(run.exitedCleanly, "\(run)")
    let rows = try clipRows(database)
    let expected = [png: "a PNG image", mkv: "Matroska (MKV)", ts: "MPEG-TS", audio: "audio-only MP4"]
    for (path, words) in expected {
      let row = try XCTUnwrap(rows[path], "\(path) has a row")
      XCTAssertEqual(row.status, "not_video", "\(path): \(row.error)")
      XCTAssertTrue(row.error.contains(words), "\(path): the reason says what the file is: \(row.error)")
    }
    XCTAssertEqual(rows[video]?.status, "ok", "a real MP4 in the same folder is read")
  }

  // MARK: - Mutation

  func testMutatedClipsNeverAbortIngestAndEveryClipIsRecordedWithAReason() throws {
    let environment = ProcessInfo.processInfo.environment
    let long = TestTier.isLong || environment["FSDLOG_LONG_FUZZ"] == "1"
    let clipCount = environment["FSDLOG_MUTATION_CLIPS"].flatMap(Int.init) ?? (long ? 10_000 : 300)
    let seed = environment["FSDLOG_MUTATION_SEED"].flatMap(UInt64.init) ?? 1
    let batchSize = long ? 250 : 100
    var random = SplitMix64(seed: seed)
    let seeds = try Seeds.shared()
    let mutators = [MP4Mutator(clip: seeds.telemetry), MP4Mutator(clip: seeds.decoded)]
    XCTAssertFalse(mutators[0].seiUnits.isEmpty, "the telemetry seed carries SEI to damage")
    XCTAssertFalse(mutators[1].fields.filter { $0.what.hasPrefix("ctts") }.isEmpty, "the decoded seed has B-frames (ctts)")

    var statuses: [String: Int] = [:]
    var made = 0, batch = 0, named = 0
    while made < clipCount {
      let folder = try TemporaryFolder.kept("fsdlog-mutation-\(seed)-\(batch)")
      let clips = folder + "/clips"
      try FileManager.default.createDirectory(atPath: clips, withIntermediateDirectories: true)
      var manifest: [String: String] = [:]
      var contents: [(name: String, bytes: [UInt8], what: String)] = []
      func add(_ bytes: [UInt8], _ what: String) {
        contents.append((clipName(named), bytes, what))
        named += 1
      }
      // The first batch also holds both seeds unharmed: they must read back ok, or the
      // mutation test would be checking nothing but failures.
      if batch == 0 {
        add(seeds.telemetry, "telemetry seed, unharmed")
        add(seeds.decoded, "decoded seed, unharmed")
      }
      let mutatedCount = min(batchSize, clipCount - made)
      for _ in 0..<mutatedCount {
        let which = Int.random(in: 0...1, using: &random)
        let (bytes, mutations) = mutators[which].mutated(using: &random)
        add(bytes, (which == 0 ? "telemetry seed: " : "decoded seed: ") + mutations.map(\.description).joined(separator: "; "))
      }
      for clip in contents {
        try Data(clip.bytes).write(to: URL(fileURLWithPath: clips + "/" + clip.name))
        manifest[clips + "/" + clip.name] = clip.what
      }
      try manifest.sorted { $0.key < $1.key }.map { "\($0.key)\t\($0.value)" }.joined(separator: "\n")
        .write(toFile: folder + "/manifest.txt", atomically: true, encoding: .utf8)

      let database = folder + "/fsdlog.sqlite"
      let run = try FSDLogRun.ingest(clips, database: database, timeoutSeconds: 60 + Double(contents.count))
      let rows = (try? clipRows(database)) ?? [:]
      var problems: [String] = []
      if !run.exitedCleanly { problems.append("fsdlog did not finish: \(run)") }
      for (path, what) in manifest.sorted(by: { $0.key < $1.key }) {
        guard let row = rows[path] else { problems.append("no row: \(path) (\(what))"); continue }
        if !["ok", "partial", "failed", "not_video"].contains(row.status) {
          problems.append("status '\(row.status)': \(path) (\(what))")
        } else if row.status != "ok" && row.error.trimmingCharacters(in: .whitespaces).isEmpty {
          problems.append("\(row.status) without a reason: \(path) (\(what))")
        }
        if what.hasSuffix("unharmed"), row.status != "ok" { problems.append("seed not ok: \(path): \(row.error)") }
        statuses[row.status, default: 0] += 1
      }
      let runs = (try? SQLiteCLI.scalar(database, "SELECT group_concat(status) FROM ingest_runs")) ?? "?"
      if runs != "completed" { problems.append("ingest run recorded as '\(runs)'") }
      if problems.isEmpty {
        try? FileManager.default.removeItem(atPath: folder)
      } else {
        XCTFail("batch \(batch) (seed \(seed)), kept in \(folder):\n" + problems.prefix(20).joined(separator: "\n"))
      }
      made += mutatedCount
      batch += 1
    }
    // Not vacuous: the mutations must have hurt some clips, and left others readable.
    XCTAssertGreaterThan(statuses["ok", default: 0], 0, "\(statuses)")
    XCTAssertGreaterThan(statuses["failed", default: 0] + statuses["partial", default: 0] + statuses["not_video", default: 0], 0,
                         "\(statuses)")
    print("mutated clips: \(made), statuses: \(statuses.sorted { $0.key < $1.key })")
  }

  // MARK: - Support

  /// TeslaCam front-camera names, so every clip is analysed as a front clip: two seconds apart
  /// from 08:14:31 car time on the seeds' day (their creation time is 16:14:31 UTC, a time-zone
  /// offset away, so ingest has nothing to say about the clock).
  private func clipName(_ index: Int) -> String {
    let formatter = DateFormatter()
    formatter.locale = Locale(identifier: "en_US_POSIX")
    formatter.timeZone = TimeZone(identifier: "UTC")
    formatter.dateFormat = "yyyy-MM-dd_HH-mm-ss"
    let start = formatter.date(from: "2026-11-02_08-14-31")!
    return formatter.string(from: start.addingTimeInterval(Double(index) * 2)) + "-front.mp4"
  }

  private struct ClipRow { let status: String; let error: String; let frameCount: Int? }

  private func clipRows(_ database: String) throws -> [String: ClipRow] {
    var rows: [String: ClipRow] = [:]
    for row in try SQLiteCLI.rows(database, "SELECT path, status, error, frame_count FROM clips") {
      guard let path = row["path"] as? String else { continue }
      rows[path] = ClipRow(status: row["status"] as? String ?? "", error: row["error"] as? String ?? "",
                           frameCount: (row["frame_count"] as? NSNumber)?.intValue)
    }
    return rows
  }
}

/// The two unharmed clips the mutations start from, made once per test process.
private struct Seeds: Sendable {
  /// One second (36 frames, 640x480) of a generated TeslaCam clip, copied without re-encoding:
  /// every frame carries an SEI telemetry record, so ingest reads it without decoding.
  let telemetry: [UInt8]
  /// One second of FFmpeg's test pattern (320x240, B-frames), no SEI: ingest decodes every frame.
  let decoded: [UInt8]

  private static let result = Result { try Seeds() }
  static func shared() throws -> Seeds { try result.get() }

  private init() throws {
    let folder = try TemporaryFolder()
    let telemetryPath = folder.path("telemetry.mp4"), decodedPath = folder.path("decoded.mp4")
    try Tool.run("/usr/bin/ffmpeg", [
      "-v", "error", "-y", "-i", packageRoot + "/samples/TeslaCam/SavedClips/2026-11-02_08-14-55/2026-11-02_08-14-31-front.mp4",
      "-t", "1", "-map", "0:v", "-c", "copy", telemetryPath,
    ])
    try FFmpeg.makeClip(decodedPath, seconds: 1)
    telemetry = [UInt8](try Data(contentsOf: URL(fileURLWithPath: telemetryPath)))
    decoded = [UInt8](try Data(contentsOf: URL(fileURLWithPath: decodedPath)))
  }
}

extension TemporaryFolder {
  /// A fresh folder that is not removed by itself: the mutation test keeps a failing batch.
  static func kept(_ prefix: String) throws -> String {
    var base = NSTemporaryDirectory()
    while base.count > 1 && base.hasSuffix("/") { base.removeLast() }
    let path = base + "/" + prefix + "-" + UUID().uuidString
    try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
    return path
  }
}

/// One `fsdlog ingest` of a folder by the real executable (built next to the test bundle), with
/// a time limit: an abort, a signal or a hang all show as a run that did not exit cleanly.
struct FSDLogRun: CustomStringConvertible {
  let status: Int32
  let killedBySignal: Bool
  let timedOut: Bool
  let output: String

  /// fsdlog exits 0 when every clip went in and 1 when some clip failed; anything else (134 for
  /// an abort, a signal, a hang) is a crash of the run.
  var exitedCleanly: Bool { !timedOut && !killedBySignal && (status == 0 || status == 1) }

  var description: String {
    "\(timedOut ? "timed out, " : "")\(killedBySignal ? "signal" : "exit status") \(status); output:\n"
      + String(output.suffix(3000))
  }

  static func ingest(_ folder: String, database: String, timeoutSeconds: Double) throws -> FSDLogRun {
    let run = try ProcessRunner.run(
      FSDLog.executable.path, ["ingest", folder, "--db", database, "--jobs", "2"], timeoutSeconds: timeoutSeconds)
    return FSDLogRun(
      status: run.status, killedBySignal: run.killedBySignal, timedOut: run.timedOut, output: run.stdout + run.stderr)
  }
}
