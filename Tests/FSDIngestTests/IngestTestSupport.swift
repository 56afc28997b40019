import FSDTestSupport
import FSDDiscovery
import FSDStore
import Foundation
import Synchronization
import XCTest

@testable import FSDIngest

/// The package root, found from this file so the tests run from any working folder.
let packageRoot = URL(fileURLWithPath: #filePath)
  .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent().path

/// The committed layout fixture tree (see tools/make-layout-fixture for what each file is). Read-only: tests
/// that change files work on a copy.
let sampleTeslaCam = packageRoot + "/Tests/Fixtures/TeslaCamLayout"

extension TemporaryFolder {
  /// A copy of the sample tree, for tests that add, rewrite or remove clips.
  func copyOfSamples() throws -> String {
    let copy = path("TeslaCam")
    try FileManager.default.copyItem(atPath: sampleTeslaCam, toPath: copy)
    return copy
  }
}

/// Runs a command-line tool and returns what it printed.
enum Tool {
  typealias Failure = ProcessRunner.Failure

  @discardableResult
  static func run(_ executable: String, _ arguments: [String]) throws -> String {
    let result = try ProcessRunner.run(executable, arguments)
    guard result.status == 0 else {
      throw Failure(description: "\(executable) \(arguments.joined(separator: " ")) failed: \(result.stderr)")
    }
    return result.stdout
  }
}

/// FFmpeg's own tools: they make test clips and are the reference for what a clip holds.
enum FFmpeg {
  /// Writes a small H.264 clip like the car's (36 fps, yuv420p) with an MP4 creation time.
  static func makeClip(
    _ path: String, seconds: Double = 2, utc: String = "2026-11-02T16:14:31Z",
    source: String = "testsrc2=size=320x240:rate=36"
  ) throws {
    try FileManager.default.createDirectory(
      atPath: (path as NSString).deletingLastPathComponent, withIntermediateDirectories: true)
    let arguments = [
      "-v", "error", "-y", "-f", "lavfi", "-i", source, "-t", String(seconds),
      "-c:v", "libx264", "-preset", "veryfast", "-pix_fmt", "yuv420p", "-g", "36",
      "-metadata", "creation_time=\(utc)",
    ]
    // The same arguments make the same clip: the first is kept (for this test process) and later
    // ones are copies of it, as a class's setUp makes the same clips for each of its tests.
    let made = try clipCache.withLock { cache in
      if let known = cache[arguments] { return known }
      let folder = try cacheFolder()
      let file = folder + "/clip-\(cache.count).mp4"
      try Tool.run("/usr/bin/ffmpeg", arguments + [file])
      cache[arguments] = file
      return file
    }
    // Written, not copied: a new file (or one rewritten in place, as ffmpeg -y does) with the time now.
    try Data(contentsOf: URL(fileURLWithPath: made)).write(to: URL(fileURLWithPath: path))
  }

  /// The clips made so far in this process, by their ffmpeg arguments.
  private static let clipCache = Mutex<[[String]: String]>([:])

  /// A folder for them, removed when the process exits.
  private static func cacheFolder() throws -> String {
    let folder = NSTemporaryDirectory() + "fsdlog-clips-\(getpid())"
    if !FileManager.default.fileExists(atPath: folder) {
      try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
      atexit { try? FileManager.default.removeItem(atPath: NSTemporaryDirectory() + "fsdlog-clips-\(getpid())") }
    }
    return folder
  }

  /// What ffprobe reads from the container, without decoding.
  struct Probe: Sendable {
    var width: Int
    var height: Int
    /// Frames the container index lists.
    var indexedFrames: Int
    /// As FFmpeg prints it: "2026-11-02T16:14:31.000000Z".
    var creationTime: String?
  }

  /// The container facts, or nil when FFmpeg cannot open the file at all.
  static func probe(_ path: String) -> Probe? {
    cached(path, in: probes) {
      guard let text = try? Tool.run("/usr/bin/ffprobe", [
        "-v", "error", "-select_streams", "v:0", "-show_entries", "stream=width,height,nb_frames:format_tags=creation_time",
        "-of", "json", path,
      ]),
        let json = (try? JSONSerialization.jsonObject(with: Data(text.utf8))) as? [String: Any],
        let stream = (json["streams"] as? [[String: Any]])?.first
      else { return nil }
      let tags = (json["format"] as? [String: Any])?["tags"] as? [String: Any]
      return Probe(
        width: (stream["width"] as? NSNumber)?.intValue ?? 0, height: (stream["height"] as? NSNumber)?.intValue ?? 0,
        indexedFrames: (stream["nb_frames"] as? String).flatMap { Int($0) } ?? 0,
        creationTime: tags?["creation_time"] as? String)
    }
  }

  static func indexedFrameCount(_ path: String) throws -> Int {
    try XCTUnwrap(probe(path), "ffprobe cannot open \(path)").indexedFrames
  }

  /// Frames FFmpeg actually decodes from the clip (not what the index claims).
  static func decodedFrameCount(_ path: String) throws -> Int {
    let count = cached(path, in: decodedCounts) { () -> Int? in
      guard let text = try? Tool.run("/usr/bin/ffprobe", [
        "-v", "error", "-count_frames", "-select_streams", "v:0", "-show_entries", "stream=nb_read_frames",
        "-of", "csv=p=0", path,
      ]) else { return nil }
      return Int(text.trimmingCharacters(in: .whitespacesAndNewlines))
    }
    return try XCTUnwrap(count, "ffprobe cannot count the frames of \(path)")
  }

  /// Answers about the committed sample clips, which never change, are kept so that several
  /// tests can ask without running ffprobe again. Clips made or changed by a test are not cached.
  private static let probes = Mutex<[String: Probe?]>([:])
  private static let decodedCounts = Mutex<[String: Int?]>([:])

  private static func cached<Value: Sendable>(_ path: String, in cache: borrowing Mutex<[String: Value?]>, _ compute: () -> Value?) -> Value? {
    guard path.hasPrefix(sampleTeslaCam + "/") else { return compute() }
    if let known = cache.withLock({ $0[path] }) { return known }
    let value = compute()
    cache.withLock { $0[path] = .some(value) }
    return value
  }
}

/// The sqlite3 command-line tool: reads the database without going through the Store.
/// It waits up to 10 s for a lock, as any client should: closing the last GRDB connection
/// checkpoints the WAL, and a read arriving at that moment would otherwise fail at once.
enum SQLiteCLI {
  private static let wait = ["-cmd", ".timeout 10000"]

  /// Rows as JSON objects (`sqlite3 -json`): numbers as NSNumber, NULL as NSNull.
  static func rows(_ database: String, _ sql: String) throws -> [[String: Any]] {
    let output = try Tool.run("/usr/bin/sqlite3", wait + ["-json", database, sql])
    guard !output.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty else { return [] }
    return try XCTUnwrap(try JSONSerialization.jsonObject(with: Data(output.utf8)) as? [[String: Any]])
  }

  static func scalar(_ database: String, _ sql: String) throws -> String {
    try Tool.run("/usr/bin/sqlite3", wait + ["-list", database, sql]).trimmingCharacters(in: .whitespacesAndNewlines)
  }

  static func paths(_ database: String, _ sql: String = "SELECT path FROM clips") throws -> Set<String> {
    Set(try rows(database, sql).compactMap { $0["path"] as? String })
  }
}

/// Records everything the pipeline reports, and can act on a finished clip (to cancel, say).
final class RecordingObserver: IngestObserver, @unchecked Sendable {
  // @unchecked: every stored var is guarded by `lock`; the closures are set in init.
  private let lock = NSLock()
  private var _outcomes: [ClipOutcome] = []
  private var _planned: (progress: IngestProgress, encrypted: [String])?
  private var _progress: [IngestProgress] = []
  private var _ticks: [IngestProgress] = []
  private let onPlanned: (@Sendable () -> Void)?
  private let onFinished: (@Sendable (ClipOutcome) -> Void)?

  init(onPlanned: (@Sendable () -> Void)? = nil, onFinished: (@Sendable (ClipOutcome) -> Void)? = nil) {
    self.onPlanned = onPlanned
    self.onFinished = onFinished
  }

  var outcomes: [ClipOutcome] { lock.withLock { _outcomes } }
  var planned: (progress: IngestProgress, encrypted: [String])? { lock.withLock { _planned } }
  /// The progress handed over with each finished clip, in the order the calls arrived.
  var progress: [IngestProgress] { lock.withLock { _progress } }
  var ticks: [IngestProgress] { lock.withLock { _ticks } }

  func planned(_ progress: IngestProgress, encryptedFolders: [String]) {
    lock.withLock { _planned = (progress, encryptedFolders) }
    onPlanned?()
  }

  func finished(_ outcome: ClipOutcome, progress: IngestProgress) {
    lock.withLock {
      _outcomes.append(outcome)
      _progress.append(progress)
    }
    onFinished?(outcome)
  }

  func tick(_ progress: IngestProgress) {
    lock.withLock { _ticks.append(progress) }
  }
}

/// One ingest of `paths` into the database at `database`.
@discardableResult
func ingest(
  _ paths: [String], into database: String, options: IngestOptions = IngestOptions(jobs: 1),
  observer: (any IngestObserver)? = nil, cancellation: CancellationFlag = CancellationFlag()
) throws -> IngestSummary {
  let store = try Store(path: database)
  let pipeline = IngestPipeline(store: store, options: options, observer: observer, cancellation: cancellation)
  return try pipeline.run(try Discovery.discover(paths: paths), arguments: paths)
}

/// What a file is, judged from its bytes and FFmpeg rather than from fsdlog.
enum FileKind: Equatable {
  case notVideo, unreadable, video
}

func fileKind(_ path: String) throws -> FileKind {
  let handle = try FileHandle(forReadingFrom: URL(fileURLWithPath: path))
  defer { try? handle.close() }
  let head = try handle.read(upToCount: 8) ?? Data()
  // Every MP4 starts with a box whose type (bytes 4..<8) is "ftyp".
  if head.count < 8 || Data(head.suffix(4)) != Data("ftyp".utf8) { return .notVideo }
  return FFmpeg.probe(path) != nil ? .video : .unreadable
}

func fileSize(_ path: String) throws -> Int64 {
  ((try FileManager.default.attributesOfItem(atPath: path))[.size] as? NSNumber)?.int64Value ?? -1
}

extension Array where Element == Double {
  var isStrictlyIncreasing: Bool { zip(self, dropFirst()).allSatisfy { $0 < $1 } }
}

/// The sample tree ingested once (jobs 1) into a fresh database, shared by the tests that only
/// read what that run produced: decoding the tree is the slow part of the suite.
final class SampleRun: @unchecked Sendable {
  // @unchecked: every property is a let set in init; Store is Sendable, the rest is read-only.
  let database: String
  let discovery: DiscoveryResult
  let summary: IngestSummary
  let observer: RecordingObserver
  let store: Store

  private static let folder = NSTemporaryDirectory() + "/fsd-ingest-sample-run-" + UUID().uuidString
  private static let result = Result { try SampleRun() }

  static func shared() throws -> SampleRun { try result.get() }

  private init() throws {
    try FileManager.default.createDirectory(atPath: Self.folder, withIntermediateDirectories: true)
    atexit { try? FileManager.default.removeItem(atPath: SampleRun.folder) }
    database = Self.folder + "/fsdlog.sqlite"
    discovery = try Discovery.discover(paths: [sampleTeslaCam])
    observer = RecordingObserver()
    summary = try ingest([sampleTeslaCam], into: database, options: IngestOptions(jobs: 1), observer: observer)
    store = try Store(path: database)
  }

  /// The stored row of every discovered clip, by path.
  func clipRows() throws -> [String: ClipRecord] {
    var rows: [String: ClipRecord] = [:]
    for clip in discovery.clips { rows[clip.path] = try store.clip(path: clip.path) }
    return rows
  }
}
