/// Store failures, each saying what to do next.
public enum StoreError: Error, CustomStringConvertible, Sendable {
  case cannotOpen(path: String, reason: String)
  case clipNotFound(String)
  case corruptMotion(clipPath: String)
  case eventNotFound(Int64)

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
    }
  }
}
