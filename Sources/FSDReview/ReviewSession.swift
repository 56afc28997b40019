import FSDDomain
import Foundation
import FSDStore

/// One review, independent of any terminal: a position in a queue and the actions a driver takes.
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

  public var current: EventRecord? { position < queue.count && !hasQuit ? queue.events[position] : nil }
  public var isFinished: Bool { current == nil }

  /// The current event's state as the driver sees it: stored, with pending flags on an untagged one.
  public func currentState() throws -> TagState {
    guard let id = current?.id else { return .untagged }
    let stored = try store.currentState(eventID: id)
    return stored.verdict == nil ? pending ?? stored : stored
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

  /// Gives the current event a verdict (keeping its flags and note), commits it, and moves on.
  public func tag(_ verdict: Verdict) throws {
    guard let id = current?.id else { return }
    var state = try currentState()
    state.verdict = verdict
    try write(eventID: id, state)
    try move(to: position + 1)
  }

  public func toggleIntervened() throws { try change { $0.intervened.toggle() } }
  public func toggleCritical() throws { try change { $0.critical.toggle() } }

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
