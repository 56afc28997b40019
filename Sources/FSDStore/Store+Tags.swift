import FSDDomain
import Foundation
import GRDB

extension Store {
  /// The event with this id (current or superseded), or nil.
  public func event(id: Int64) throws -> EventRecord? {
    try pool.read { db in try EventRecord.fetchOne(db, key: id) }
  }

  /// Appends a tag row giving `eventID` the state `state`, in its own transaction, committed
  /// before this returns (a review killed a moment later keeps it). A nil verdict is an untag.
  /// - Throws: `StoreError.eventNotFound` when no event has that id.
  @discardableResult
  public func addTag(eventID: Int64, _ state: TagState, source: TagSource) throws -> TagRecord {
    try write { db in
      try Self.requireEvent(eventID, db)
      var row = TagRecord(eventId: eventID, state: state, action: state.verdict == nil ? .untag : .tag,
                          taggedAt: Self.now(), source: source)
      try row.insert(db)
      return row
    }
  }

  /// Convenience for `addTag` with a verdict and flags.
  @discardableResult
  public func addTag(eventID: Int64, verdict: Verdict?, intervened: Bool = false, critical: Bool = false,
                     note: String? = nil, source: TagSource) throws -> TagRecord {
    try addTag(eventID: eventID, TagState(verdict: verdict, intervened: intervened, critical: critical, note: note),
               source: source)
  }

  /// Takes an event's verdict back by appending an untag row (the history keeps the old verdict).
  @discardableResult
  public func untag(eventID: Int64, note: String? = nil, source: TagSource) throws -> TagRecord {
    try addTag(eventID: eventID, TagState(note: note), source: source)
  }

  /// The latest tag row of an event (nil when it was never tagged). Its `verdict` is nil after
  /// an untag: use `currentState` for "what does the event say now".
  public func currentTag(eventID: Int64) throws -> TagRecord? {
    try pool.read { db in try Self.latestTag(eventID, db) }
  }

  /// The event's current state: its latest row, or untagged.
  public func currentState(eventID: Int64) throws -> TagState {
    try currentTag(eventID: eventID)?.state ?? .untagged
  }

  /// Every tag row of an event, oldest first.
  public func tagHistory(eventID: Int64) throws -> [TagRecord] {
    try pool.read { db in
      try TagRecord.filter(TagRecord.Columns.eventId == eventID).order(TagRecord.Columns.id).fetchAll(db)
    }
  }

  /// Undoes the latest tag or untag of an event that is not undone yet, by appending an `undo` row
  /// carrying the state before it. Repeated undos walk further back. Returns nil (and writes
  /// nothing) when there is nothing left to undo.
  /// - Throws: `StoreError.eventNotFound` when no event has that id.
  @discardableResult
  public func undoLast(eventID: Int64, source: TagSource) throws -> TagRecord? {
    // Read and append in one write transaction, so a concurrent tagger cannot slip in between.
    try write { db in
      try Self.requireEvent(eventID, db)
      let history = try TagRecord.filter(TagRecord.Columns.eventId == eventID).order(TagRecord.Columns.id).fetchAll(db)
      // Replay: tag and untag push a state, undo pops one.
      var states: [TagState] = []
      for row in history {
        if row.action == .undo { _ = states.popLast() } else { states.append(row.state) }
      }
      guard states.popLast() != nil else { return nil }
      var row = TagRecord(eventId: eventID, state: states.last ?? .untagged, action: .undo, taggedAt: Self.now(),
                          source: source)
      try row.insert(db)
      return row
    }
  }

  /// SQL for the current verdict of `events.id` (NULL when untagged): one seek in `tags_by_event`.
  static let currentVerdictSQL = "(SELECT t.verdict FROM tags t WHERE t.event_id = events.id ORDER BY t.id DESC LIMIT 1)"

  static func latestTag(_ eventID: Int64, _ db: Database) throws -> TagRecord? {
    try TagRecord.filter(TagRecord.Columns.eventId == eventID).order(TagRecord.Columns.id.desc).fetchOne(db)
  }

  static func requireEvent(_ eventID: Int64, _ db: Database) throws {
    guard try EventRecord.exists(db, key: eventID) else { throw StoreError.eventNotFound(eventID) }
  }

  /// Now, as the UTC ISO 8601 text with milliseconds every stamp in the database carries.
  public static func now() -> String {
    let formatter = ISO8601DateFormatter()
    formatter.formatOptions = [.withInternetDateTime, .withFractionalSeconds]
    return formatter.string(from: Date())
  }
}
