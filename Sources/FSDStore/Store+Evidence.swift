import FSDDomain
import Foundation
import GRDB

extension Store {
  /// The evidence library: a folder `evidence` beside the database file (by default
  /// `~/.local/share/fsdlog/evidence`), browsable by month.
  public var evidenceRoot: String {
    ((path as NSString).deletingLastPathComponent as NSString).appendingPathComponent("evidence")
  }

  /// The absolute folder of a kept event.
  public func evidenceFolder(_ record: EvidenceRecord) -> String {
    (evidenceRoot as NSString).appendingPathComponent(record.folder)
  }

  public func evidence(eventID: Int64) throws -> EvidenceRecord? {
    try pool.read { db in try EvidenceRecord.fetchOne(db, key: eventID) }
  }

  /// Records a folder already written whole (replacing an older row of the event).
  public func saveEvidence(_ record: EvidenceRecord) throws {
    try write { db in try record.save(db) }
  }

  /// Active events that have no kept footage yet and a front clip to cut it from, oldest first.
  public func eventsWithoutEvidence() throws -> [EventRecord] {
    try pool.read { db in
      try EventRecord.fetchAll(db, sql: """
        SELECT e.* FROM events e
        WHERE e.superseded_at IS NULL AND e.clip_id IS NOT NULL
          AND NOT EXISTS (SELECT 1 FROM evidence v WHERE v.event_id = e.id)
        ORDER BY e.peak_utc, e.id
        """)
    }
  }

  /// Every kept event with its event's peak time and whether it holds a verdict now, oldest
  /// peak first: what `fsdlog prune` chooses from.
  public func evidenceEntries() throws -> [(record: EvidenceRecord, peakUtc: String, hasVerdict: Bool)] {
    try pool.read { db in
      try Row.fetchAll(db, sql: """
        SELECT v.*, events.peak_utc AS x_peak_utc, \(Self.currentVerdictSQL) AS x_verdict
        FROM evidence v JOIN events ON events.id = v.event_id
        ORDER BY events.peak_utc, events.id
        """).map { row in
        (try EvidenceRecord(row: row), row["x_peak_utc"], (row["x_verdict"] as String?) != nil)
      }
    }
  }

  /// Forgets an event's kept footage (the caller removes the folder first).
  public func deleteEvidence(eventID: Int64) throws {
    _ = try write { db in try EvidenceRecord.deleteOne(db, key: eventID) }
  }

  /// How much the library holds: kept events and bytes (`status` shows it).
  static func evidenceTotals(_ db: Database) throws -> (events: Int, bytes: Int64) {
    let row = try Row.fetchOne(db, sql: "SELECT count(*) AS n, COALESCE(sum(size_bytes), 0) AS bytes FROM evidence")
    return (row?["n"] ?? 0, row?["bytes"] ?? 0)
  }
}
