import GRDB

extension Store {
  /// The SavedClips/SentryClips folder with this id (its event.json's city, street and reason).
  public func eventFolder(id: Int64) throws -> EventFolderRecord? {
    try pool.read { db in try EventFolderRecord.fetchOne(db, key: id) }
  }

  /// Ids of active events that have a verdict now (for `fsdlog review --retag`).
  public func taggedEventIDs() throws -> Set<Int64> {
    try pool.read { db in
      Set(try Int64.fetchAll(db, sql: "SELECT id FROM events WHERE superseded_at IS NULL AND \(Self.currentVerdictSQL) IS NOT NULL"))
    }
  }
}
