import FSDDiscovery
import FSDStore
import Foundation
import XCTest

@testable import FSDIngest

/// The package root, found from this file so the tests run from any working folder.
let packageRoot = URL(fileURLWithPath: #filePath)
  .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent().path

/// The committed sample tree (see tools/make-samples for what each file is). Read-only: tests
/// that change files work on a copy.
let sampleTeslaCam = packageRoot + "/samples/TeslaCam"

/// A fresh folder under the system temporary folder, removed when the test ends.
final class TemporaryFolder: @unchecked Sendable {
  let path: String

  init() throws {
    var base = NSTemporaryDirectory()
    while base.count > 1 && base.hasSuffix("/") { base.removeLast() }
    path = base + "/fsd-ingest-" + UUID().uuidString
    try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
  }

  deinit { try? FileManager.default.removeItem(atPath: path) }

  func path(_ relative: String) -> String { path + "/" + relative }

  /// A copy of the sample tree, for tests that add, rewrite or remove clips.
  func copyOfSamples() throws -> String {
    let copy = path("TeslaCam")
    try FileManager.default.copyItem(atPath: sampleTeslaCam, toPath: copy)
    return copy
  }
}

/// Runs a command-line tool and returns what it printed.
enum Tool {
  struct Failure: Error, CustomStringConvertible {
    let description: String
  }

  @discardableResult
  static func run(_ executable: String, _ arguments: [String]) throws -> String {
    let process = Process()
    process.executableURL = URL(fileURLWithPath: executable)
    process.arguments = arguments
    let output = Pipe(), errors = Pipe()
    process.standardOutput = output
    process.standardError = errors
    try process.run()
    let out = output.fileHandleForReading.readDataToEndOfFile()
    let err = errors.fileHandleForReading.readDataToEndOfFile()
    process.waitUntilExit()
    guard process.terminationStatus == 0 else {
      throw Failure(description: "\(executable) \(arguments.joined(separator: " ")) failed: \(String(decoding: err, as: UTF8.self))")
    }
    return String(decoding: out, as: UTF8.self)
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
    try Tool.run("/usr/bin/ffmpeg", [
      "-v", "error", "-y", "-f", "lavfi", "-i", source, "-t", String(seconds),
      "-c:v", "libx264", "-preset", "veryfast", "-pix_fmt", "yuv420p", "-g", "36",
      "-metadata", "creation_time=\(utc)", path,
    ])
  }

  /// Frames FFmpeg actually decodes from the clip (not what the index claims).
  static func decodedFrameCount(_ path: String) throws -> Int {
    let text = try Tool.run("/usr/bin/ffprobe", [
      "-v", "error", "-count_frames", "-select_streams", "v:0", "-show_entries", "stream=nb_read_frames", "-of", "csv=p=0", path,
    ])
    return try XCTUnwrap(Int(text.trimmingCharacters(in: .whitespacesAndNewlines)), "ffprobe said \(text)")
  }

  /// Frames the container index lists.
  static func indexedFrameCount(_ path: String) throws -> Int {
    let text = try Tool.run("/usr/bin/ffprobe", [
      "-v", "error", "-select_streams", "v:0", "-show_entries", "stream=nb_frames", "-of", "csv=p=0", path,
    ])
    return try XCTUnwrap(Int(text.trimmingCharacters(in: .whitespacesAndNewlines)), "ffprobe said \(text)")
  }

  /// The MP4 creation time as FFmpeg prints it ("2026-11-02T16:14:31.000000Z").
  static func creationTime(_ path: String) throws -> String {
    try Tool.run("/usr/bin/ffprobe", [
      "-v", "error", "-show_entries", "format_tags=creation_time", "-of", "csv=p=0", path,
    ]).trimmingCharacters(in: .whitespacesAndNewlines)
  }

  /// Whether FFmpeg can open the file at all.
  static func canOpen(_ path: String) -> Bool {
    (try? Tool.run("/usr/bin/ffprobe", ["-v", "error", "-show_entries", "format=format_name", "-of", "csv=p=0", path])) != nil
  }
}

/// The sqlite3 command-line tool: reads the database without going through the Store.
enum SQLiteCLI {
  /// Rows as JSON objects (`sqlite3 -json`): numbers as NSNumber, NULL as NSNull.
  static func rows(_ database: String, _ sql: String) throws -> [[String: Any]] {
    let output = try Tool.run("/usr/bin/sqlite3", ["-json", database, sql])
    guard !output.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty else { return [] }
    return try XCTUnwrap(try JSONSerialization.jsonObject(with: Data(output.utf8)) as? [[String: Any]])
  }

  static func scalar(_ database: String, _ sql: String) throws -> String {
    try Tool.run("/usr/bin/sqlite3", ["-list", database, sql]).trimmingCharacters(in: .whitespacesAndNewlines)
  }

  static func paths(_ database: String, _ sql: String = "SELECT path FROM clips") throws -> Set<String> {
    Set(try rows(database, sql).compactMap { $0["path"] as? String })
  }
}

/// Records everything the pipeline reports, and can act on a finished clip (to cancel, say).
final class RecordingObserver: IngestObserver, @unchecked Sendable {
  // @unchecked: every stored property is guarded by `lock`; `onFinished` is set before the run.
  private let lock = NSLock()
  private var _outcomes: [ClipOutcome] = []
  private var _planned: (clips: Int, bytes: Int64, encrypted: [String])?
  private var _progress: [(clipsDone: Int, bytesDone: Int64, framesDone: Int)] = []
  private let onFinished: (@Sendable (ClipOutcome) -> Void)?

  init(onFinished: (@Sendable (ClipOutcome) -> Void)? = nil) {
    self.onFinished = onFinished
  }

  var outcomes: [ClipOutcome] { lock.withLock { _outcomes } }
  var planned: (clips: Int, bytes: Int64, encrypted: [String])? { lock.withLock { _planned } }
  var progress: [(clipsDone: Int, bytesDone: Int64, framesDone: Int)] { lock.withLock { _progress } }

  func planned(clips: Int, bytes: Int64, encryptedFolders: [String]) {
    lock.withLock { _planned = (clips, bytes, encryptedFolders) }
  }

  func finished(_ outcome: ClipOutcome, clipsDone: Int, bytesDone: Int64, framesDone: Int) {
    lock.withLock {
      _outcomes.append(outcome)
      _progress.append((clipsDone, bytesDone, framesDone))
    }
    onFinished?(outcome)
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
  return FFmpeg.canOpen(path) ? .video : .unreadable
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
