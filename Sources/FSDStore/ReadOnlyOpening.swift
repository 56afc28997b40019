import Foundation
import GRDB

/// Opens a database for reading without writing anything into it or beside it.
///
/// A WAL database normally needs its -shm file, which SQLite creates beside the database: on
/// read-only media (a DVD, a backup mounted read-only) that fails with "attempt to write a
/// readonly database", and where it succeeds a reader that may not write leaves -wal and -shm
/// behind. With no -wal file there is nothing but the database file to read, so it is opened
/// `immutable`: no locks, no side files. A -wal file means a writer may be at work or stopped
/// without checkpointing: then SQLite's ordinary read-only mode reads through it.
enum ReadOnlyOpening {
  static func open(path: String, configuration: Configuration) throws -> DatabaseQueue {
    var configuration = configuration
    configuration.readonly = true
    guard FileManager.default.fileExists(atPath: path) else {
      throw StoreError.cannotOpen(path: path, reason: "no such file")
    }
    guard FileManager.default.isReadableFile(atPath: path) else {
      throw StoreError.cannotOpen(path: path, reason: "the file cannot be read (permission denied)")
    }
    let walBytes = (try? FileManager.default.attributesOfItem(atPath: path + "-wal")[.size] as? NSNumber)?.int64Value
    if let walBytes {
      do {
        let queue = try DatabaseQueue(path: path, configuration: configuration)
        try queue.read { _ = try $0.tableExists("grdb_migrations") }
        return queue
      } catch {
        // An empty -wal left behind holds nothing: the file alone is the whole database. A -wal
        // with content must not be skipped, which `immutable` would do silently.
        guard walBytes == 0 else {
          let reason = (error as? DatabaseError).map { $0.message ?? "\($0.resultCode)" } ?? "\(error)"
          throw StoreError.cannotOpen(
            path: path, reason: "\(reason); its write-ahead log \(path)-wal holds changes not yet in the file, "
              + "which can only be read where the -shm file can be made: copy the database with its -wal file "
              + "to a writable folder")
        }
      }
    }
    let queue = try DatabaseQueue(path: immutableURI(path), configuration: configuration)
    try queue.read { _ = try $0.tableExists("grdb_migrations") }
    return queue
  }

  /// `file:` URI of the path with `immutable=1` (SQLite reads it without locking or side files).
  static func immutableURI(_ path: String) -> String {
    var allowed = CharacterSet.urlPathAllowed
    allowed.remove(charactersIn: "?#%")
    let absolute = URL(fileURLWithPath: path).standardizedFileURL.path
    return "file:" + (absolute.addingPercentEncoding(withAllowedCharacters: allowed) ?? absolute) + "?immutable=1"
  }
}
