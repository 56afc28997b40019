import Foundation
import XCTest

/// The samples ingested once per test process for each list of inputs, then copied whole (the
/// database and its `evidence` library beside it) into a test's own folder. Ingesting the samples
/// takes seconds; the classes whose tests start from an ingested database (tags, reports, review,
/// re-detection) get the same file a fresh ingest would give them, from a run that was itself
/// checked: `ingest`'s own behaviour is what IngestCommandTests and FSDIngestTests test.
/// tools/test runs each class in a process of its own, so a class ingests once.
enum IngestedOnce {
  nonisolated(unsafe) private static var made: [[String]: (folder: URL, result: CLI.Result)] = [:]
  private static let lock = NSLock()

  /// Copies the result of `fsdlog ingest <inputs> --db <folder>/<name>` into `folder` (which
  /// exists) and returns that ingest's result (its status and output, for the test to check).
  @discardableResult
  static func copy(_ inputs: [String], into folder: URL, name: String = "fsdlog.sqlite") throws -> CLI.Result {
    lock.lock()
    defer { lock.unlock() }
    let key = inputs + [name]
    let source: (folder: URL, result: CLI.Result)
    if let known = made[key] {
      source = known
    } else {
      let made = try CLI.temporaryDirectory()
      let result = try CLI.fsdlog(["ingest"] + inputs + ["--db", made.appendingPathComponent(name).path])
      source = (made, result)
      Self.made[key] = source
      if Self.made.count == 1 { atexit { IngestedOnce.removeAll() } }
    }
    // The ingest process has exited, so its WAL is checkpointed; copy whatever it left.
    for item in try FileManager.default.contentsOfDirectory(atPath: source.folder.path) {
      try FileManager.default.copyItem(at: source.folder.appendingPathComponent(item),
                                       to: folder.appendingPathComponent(item))
    }
    return source.result
  }

  private static func removeAll() {
    for source in made.values { try? FileManager.default.removeItem(at: source.folder) }
  }
}
