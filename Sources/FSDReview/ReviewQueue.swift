import FSDDomain
import FSDStore

/// The incidents a review walks, one card each, in the order a driver should judge them.
///
/// Events that belong to one takeover (an FSD brake, the driver's brake, the disengagement, the
/// override) are one incident (`Incident`, docs/statistics.md): one card, one question. Incidents
/// with an FSD maneuver come first (they are what the trust statistics are about), newest first
/// within each group, so a weekly review starts with last week's FSD brakes.
public struct ReviewQueue: Sendable {
  /// Which incidents to include; every filter is optional.
  public struct Options: Sendable {
    /// "YYYY-MM": incidents whose lead's peak falls in that month (car-local, as the report counts).
    public var month: String?
    /// Incidents with a member of this kind (and initiator, when both are given).
    public var kind: EventKind?
    public var initiator: Initiator?
    /// Include incidents that are already judged (`fsdlog review --all`).
    public var includeTagged: Bool
    /// Only incidents that are already judged (`fsdlog review --retag`).
    public var onlyTagged: Bool

    public init(month: String? = nil, kind: EventKind? = nil, initiator: Initiator? = nil, includeTagged: Bool = false,
                onlyTagged: Bool = false) {
      self.month = month
      self.kind = kind
      self.initiator = initiator
      self.includeTagged = includeTagged
      self.onlyTagged = onlyTagged
    }
  }

  public let incidents: [Incident<EventRecord>]

  public init(incidents: [Incident<EventRecord>]) { self.incidents = incidents }

  /// The incidents' leads, in queue order: the events the verdicts go to.
  public var events: [EventRecord] { incidents.map(\.lead) }

  /// Loads the queue from the store (active events only: superseded ones are not reviewed). All of
  /// them are grouped first, so a filter never splits a takeover.
  ///
  /// An incident waits for review while it has no verdict (when it is asked one), or, as the
  /// driver's takeover, while none of its events holds a verdict, a flag or a note. The driver's
  /// own brake or swerve with the assistance off is no takeover: it waits for nobody (`--all`
  /// shows it).
  public static func load(from store: Store, _ options: Options = Options()) throws -> ReviewQueue {
    let incidents = Incident.group(try store.taggedEvents()).filter { incident in
      if let month = options.month, !incident.whenLocal.hasPrefix(month) { return false }
      if options.kind != nil || options.initiator != nil {
        let matches = incident.events.contains { event in
          (options.kind.map { event.kind == $0 } ?? true) && (options.initiator.map { event.initiator == $0 } ?? true)
        }
        if !matches { return false }
      }
      let waiting = IncidentRule.needsReview(incident.state, asksVerdict: incident.asksVerdict)
        && (incident.asksVerdict || incident.isTakeover)
      if options.onlyTagged { return !waiting && incident.state != .untagged }
      return options.includeTagged || waiting
    }
    return ReviewQueue(incidents: ordered(incidents.map { $0.mapMembers(\.event) }))
  }

  /// FSD maneuvers first, then newest first (by the lead's peak); the id breaks ties so the order
  /// never depends on the sort.
  public static func ordered(_ incidents: [Incident<EventRecord>]) -> [Incident<EventRecord>] {
    incidents.sorted { x, y in
      let a = x.lead, b = y.lead
      if x.isFSDManeuver != y.isFSDManeuver { return x.isFSDManeuver }
      if a.peakUtc != b.peakUtc { return a.peakUtc > b.peakUtc }
      return (a.id ?? 0) > (b.id ?? 0)
    }
  }

  public var count: Int { incidents.count }
  public var isEmpty: Bool { incidents.isEmpty }
}
