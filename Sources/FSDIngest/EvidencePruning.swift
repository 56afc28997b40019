import FSDStore
import Foundation

/// Keeps the evidence library bounded: removes kept footage older than an age, then the oldest
/// until the library fits a size. Footage of an event that holds a verdict is the driver's proof
/// and stays unless asked (`includeTagged`). Each folder is removed before its row, so an
/// interrupted prune leaves at worst a row whose folder is gone, which review reports as "no
/// footage kept" and the next ingest does not redo (its event has a row).
public struct EvidencePruning: Sendable {
  public let store: Store
  /// Footage of events whose peak is older than this many days goes (nil: no age limit).
  public var olderThanDays: Double?
  /// Then the oldest footage goes until the library holds at most this many bytes (nil: no limit).
  public var maximumBytes: Int64?
  public var includeTagged = false

  public init(store: Store, olderThanDays: Double? = nil, maximumBytes: Int64? = nil, includeTagged: Bool = false) {
    self.store = store
    self.olderThanDays = olderThanDays
    self.maximumBytes = maximumBytes
    self.includeTagged = includeTagged
  }

  public struct Plan: Sendable, Equatable {
    /// Event ids whose footage goes, oldest first, and the bytes freed.
    public var eventIDs: [Int64] = []
    public var bytes: Int64 = 0
    /// Footage kept although the limits would remove it: its event holds a verdict.
    public var keptTagged = 0
    /// What the library holds after.
    public var remainingEvents = 0
    public var remainingBytes: Int64 = 0
  }

  /// What a prune would remove, without removing it (`--dry-run`).
  public func plan(now: Date = Date()) throws -> Plan {
    let entries = try store.evidenceEntries()
    var plan = Plan()
    var total = entries.reduce(Int64(0)) { $0 + $1.record.sizeBytes }
    var chosen = Set<Int>(), keptTagged = Set<Int>()
    /// Takes an entry the limits would remove, unless its event holds a verdict.
    func take(_ index: Int) {
      if entries[index].hasVerdict && !includeTagged { keptTagged.insert(index); return }
      chosen.insert(index)
      total -= entries[index].record.sizeBytes
    }
    // By age first: everything over the age that may go.
    if let days = olderThanDays {
      for (index, entry) in entries.enumerated()
      where (ClipClock.utcSeconds(entry.peakUtc) ?? 0) < now.timeIntervalSince1970 - days * 86_400 {
        take(index)
      }
    }
    // Then by size: the oldest first until the library fits.
    if let limit = maximumBytes {
      for index in entries.indices where total > limit && !chosen.contains(index) { take(index) }
    }
    // Counted once, although both limits may have reached it.
    plan.keptTagged = keptTagged.count
    for index in chosen.sorted() {
      plan.eventIDs.append(entries[index].record.eventId)
      plan.bytes += entries[index].record.sizeBytes
    }
    plan.remainingEvents = entries.count - chosen.count
    plan.remainingBytes = total
    return plan
  }

  /// Removes what `plan` chose: each folder, then its row.
  @discardableResult
  public func run(now: Date = Date()) throws -> Plan {
    let plan = try plan(now: now)
    for id in plan.eventIDs {
      guard let record = try store.evidence(eventID: id) else { continue }
      let folder = store.evidenceFolder(record)
      if FileManager.default.fileExists(atPath: folder) { try FileManager.default.removeItem(atPath: folder) }
      try store.deleteEvidence(eventID: id)
    }
    return plan
  }
}
