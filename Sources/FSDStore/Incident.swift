import FSDDomain

/// Something that stands for one event: the event itself, or the event with its tag.
public protocol IncidentMember: Sendable {
  var incidentEvent: EventRecord { get }
}

extension EventRecord: IncidentMember {
  public var incidentEvent: EventRecord { self }
}

extension TaggedEvent: IncidentMember {
  public var incidentEvent: EventRecord { event }
}

/// The events of one takeover, or of one maneuver: an FSD brake or swerve, the driver's brake,
/// the disengagement and the override that follow it within a few seconds (docs/statistics.md,
/// "Incidents"). Incidents are computed from the active events, never stored: tags stay on
/// events, so every tag ever given keeps its place, and a re-detection regroups by itself.
///
/// The review shows one card per incident and asks its lead's verdict; the statistics count an
/// incident once.
public struct Incident<Member: IncidentMember>: Sendable {
  /// The members, by onset (ties: by id).
  public let members: [Member]
  /// Index of the lead in `members`.
  public let leadIndex: Int

  init(members: [Member]) {
    self.members = members
    leadIndex = Self.leadIndex(members.map(\.incidentEvent))
  }

  /// The event the incident is judged by: its first FSD brake or swerve; else its first brake or
  /// swerve whose initiator is unknown (the camera alone saw it: the driver knows who braked);
  /// else its first event.
  public var lead: Member { members[leadIndex] }
  public var events: [EventRecord] { members.map(\.incidentEvent) }
  /// The members other than the lead, by onset.
  public var others: [Member] { members.indices.filter { $0 != leadIndex }.map { members[$0] } }

  /// The incident holds a brake or swerve by FSD: it counts as one FSD maneuver, however many it holds.
  public var isFSDManeuver: Bool { IncidentRule.isFSDManeuver(lead.incidentEvent) }

  /// The incident is asked "phantom or justified?": its lead is a maneuver the car may have made
  /// (by FSD, or by an unknown initiator). Otherwise it is the driver's own action (a brake, a
  /// plain disengagement or override), recorded as what it is, without a verdict.
  public var asksVerdict: Bool { IncidentRule.asksVerdict(lead.incidentEvent) }

  /// The driver took over from the assistance: a disengagement or an override, or the driver's own
  /// brake or swerve while FSD, Autosteer or TACC was engaged. Such an incident is an intervention
  /// by default in the review (the driver can still clear the flag).
  public var isTakeover: Bool {
    events.contains { event in
      event.kind.isTakeoverByItself
        || (event.kind.isManeuver && event.initiator == .driver && (event.autopilotState?.isEngaged ?? false))
    }
  }

  /// Groups events into incidents: per drive, in onset order, an event joins the incident before it
  /// while its onset is at most `joiningGapS` after that incident's end (the latest end of its
  /// members). Events without a drive are incidents of their own. The result is in the order of
  /// the incidents' first onsets (drives interleaved by time).
  public static func group(_ items: [Member]) -> [Incident] {
    var byDrive: [Int64: [Member]] = [:]
    var incidents: [Incident] = []
    for item in items {
      if let drive = item.incidentEvent.driveId { byDrive[drive, default: []].append(item) }
      else { incidents.append(Incident(members: [item])) }
    }
    for (_, driveItems) in byDrive {
      let sorted = driveItems.sorted { byOnset($0.incidentEvent, $1.incidentEvent) }
      var current: [Member] = []
      var currentEndS = -Double.infinity
      for item in sorted {
        let event = item.incidentEvent
        let onsetS = ClipClock.utcSeconds(event.onsetUtc), endS = ClipClock.utcSeconds(event.endUtc)
        if !current.isEmpty, let onsetS, onsetS - currentEndS <= IncidentRule.joiningGapS {
          current.append(item)
        } else {
          if !current.isEmpty { incidents.append(Incident(members: current)) }
          current = [item]
          currentEndS = -Double.infinity
        }
        currentEndS = max(currentEndS, endS ?? onsetS ?? currentEndS)
      }
      if !current.isEmpty { incidents.append(Incident(members: current)) }
    }
    return incidents.sorted { byOnset($0.members[0].incidentEvent, $1.members[0].incidentEvent) }
  }

