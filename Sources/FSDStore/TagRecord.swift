import FSDDomain
import GRDB

/// What a tag row did: gave a verdict, took it back, or undid the previous row.
public enum TagAction: String, Codable, Sendable {
  case tag, untag, undo
}

/// Who wrote a tag row: `fsdlog tag`/`untag`, `fsdlog review --script`, or the interactive review.
public enum TagSource: String, Codable, Sendable {
  case cli, script, review
}

/// The state a tag row leaves an event in. An untagged event has no verdict and no flags.
public struct TagState: Sendable, Equatable {
  public var verdict: Verdict?
  public var intervened: Bool
  public var critical: Bool
  public var note: String?

  /// The verdict, or `untagged`: what listings show and summaries count by.
  public var current: VerdictFilter { verdict.map(VerdictFilter.verdict) ?? .untagged }

  public init(verdict: Verdict? = nil, intervened: Bool = false, critical: Bool = false, note: String? = nil) {
    self.verdict = verdict
    self.intervened = intervened
    self.critical = critical
    // SQLite would keep only the part of a note before a NUL byte: keep all of it.
    self.note = note.map(UntrustedText.storable)
  }

  public static let untagged = TagState()
}

/// One row of `tags`. Rows are only ever appended; the latest row of an event is its current state.
public struct TagRecord: Codable, Sendable, Equatable, FetchableRecord, MutablePersistableRecord {
  public static let databaseTableName = "tags"

  public var id: Int64?
  public var eventId: Int64
  /// NULL after an untag, or an undo back to "untagged".
  public var verdict: Verdict?
  public var intervened: Bool
  public var critical: Bool
  public var note: String?
  public var action: TagAction
  /// UTC ISO 8601 with milliseconds.
  public var taggedAt: String
  public var source: TagSource

  public init(eventId: Int64, state: TagState, action: TagAction, taggedAt: String, source: TagSource) {
    self.eventId = eventId
    verdict = state.verdict
    intervened = state.intervened
    critical = state.critical
    note = state.note
    self.action = action
    self.taggedAt = taggedAt
    self.source = source
  }

  public var state: TagState { TagState(verdict: verdict, intervened: intervened, critical: critical, note: note) }

  /// The table's column names, once: Codable reads and writes them, queries filter on `Columns`.
  enum CodingKeys: String, CodingKey {
    case id
    case eventId = "event_id"
    case verdict
    case intervened
    case critical
    case note
    case action
    case taggedAt = "tagged_at"
    case source
  }

  public enum Columns {
    public static let id = Column(CodingKeys.id)
    public static let eventId = Column(CodingKeys.eventId)
    public static let verdict = Column(CodingKeys.verdict)
    public static let intervened = Column(CodingKeys.intervened)
    public static let critical = Column(CodingKeys.critical)
    public static let note = Column(CodingKeys.note)
    public static let action = Column(CodingKeys.action)
    public static let taggedAt = Column(CodingKeys.taggedAt)
    public static let source = Column(CodingKeys.source)
  }

  public mutating func didInsert(_ inserted: InsertionSuccess) { id = inserted.rowID }
}
