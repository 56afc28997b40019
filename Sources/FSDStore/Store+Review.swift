import GRDB

extension Store {
  /// The SavedClips/SentryClips folder with this id (its event.json's city, street and reason).
  public func eventFolder(id: Int64) throws -> EventFolderRecord? {
    try pool.read { db in try EventFolderRecord.fetchOne(db, key: id) }
  }
}

/// A verdict whose event a later detection no longer finds: kept with its superseded event (tags
/// are never deleted) and listed by `status` and `review`, so it is never dropped without a word.
/// A re-detection that finds the event again gives the verdict back (`replaceEvents`).
public struct LostVerdict: Sendable, Equatable {
  public let event: EventRecord
  /// The event's latest tag row (its current verdict, flags and note).
  public let tag: TagRecord
}

extension Store {
  /// Superseded events that still hold a verdict, oldest peak first.
  public func lostVerdicts() throws -> [LostVerdict] {
    try pool.read { db in try Self.lostVerdicts(db) }
  }

  static func lostVerdicts(_ db: Database) throws -> [LostVerdict] {
    try EventRecord
      .filter(sql: "superseded_at IS NOT NULL AND \(currentVerdictSQL) IS NOT NULL")
      .order(EventRecord.Columns.peakUtc, EventRecord.Columns.id)
      .fetchAll(db)
      .compactMap { event in
        try event.id.flatMap { try latestTag($0, db) }.map { LostVerdict(event: event, tag: $0) }
      }
  }
}

extension Store {
  /// A drive's active events, oldest onset first: what an event's incident is found among.
  public func activeEvents(driveID: Int64) throws -> [EventRecord] {
    try pool.read { db in
      try EventRecord.filter(EventRecord.Columns.driveId == driveID && EventRecord.Columns.supersededAt == nil)
        .order(EventRecord.Columns.onsetUtc, EventRecord.Columns.id).fetchAll(db)
    }
  }

  /// The incident holding the active event `eventID` (among its drive's active events); nil for
  /// an unknown or superseded event. An event without a drive is an incident of its own.
  public func incident(containing eventID: Int64) throws -> Incident<EventRecord>? {
    guard let event = try event(id: eventID), event.supersededAt == nil else { return nil }
    guard let drive = event.driveId else { return Incident.group([event]).first }
    return Incident.containing(eventID: eventID, in: try activeEvents(driveID: drive))
  }
}