  /// Onset order, the id breaking ties, so the grouping never depends on the input's order.
  static func byOnset(_ x: EventRecord, _ y: EventRecord) -> Bool {
    x.onsetUtc != y.onsetUtc ? x.onsetUtc < y.onsetUtc : (x.id ?? 0) < (y.id ?? 0)
  }

  /// The same incident over other stand-ins for its events (e.g. the events without their tags).
  public func mapMembers<Other: IncidentMember>(_ transform: (Member) -> Other) -> Incident<Other> {
    Incident<Other>(members: members.map(transform))
  }

  /// The incident holding the event `eventID`, among `items` (a drive's active events), or nil.
  public static func containing(eventID: Int64, in items: [Member]) -> Incident? {
    group(items).first { $0.events.contains { $0.id == eventID } }
  }

  static func leadIndex(_ events: [EventRecord]) -> Int {
    events.firstIndex(where: IncidentRule.isFSDManeuver) ?? events.firstIndex(where: IncidentRule.asksVerdict) ?? 0
  }
}

/// The rules incidents are made and judged by, in one place (docs/statistics.md, "Incidents").
public enum IncidentRule {
  /// How close (seconds) the next event's onset must come to the end of the incident so far to
  /// join it. A driver who takes over after an FSD maneuver reacts within about 1 to 2.5 s of it
  /// (a surprise takes longest), and the pedal or wheel input that ends FSD comes a moment after
  /// that; 5 s keeps the whole takeover together while two separate maneuvers, which FSD makes
  /// farther apart, stay two incidents.
  public static let joiningGapS = 5.0

  /// A brake or swerve by FSD: what the trust statistics judge.
  public static func isFSDManeuver(_ event: EventRecord) -> Bool { event.kind.isManeuver && event.initiator == .fsd }

  /// A brake or swerve the car may have made (by FSD, or by an initiator the data cannot tell):
  /// asked "phantom or justified?". The driver's own actions are not.
  public static func asksVerdict(_ event: EventRecord) -> Bool { event.kind.isManeuver && event.initiator != .driver }
}

extension Incident where Member == TaggedEvent {
  /// The incident's tag, combined from its members' current tags so that a tag given to any of
  /// them (before incidents existed, the driver tagged each event) still counts:
  /// - verdict: the lead's; else (old tags) that of another member asked a verdict, the first by
  ///   onset. A verdict on the driver's own action is kept on its event but judges no maneuver.
  /// - intervened, critical: set when any member has it.
  /// - note: the lead's, then the others' (each different one once), joined by "; ".
  public var state: TagState { IncidentRule.combined(members.map(\.state), events: events, leadIndex: leadIndex) }

  /// Car-local time of the lead's peak (UTC when unknown): what months and versions count it by.
  public var whenLocal: String { lead.whenLocal }
}

extension IncidentRule {
  /// Combines members' states (in member order) as `Incident<TaggedEvent>.state` describes.
  public static func combined(_ states: [TagState], events: [EventRecord], leadIndex: Int) -> TagState {
    var result = TagState()
    result.verdict = states[leadIndex].verdict
      ?? states.indices.first { $0 != leadIndex && asksVerdict(events[$0]) && states[$0].verdict != nil }
        .flatMap { states[$0].verdict }
    result.intervened = states.contains { $0.intervened }
    result.critical = states.contains { $0.critical }
    var notes: [String] = []
    for index in [leadIndex] + states.indices.filter({ $0 != leadIndex }) {
      if let note = states[index].note, !notes.contains(note) { notes.append(note) }
    }
    result.note = notes.isEmpty ? nil : notes.joined(separator: "; ")
    return result
  }

  /// True when the incident still waits for the driver: asked a verdict, it has none; the driver's
  /// own action, no member holds a verdict, a flag or a note yet.
  public static func needsReview(_ combined: TagState, asksVerdict: Bool) -> Bool {
    asksVerdict ? combined.verdict == nil : combined == .untagged
  }
}
