import FSDDomain
import FSDStore

/// The events a review walks, in the order a driver should judge them.
///
/// FSD-initiated events come first (they are what the trust statistics are about), newest first
/// within each group, so a weekly review starts with last week's FSD brakes.
public struct ReviewQueue: Sendable {
  /// Which events to include; every filter is optional.
  public struct Options: Sendable {
    /// "YYYY-MM": events whose peak falls in that month (car-local, as the report counts).
    public var month: String?
    public var kind: EventKind?
    public var initiator: Initiator?
    /// Include events that already have a verdict (`fsdlog review --all`).
    public var includeTagged: Bool

    public init(month: String? = nil, kind: EventKind? = nil, initiator: Initiator? = nil, includeTagged: Bool = false) {
      self.month = month
      self.kind = kind
      self.initiator = initiator
      self.includeTagged = includeTagged
    }
  }

  public let events: [EventRecord]

  public init(events: [EventRecord]) { self.events = events }

  /// Loads the queue from the store (active events only: superseded ones are not reviewed).
  public static func load(from store: Store, _ options: Options = Options()) throws -> ReviewQueue {
    let filter = EventFilter(month: options.month, kind: options.kind, initiator: options.initiator,
                             verdict: options.includeTagged ? nil : .untagged)
    return ReviewQueue(events: ordered(try store.events(filter)))
  }

  /// FSD first, then newest first; the id breaks ties so the order never depends on the sort.
  public static func ordered(_ events: [EventRecord]) -> [EventRecord] {
    events.sorted { a, b in
      let aFSD = a.initiator == .fsd, bFSD = b.initiator == .fsd
      if aFSD != bFSD { return aFSD }
      if a.peakUtc != b.peakUtc { return a.peakUtc > b.peakUtc }
      return (a.id ?? 0) > (b.id ?? 0)
    }
  }

  public var count: Int { events.count }
  public var isEmpty: Bool { events.isEmpty }
}
