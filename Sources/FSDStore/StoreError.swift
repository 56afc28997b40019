/// Store failures, each saying what to do next.
public enum StoreError: Error, CustomStringConvertible, Sendable {
  case cannotOpen(path: String, reason: String)
  case clipNotFound(String)
  case corruptMotion(clipPath: String)
  case eventNotFound(Int64)
  /// A newer fsdlog has migrated the database: this one reads it but never writes to it.
  case newerSchema(path: String, SchemaVersion.Newer)
  /// Opened read-only, but older than this fsdlog's schema: it can only be read once upgraded.
  case needsUpgrade(path: String)
  /// A write to a store that may not write (read-only media, a newer schema).
  case notWritable(path: String, reason: String)

  public var description: String {
    switch self {
    case .cannotOpen(let path, let reason):
      "cannot open the database at \(path): \(reason)\n"
        + "Choose a writable location with --db PATH or the FSDLOG_DB environment variable."
    case .clipNotFound(let clip):
      "no ingested clip matches \(clip): give the path you ingested or the clip id "
        + "(see `sqlite3 DB 'select id, path from clips'`), or run `fsdlog ingest` on it first"
    case .corruptMotion(let path):
      "the stored motion series of \(path) is damaged: re-ingest the clip with --force"
    case .eventNotFound(let id):
      "no event \(id) in this database: `fsdlog events` lists the event ids (check --db / FSDLOG_DB too)"
    case .newerSchema(let path, let newer):
      "the database at \(path) was written by a newer fsdlog (schema version \(newer.schemaVersion)"
        + (newer.unknownMigrations.isEmpty ? "" : ", with migrations this fsdlog does not know: "
             + newer.unknownMigrations.map { "\"\($0)\"" }.joined(separator: ", "))
        + (newer.lastIngestBy.map { "; last ingest by fsdlog \($0)" } ?? "")
        + "). This fsdlog knows schema version \(SchemaVersion.current) and will not write to it, so "
        + "nothing in it is changed: upgrade fsdlog, or choose another database with --db PATH or FSDLOG_DB."
    case .needsUpgrade(let path):
      "the database at \(path) was written by an older fsdlog and must be upgraded before this one can read "
        + "it, which needs write access: copy it (with any -wal file) to a writable folder and pass that with --db"
    case .notWritable(let path, let reason):
      "cannot write to the database at \(path): \(reason)"
    }
  }
}
