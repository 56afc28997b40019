import FSDDomain
import Foundation
import GRDB

/// Where a clip is found now: what `keepOneClip` writes when a known clip turns up at a new path.
public struct ClipLocation: Sendable, Equatable {
  public let path: String
  public let source: String
  public let eventFolderId: Int64?
  /// The file's modification time there, or nil to keep the stored one.
  public let mtimeS: Double?

  public init(path: String, source: String, eventFolderId: Int64?, mtimeS: Double? = nil) {
    self.path = path
    self.source = source
    self.eventFolderId = eventFolderId
    self.mtimeS = mtimeS
  }
}

/// A clip and an event folder are known by what they are, not by where they lie (issue 14): a
/// TeslaCam tree mounted at another path, or copied to a laptop, is the same footage. Ingest
/// finds the stored rows for the same content here, and keeps one row per clip and per folder.
extension Store {
  /// Stored clips that could be the file at hand under another path (same size, camera, file-name
  /// time and TeslaCam folder kind), oldest row first. The caller compares fingerprints: reading
  /// the file's to compare is only worth it when this finds a candidate.
  public func clips(sizeBytes: Int64, camera: Camera, nameTimeLocal: String?, source: String) throws -> [ClipRecord] {
    try pool.read { db in
      try ClipRecord.fetchAll(db, sql: """
        SELECT * FROM clips WHERE size_bytes = ? AND camera = ? AND name_time_local IS ? AND source = ?
        ORDER BY id
        """, arguments: [sizeBytes, camera, nameTimeLocal, source])
    }
  }

  /// Keeps the row `keeperID` for a clip: the rows in `absorbing` (the same content stored again,
  /// by an fsdlog from before content identity or under a path since re-used) are folded into it
  /// (their events now point at the keeper; their rows, motion and telemetry go), and with
  /// `movingTo` the keeper takes the path the clip is found at now. One transaction: a crash
  /// leaves the rows as they were or all of it done. The keeper's analysis, events, tags (on its
  /// events), motion and telemetry are untouched.
  public func keepOneClip(_ keeperID: Int64, absorbing: [Int64], movingTo location: ClipLocation?) throws {
    try write { db in
      for id in absorbing where id != keeperID {
        try db.execute(sql: "UPDATE events SET clip_id = ? WHERE clip_id = ?", arguments: [keeperID, id])
        try db.execute(sql: "DELETE FROM clips WHERE id = ?", arguments: [id])
      }
      if let location {
        try db.execute(
          sql: "UPDATE clips SET path = ?, source = ?, event_folder_id = ?, mtime_s = coalesce(?, mtime_s) WHERE id = ?",
          arguments: [location.path, location.source, location.eventFolderId, location.mtimeS, keeperID])
      }
    }
  }

  /// The drives the given clips belong to now (after a regrouping).
  public func driveIDs(ofClips clipIDs: [Int64]) throws -> Set<Int64> {
    guard !clipIDs.isEmpty else { return [] }
    return try pool.read { db in
      Set(try Int64.fetchAll(db, sql: """
        SELECT DISTINCT drive_id FROM clips WHERE drive_id IS NOT NULL AND id IN (SELECT value FROM json_each(?))
        """, arguments: ["[" + clipIDs.map(String.init).joined(separator: ",") + "]"]))
    }
  }

  // MARK: - Event folders

  public func eventFolder(path: String) throws -> EventFolderRecord? {
    try pool.read { db in try EventFolderRecord.filter(EventFolderRecord.Columns.path == path).fetchOne(db) }
  }

  /// Stored event folders of the same event as `folder`: same kind (saved, sentry), same folder
  /// name (the car names it after the event's time) and the same event.json text. Oldest first.
  public func eventFolders(sameEventAs folder: EventFolderRecord) throws -> [EventFolderRecord] {
    let name = "/" + (folder.path as NSString).lastPathComponent
    return try pool.read { db in
      try EventFolderRecord.fetchAll(db, sql: """
        SELECT * FROM event_folders WHERE source = ?1 AND event_json IS ?2 AND substr(path, -length(?3)) = ?3
        ORDER BY id
        """, arguments: [folder.source, folder.eventJson, name])
    }
  }

  /// Folds the event folder rows `absorbing` into `keeperID`: their clips now belong to the
  /// keeper, and the rows go.
  public func absorbEventFolders(_ absorbing: [Int64], into keeperID: Int64) throws {
    guard absorbing.contains(where: { $0 != keeperID }) else { return }
    try write { db in
      for id in absorbing where id != keeperID {
        try db.execute(sql: "UPDATE clips SET event_folder_id = ? WHERE event_folder_id = ?", arguments: [keeperID, id])
        try db.execute(sql: "DELETE FROM event_folders WHERE id = ?", arguments: [id])
      }
    }
  }
}
