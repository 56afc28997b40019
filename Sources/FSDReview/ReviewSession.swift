import FSDDomain
import Foundation
import FSDStore

/// One review, independent of any terminal: a position in a queue of incidents and the actions a
/// driver takes. Every verdict, flag and note goes to the incident's lead (`Incident.lead`: its
/// FSD maneuver); the other members keep their own tags, which the incident's state still counts.
///
/// Every verdict, flag and note is committed to the store the moment it is given, so a review
/// killed at any point keeps everything said before. The interactive prompt and the tests drive
/// the same model.
public final class ReviewSession {
  public let store: Store
  public let queue: ReviewQueue
  public let source: TagSource
  /// Index into the queue; equal to `queue.count` once the queue is walked to its end.
  public private(set) var position = 0
  public private(set) var hasQuit = false
  /// Flags and note given to an untagged event before its verdict (nil: none this visit). They
  /// wait for the verdict so that note, flags and verdict are one tag row; when the driver
  /// leaves the event without one (skip, back, quit) they are saved on their own, as a row
  /// without a verdict, so nothing typed is lost.
  public private(set) var pending: TagState?
  /// Events this session wrote a row for, most recent last: what `undo` walks back.
  private var written: [(eventID: Int64, position: Int)] = []

  public init(store: Store, queue: ReviewQueue, source: TagSource = .review) {
    self.store = store
    self.queue = queue
    self.source = source
  }

  /// The incident on the card.
  public var currentIncident: Incident<EventRecord>? {
    position < queue.count && !hasQuit ? queue.incidents[position] : nil
  }
  /// The current incident's lead: the event its verdict, flags and note are written to.
  public var current: EventRecord? { currentIncident?.lead }
  public var isFinished: Bool { current == nil }

  /// The lead's state as the driver sees it: stored, with pending flags on an untagged one. A
  /// takeover (the driver braked, disengaged or overrode) is an intervention by default until the
  /// driver clears the flag: the takeover is the intervention.
  public func currentState() throws -> TagState {
    guard let incident = currentIncident, let id = incident.lead.id else { return .untagged }
    let stored = try store.currentState(eventID: id)
    guard stored.verdict == nil else { return stored }
    if let pending { return pending }
    var shown = stored
    if incident.isTakeover && stored == .untagged { shown.intervened = true }
    return shown
  }

  /// The whole incident's state: the lead's as `currentState` shows it, combined with the tags its
  /// other events hold (an older tag given to the disengagement still counts).
  public func currentIncidentState() throws -> TagState {
    guard let incident = currentIncident else { return .untagged }
    return try combinedState(incident, lead: try currentState())
  }

  /// An incident's stored state, combined over its events.
  public func storedState(_ incident: Incident<EventRecord>) throws -> TagState {
    try combinedState(incident, lead: nil)
  }

  /// The members' stored states combined, the lead's replaced by `lead` when given.
  private func combinedState(_ incident: Incident<EventRecord>, lead: TagState?) throws -> TagState {
    let states = try incident.members.indices.map { index in
      try (index == incident.leadIndex ? lead : nil) ?? store.currentState(eventID: incident.members[index].id ?? 0)
    }
    return IncidentRule.combined(states, events: incident.events, leadIndex: incident.leadIndex)
  }

  /// True when the current event has a note or flags given this visit that wait for a verdict.
  public func hasPendingChanges() throws -> Bool {
    guard let id = current?.id, let pending else { return false }
    return try pending != store.currentState(eventID: id)
  }

  /// Saves the current event's pending note and flags without a verdict (the event stays
  /// untagged). Returns false when there was nothing to save.
  @discardableResult
  public func keepPending() throws -> Bool {
    guard try hasPendingChanges(), let id = current?.id, let pending else { return false }
    try write(eventID: id, pending)
    return true
  }

