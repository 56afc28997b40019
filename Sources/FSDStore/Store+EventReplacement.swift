import Foundation
import GRDB

extension Store {
  /// Replaces the current events of a drive with `detected`. An event found again (same drive,
  /// same kind, time overlapping within `toleranceS`: `EventIdentity`) keeps its id, and so its
  /// tags, even when an earlier detection had superseded it; current events not found again are
  /// marked superseded, never deleted. Events left without a drive (their drive regrouped away)
  /// are candidates too, so a regrouping does not cost them their id either.
  public func replaceEvents(driveID: Int64, with detected: [EventRecord], toleranceS: Double = 1.0) throws {
    try write { db in
      let stored = try EventRecord.filter(EventRecord.Columns.driveId == driveID || EventRecord.Columns.driveId == nil)
        .order(EventRecord.Columns.id).fetchAll(db)
      let tagged = Set(try Int64.fetchAll(db, sql: """
        SELECT DISTINCT event_id FROM tags WHERE event_id IN (SELECT id FROM events WHERE drive_id = ? OR drive_id IS NULL)
        """, arguments: [driveID]))
      let matches = EventIdentity.match(
        detected, to: stored.map { EventIdentity.Stored(event: $0, hasTags: $0.id.map(tagged.contains) ?? false) },
        toleranceS: toleranceS)
      var keptIDs: Set<Int64> = []
      for (index, detectedEvent) in detected.enumerated() {
        var event = detectedEvent.atMeasuredPrecision()
        event.driveId = driveID
        event.supersededAt = nil
        if let match = matches[index], let id = stored[match].id {
          event.id = id
          try event.update(db)
          keptIDs.insert(id)
        } else {
          event.id = nil
          try event.insert(db)
        }
      }
      let now = Self.now()
      for var stale in stored where stale.driveId == driveID && stale.supersededAt == nil && !keptIDs.contains(stale.id ?? -1) {
        stale.supersededAt = now
        try stale.update(db)
      }
    }
  }
}
