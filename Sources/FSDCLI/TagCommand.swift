import ArgumentParser
import FSDDomain
import FSDStore

struct TagCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "tag",
    abstract: "Give an event a verdict: phantom, justified or unsure.",
    discussion: """
      phantom: the car reacted to nothing real. justified: a real hazard. unsure: can't tell.
      The tag is saved at once and appended to the event's history (`fsdlog event ID` shows it);
      a later tag replaces it, `fsdlog untag ID` takes it back. Event ids come from `fsdlog events`.
      """)

  @OptionGroup var database: DatabaseOptions

  @OptionGroup var target: EventIDArgument

  @Argument(help: ArgumentHelp("phantom, justified or unsure.", valueName: "verdict"))
  var verdict: Verdict

  @Option(help: ArgumentHelp("A free-text note (quote it).", valueName: "text"))
  var note: String?

  @Flag(help: "The driver took over.")
  var intervened = false

  @Flag(help: "Safety-relevant: collision avoided, red light, wrong side.")
  var critical = false

  func run() throws {
    try Console.run {
      let store = try database.openExistingForWriting()
      let row = try TagStoreCall.run { try store.addTag(eventID: target.eventID, verdict: verdict, intervened: intervened,
                                                        critical: critical, note: note, source: .cli) }
      print("event \(target.eventID): \(TagText.describe(row.state))")
      if let lead = try Self.judgingLead(of: target.eventID, in: store) {
        print("note: event \(target.eventID) belongs to the incident of FSD maneuver \(lead): the statistics count the "
                + "incident by event \(lead)'s verdict (`fsdlog tag \(lead) ...`); its flags and note count from here too.")
      }
    }
  }

  /// The lead of the incident holding `eventID` when that incident is asked a verdict and the
  /// event is not its lead: a verdict here judges no maneuver (docs/statistics.md, "Incidents").
  static func judgingLead(of eventID: Int64, in store: Store) throws -> Int64? {
    guard let incident = try store.incident(containing: eventID), incident.asksVerdict, let lead = incident.lead.id,
          lead != eventID
    else { return nil }
    return lead
  }
}

/// Turns an unknown event id into the user-facing error (exit 1).
enum TagStoreCall {
  static func run<T>(_ body: () throws -> T) throws -> T {
    do {
      return try body()
    } catch let error as StoreError {
      throw Failure(message: "\(error)", exitCode: 1)
    }
  }
}

/// How a tag state reads in the terminal: "phantom (intervened, critical) — note".
enum TagText {
  static func describe(_ state: TagState) -> String {
    var text = state.current.rawValue
    let flags = [state.intervened ? "intervened" : nil, state.critical ? "critical" : nil].compactMap { $0 }
    if !flags.isEmpty { text += " (\(flags.joined(separator: ", ")))" }
    if let note = state.note { text += " — \(UntrustedText.forTerminal(note))" }
    return text
  }
}