  /// Gives the current incident's lead a verdict (keeping its flags and note), commits it, and
  /// moves on.
  /// - Throws: `ReviewError.noVerdictAsked` on the driver's own action (use `record`).
  public func tag(_ verdict: Verdict) throws {
    guard let incident = currentIncident, let id = incident.lead.id else { return }
    guard incident.asksVerdict else { throw ReviewError.noVerdictAsked(eventID: id) }
    var state = try currentState()
    state.verdict = verdict
    try write(eventID: id, state)
    try move(to: position + 1)
  }

  /// Records the driver's own action (an incident not asked a verdict) with the flags and note
  /// shown, intervened by default for a takeover, and moves on. Writes nothing when that is what
  /// the event holds already. Returns whether a row was written.
  @discardableResult
  public func record() throws -> Bool {
    guard let incident = currentIncident, let id = incident.lead.id else { return false }
    var state = try currentState()
    state.verdict = nil
    let changed = try state != store.currentState(eventID: id)
    if changed { try write(eventID: id, state) }
    pending = nil
    try move(to: position + 1)
    return changed
  }

  /// Turns a flag around as the card shows it (the incident's): a flag an older tag gives another
  /// event of the incident shows set, so the first press clears it on the lead (where it stays
  /// set for the incident while that other tag holds it; the prompt says so).
  public func toggleIntervened() throws { try toggle(\.intervened) }
  public func toggleCritical() throws { try toggle(\.critical) }

  private func toggle(_ flag: WritableKeyPath<TagState, Bool>) throws {
    let shown = try currentIncidentState()[keyPath: flag]
    try change { $0[keyPath: flag] = !shown }
  }

  /// Sets the current event's note (an empty text clears it).
  public func note(_ text: String) throws {
    let trimmed = text.trimmingCharacters(in: .whitespacesAndNewlines)
    try change { $0.note = trimmed.isEmpty ? nil : trimmed }
  }

  /// Moves on; a pending note or flags are saved without a verdict first.
  public func skip() throws { try move(to: position + 1) }
  public func back() throws { try move(to: position - 1) }

  /// Undoes this session's last committed action by appending a reversal, and returns to that
  /// event. Returns false when this session has written nothing (left) to undo.
  ///
  /// Undoing a verdict that took an event out of `untagged` takes back the verdict, not the words
  /// typed with it: its note and flags wait for the next verdict again, as they did before it
  /// (and are saved without one if the driver leaves), so a wrong key never costs a note.
  @discardableResult
  public func undo() throws -> Bool {
    guard let last = written.popLast() else { return false }
    let undone = try store.currentState(eventID: last.eventID)
    try store.undoLast(eventID: last.eventID, source: source)
    let restored = try store.currentState(eventID: last.eventID)
    hasQuit = false
    pending = nil
    position = last.position
    if undone.verdict != nil, restored.verdict == nil {
      let typed = TagState(intervened: undone.intervened, critical: undone.critical, note: undone.note)
      if typed != restored { pending = typed }
    }
    return true
  }

  /// Ends the review; a pending note or flags are saved without a verdict first.
  public func quit() throws {
    guard !hasQuit else { return }
    try keepPending()
    pending = nil
    hasQuit = true
  }

  /// A flag or note change: committed at once on a tagged event, pending on an untagged one.
  private func change(_ edit: (inout TagState) -> Void) throws {
    guard let id = current?.id else { return }
    var state = try currentState()
    edit(&state)
    if state.verdict == nil { pending = state } else { try write(eventID: id, state) }
  }

  private func write(eventID: Int64, _ state: TagState) throws {
    try store.addTag(eventID: eventID, state, source: source)
    written.append((eventID, position))
    pending = nil
  }

  /// Leaving an event saves what waits for its verdict, before moving (a failed save keeps the
  /// driver on the event, with the edits, to retry).
  private func move(to newPosition: Int) throws {
    let clamped = min(max(newPosition, 0), queue.count)
    guard clamped != position else { return }
    try keepPending()
    pending = nil
    position = clamped
  }
}
