import FSDDomain
import Foundation
import GRDB

/// The fsdlog database: one SQLite file in WAL mode, so a review can read while an ingest writes.
///
/// Safe to share between threads: GRDB's pool serialises writes and runs reads concurrently.
public final class Store: Sendable {
  /// How a database is opened: to read and write (creating and migrating it), or only to read.
  public enum Access: Sendable {
    case readWrite
    /// Nothing is created, migrated or written: a database on a DVD or a read-only backup.
    case readOnly
  }

  public let path: String
  /// Why this store refuses to write (opened read-only, written by a newer fsdlog), or nil.
  /// Every write checks it first, so a refused write says why instead of SQLite's
  /// "attempt to write a readonly database".
  public let writeRefusal: String?
  let pool: any DatabaseWriter
  let runLock = IngestRunLock()

  /// Opens (creating if needed, with its folder) and migrates the database, or with
  /// `access: .readOnly` opens an existing one without writing anything beside or into it.
  /// `readOnlyBecause` is the reason a read-only store gives when asked to write.
  /// - Throws: `StoreError.cannotOpen` with the path and a hint, before any other work is done;
  ///   `StoreError.newerSchema` when opening to write a database a newer fsdlog has written.
  public init(path: String, access: Access = .readWrite, readOnlyBecause: String? = nil) throws {
    self.path = path
    do {
      var configuration = Configuration()
      // Parallel ingest workers and a concurrent review wait for each other instead of failing.
      configuration.busyMode = .timeout(30)
      switch access {
      case .readWrite:
        let folder = (path as NSString).deletingLastPathComponent
        if !folder.isEmpty { try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true) }
        // Checked before the pool opens, because opening one writes (GRDB creates and drops a
        // table to make the -wal file), and a newer fsdlog's database must not be written at all.
        if FileManager.default.fileExists(atPath: path),
           let newer = try ReadOnlyOpening.open(path: path, configuration: configuration)
             .read({ try SchemaVersion.newer(than: Schema.migrator, $0) }) {
          throw StoreError.newerSchema(path: path, newer)
        }
        let pool = try DatabasePool(path: path, configuration: configuration)
        try Schema.migrator.migrate(pool)
        try pool.write { try SchemaVersion.record($0) }
        self.pool = pool
        writeRefusal = nil
      case .readOnly:
        let queue = try ReadOnlyOpening.open(path: path, configuration: configuration)
        let (newer, completed) = try queue.read { db in
          (try SchemaVersion.newer(than: Schema.migrator, db), try Schema.migrator.hasCompletedMigrations(db))
        }
        if let newer {
          // Reading a newer schema is safe (columns are only ever added); writing is not.
          writeRefusal = StoreError.newerSchema(path: path, newer).description
        } else if !completed {
          throw StoreError.needsUpgrade(path: path)
        } else {
          writeRefusal = readOnlyBecause ?? "it was opened read-only"
        }
        pool = queue
      }
    } catch let error as StoreError {
      throw error
    } catch let error as DatabaseError {
      throw StoreError.cannotOpen(path: path, reason: error.message ?? "\(error.resultCode)")
    } catch let error as CocoaError {
      throw StoreError.cannotOpen(path: path, reason: error.localizedDescription)
    } catch {
      throw StoreError.cannotOpen(path: path, reason: "\(error)")
    }
  }

  /// True when this process may write the database file and create its -wal and -shm beside it
  /// (false on read-only media and for a file the user may only read).
  public static func isWritable(path: String) -> Bool {
    let folder = (path as NSString).deletingLastPathComponent
    return access(path, W_OK) == 0 && access(folder.isEmpty ? "." : folder, W_OK) == 0
  }

  /// A write transaction, refused with the reason when this store may not write.
  func write<T>(_ updates: (Database) throws -> T) throws -> T {
    if let writeRefusal { throw StoreError.notWritable(path: path, reason: writeRefusal) }
    return try pool.write(updates)
  }

  // MARK: - Ingest runs

  /// Records a new run as `running`. Runs still `running` that no live process holds (an ingest
  /// killed with SIGKILL, a power cut) never finish: they are remembered as `unfinishedRunIDs`,
  /// for the new run to detect their drives again and then mark them `interrupted`
  /// (`markInterrupted`). Left `running` until then, so a run killed again before it gets there
  /// leaves them for the next.
  public func beginRun(_ run: IngestRunRecord) throws -> IngestRunRecord {
    if let writeRefusal { throw StoreError.notWritable(path: path, reason: writeRefusal) }
    let noOtherRunAlive = runLock.acquire(databasePath: path)
    do {
      return try write { db in
        runLock.deadRunIDs = noOtherRunAlive
          ? try Int64.fetchAll(db, sql: "SELECT id FROM ingest_runs WHERE status = 'running' ORDER BY id") : []
        var run = run
        try run.insert(db)
        return run
      }
    } catch {
      runLock.release()
      throw error
    }
  }

  public func finishRun(_ run: IngestRunRecord) throws {
    defer { if run.status != .running { runLock.release() } }
    try write { db in try run.update(db) }
  }

  // MARK: - Event folders

  /// Inserts or refreshes an event folder by path and returns its id. A record with an id
  /// refreshes that row, path included (the folder of a known event, found at a new path).
  public func upsertEventFolder(_ folder: EventFolderRecord) throws -> Int64 {
    try write { db in
      var folder = folder
      if let id = folder.id {
        try folder.update(db)
        return id
      }
      if let existingID = try Int64.fetchOne(db, sql: "SELECT id FROM event_folders WHERE path = ?", arguments: [folder.path]) {
        folder.id = existingID
        try folder.update(db)
        return existingID
      }
      try folder.insert(db)
      return folder.id!
    }
  }

  // MARK: - Clips

  public func clip(path: String) throws -> ClipRecord? {
    try pool.read { db in try ClipRecord.filter(ClipRecord.Columns.path == path).fetchOne(db) }
  }

  /// Finds a clip by id, exact path, or path suffix (unique), as a user would type it.
  public func findClip(_ reference: String) throws -> ClipRecord? {
    try pool.read { db in
      if let id = Int64(reference), let clip = try ClipRecord.fetchOne(db, key: id) { return clip }
      let absolute = URL(fileURLWithPath: reference).standardizedFileURL.path
      if let clip = try ClipRecord.filter(ClipRecord.Columns.path == absolute || ClipRecord.Columns.path == reference).fetchOne(db) {
        return clip
      }
      // A literal, case-sensitive suffix match ('_' in every Tesla name would be a LIKE wildcard).
      let matches = try ClipRecord.fetchAll(
        db, sql: "SELECT * FROM clips WHERE substr(path, -length(?1)) = ?1 LIMIT 2", arguments: ["/" + reference])
      return matches.count == 1 ? matches[0] : nil
    }
  }

  /// Replaces everything stored for `clip.path` with the new row and its motion series, in one
  /// transaction: a crash leaves the old version or the new one, never a mix. A clip analysed
  /// again keeps its id and drive, so what refers to them (drives now, events later) stays valid.
  @discardableResult
  public func saveClip(_ clip: ClipRecord, motion: StoredMotion?, telemetry: StoredTelemetry? = nil) throws -> ClipRecord {
    try write { db in
      var clip = clip
      if let existing = try ClipRecord.filter(ClipRecord.Columns.path == clip.path).fetchOne(db) {
        clip.id = existing.id
        clip.driveId = existing.driveId
        try db.execute(sql: "DELETE FROM motion WHERE clip_id = ?", arguments: [existing.id])
        try db.execute(sql: "DELETE FROM telemetry WHERE clip_id = ?", arguments: [existing.id])
        try clip.update(db)
      } else {
        clip.id = nil
        try clip.insert(db)
      }
      if let motion {
        let egoMotion: [Data?] = motion.hasEgoMotion
          ? [motion.dx, motion.dy, motion.expansion, motion.brightness, motion.confidence].map { BlobColumn.pack($0) }
          : [nil, nil, nil, nil, nil]
        try db.execute(
          sql: """
            INSERT INTO motion (clip_id, frame_count, pts_s, mafd, dx, dy, expansion, brightness, confidence)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)
            """,
          arguments: StatementArguments([clip.id, motion.frameCount, BlobColumn.pack(motion.ptsSeconds),
                                         BlobColumn.pack(motion.mafd)] as [(any DatabaseValueConvertible)?] + egoMotion))
      }
      if let telemetry, let id = clip.id { try telemetry.insert(clipID: id, into: db) }
      return clip
    }
  }

  public func motion(clipID: Int64) throws -> StoredMotion? {
    try pool.read { db in
      guard let row = try Row.fetchOne(
        db, sql: "SELECT pts_s, mafd, dx, dy, expansion, brightness, confidence FROM motion WHERE clip_id = ?",
        arguments: [clipID])
      else { return nil }
      func corrupt() throws -> StoreError {
        let path = try String.fetchOne(db, sql: "SELECT path FROM clips WHERE id = ?", arguments: [clipID]) ?? "clip \(clipID)"
        return StoreError.corruptMotion(clipPath: path)
      }
      let ptsData: Data = row["pts_s"], mafdData: Data = row["mafd"]
      guard let pts = BlobColumn.unpackDoubles(ptsData), let mafd = BlobColumn.unpackFloats(mafdData),
            pts.count == mafd.count else { throw try corrupt() }
      // Rows from before "v5: motion ego-motion" have NULL ego-motion columns.
      let egoBlobs: [Data?] = ["dx", "dy", "expansion", "brightness", "confidence"].map { row[$0] }
      guard egoBlobs.allSatisfy({ $0 != nil }) else { return StoredMotion(ptsSeconds: pts, mafd: mafd) }
      let columns = egoBlobs.compactMap { $0.flatMap(BlobColumn.unpackFloats) }
      guard columns.count == 5, columns.allSatisfy({ $0.count == pts.count }) else { throw try corrupt() }
      return StoredMotion(ptsSeconds: pts, mafd: mafd, dx: columns[0], dy: columns[1], expansion: columns[2],
                          brightness: columns[3], confidence: columns[4])
    }
  }

  public func telemetry(clipID: Int64) throws -> StoredTelemetry? {
    try pool.read { db in
      guard let row = try Row.fetchOne(db, sql: "SELECT * FROM telemetry WHERE clip_id = ?", arguments: [clipID])
      else { return nil }
      guard let telemetry = StoredTelemetry(row: row) else {
        let path = try String.fetchOne(db, sql: "SELECT path FROM clips WHERE id = ?", arguments: [clipID]) ?? "clip \(clipID)"
        throw StoreError.corruptMotion(clipPath: path)
      }
      return telemetry
    }
  }

  // MARK: - Drives

  /// Front clips that can belong to a drive: readable, not parked-car (Sentry) footage.
  public func driveCandidateClips() throws -> [ClipRecord] {
    try pool.read { db in
      try ClipRecord
        .filter(ClipRecord.Columns.camera == Camera.front && ClipRecord.Columns.source != "sentry")
        .filter(["ok", "partial"].contains(ClipRecord.Columns.status))
        .order(ClipRecord.Columns.nameTimeLocal, ClipRecord.Columns.path)
        .fetchAll(db)
    }
  }

  /// Replaces the drive table with `drives`, each given with the clip ids it holds. Drive ids
  /// are kept where a drive keeps its first clip, so ids stay stable as new clips arrive.
  public func replaceDrives(_ drives: [(drive: DriveRecord, clipIDs: [Int64])]) throws {
    try write { db in
      var keptIDs: Set<Int64> = []
      for (drive, clipIDs) in drives {
        var drive = drive
        let firstClip = clipIDs.first.map { try? Int64.fetchOne(db, sql: "SELECT drive_id FROM clips WHERE id = ?", arguments: [$0]) } ?? nil
        if let previousID = firstClip, !keptIDs.contains(previousID) {
          drive.id = previousID
          try drive.save(db)
        } else {
          drive.id = nil
          try drive.insert(db)
        }
        keptIDs.insert(drive.id!)
        for clipID in clipIDs {
          try db.execute(sql: "UPDATE clips SET drive_id = ? WHERE id = ?", arguments: [drive.id, clipID])
        }
      }
      // Other cameras follow the front clip recorded at the same time and place.
      try db.execute(sql: """
        UPDATE clips SET drive_id = (
          SELECT f.drive_id FROM clips f
          WHERE f.camera = '\(Camera.front)' AND f.name_time_local = clips.name_time_local
            AND f.source = clips.source AND f.drive_id IS NOT NULL
          LIMIT 1)
        WHERE camera != '\(Camera.front)'
        """)
      if keptIDs.isEmpty {
        try db.execute(sql: "DELETE FROM drives")
      } else {
        try db.execute(sql: "DELETE FROM drives WHERE id NOT IN (\(keptIDs.map(String.init).joined(separator: ",")))")
      }
    }
  }
}
