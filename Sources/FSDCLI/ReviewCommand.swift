import ArgumentParser
import FSDDomain
import FSDReview
import FSDStore
import Foundation

struct ReviewCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "review",
    abstract: "Tag FSD maneuvers phantom or justified, one key per incident.",
    discussion: """
      Walks the untagged incidents, FSD maneuvers first, newest first: one card per incident (the
      events of one takeover: an FSD brake or swerve, your brake, the disengagement, the override,
      within \(Int(IncidentRule.joiningGapS)) s of each other), with a plot of speed and deceleration around its FSD maneuver.
      Keys: p phantom, j justified, u unsure (FSD maneuvers only: the verdict goes to the maneuver;
      a takeover is marked intervened by default), r or Enter records the driver's own action (a
      brake or disengagement without an FSD maneuver: not asked phantom or justified), i intervened,
      c critical, n note, v watch the clip, e export a preview (PNG of all cameras at the peak and
      the front camera's ±8 s as MP4, into --previews), s/→ skip, b/← back, z undo, ? help, q quit.
      Every verdict is saved at once, so quitting (or a crash) loses none. A note or flag given before
      the verdict is saved with it, or on its own (the event stays untagged) when you move on or quit:
      the first q says so, the second quits. Verdicts on events a later ingest no longer finds are
      listed at the end. Colours follow NO_COLOR.
      The player is $FSDLOG_PLAYER ({file} and {seconds} are filled in), else mpv, ffplay or xdg-open.

      --script FILE (or - for stdin) reads one line per tag instead: `EVENT VERDICT [note...]`, EVENT
      an id from `fsdlog events`, VERDICT phantom, justified, unsure or untag; an id of another
      event of an incident with an FSD maneuver (its disengagement, say) tags that maneuver, and
      the line printed names both. Blank lines and #
      comments are ignored; a bad line is reported as "line N: ..." and skipped. Each line is saved
      before the next is read, and one line per applied tag is printed, so an interrupted script
      loses nothing it reported. Bad lines do not change the exit status (0); the summary counts them.
      """)

  @OptionGroup var database: DatabaseOptions

  @OptionGroup var filters: EventFilterOptions

  @Flag(help: "Include events that already have a verdict.")
  var all = false

  @Flag(help: "Only events that already have a verdict, to change it.")
  var retag = false

  @Option(help: "metric (km/h) or imperial (mph).")
  var units: ReportCommand.Units = .metric

  @Option(help: ArgumentHelp("Where `e` writes previews.", valueName: "dir"))
  var previews = "reports/previews"

  @Option(help: ArgumentHelp("Apply a review script (- reads stdin).", valueName: "file"))
  var script: String?

  static let scriptableForms = """
    Tag from the command line or a script instead:
      fsdlog tag EVENT phantom|justified|unsure [--note TEXT] [--intervened] [--critical]
      fsdlog untag EVENT
      fsdlog review --script FILE|-     (lines: EVENT VERDICT [note])
    Event ids come from `fsdlog events --verdict untagged`.

    """

  func validate() throws {
    if all && retag { throw ValidationError("--all and --retag: choose one (--all is untagged and tagged events)") }
  }

  func run() throws {
    try Console.run {
      guard let script else { return try runInteractive() }
      let store = try database.openExistingForWriting()
      let nextLine = try Self.lineSource(script)
      let reviewer = ScriptReviewer(store: store, source: .script)
      let summary = reviewer.run(nextLine: nextLine) { _, result in
        switch result {
        case .applied(let row):
          // Unbuffered and after the commit: a line printed here is in the database.
          Self.writeOut("tagged \(row.eventId) \(row.verdict?.rawValue ?? "untag") (tag row \(row.id ?? 0))\n")
        case .appliedToLead(let row, let named):
          Self.writeOut("tagged \(row.eventId) \(row.verdict?.rawValue ?? "untag") (tag row \(row.id ?? 0); "
                          + "event \(named) belongs to its incident)\n")
        case .rejected(let message): Console.stderr("fsdlog review: \(message)\n")
        case .ignored: break
        }
      }
      Self.writeOut("\(summary.applied) tagged, \(summary.skipped) skipped"
                      + (summary.skipped > 0 ? " (see messages)" : "") + "\n")
      // On stderr: stdout stays one line per applied tag and the summary, for scripts to read.
      Self.reportLostVerdicts(store) { Console.stderr($0) }
    }
  }

  private func runInteractive() throws {
    // The prompt reads single keys and draws a screen: both ends must be a terminal.
    guard isatty(STDIN_FILENO) == 1, isatty(STDOUT_FILENO) == 1 else {
      let which = isatty(STDIN_FILENO) == 1 ? "stdout" : "stdin"
      Console.stderr("fsdlog review: the interactive review needs a terminal, and \(which) is not one.\n" + Self.scriptableForms)
      throw ExitCode(2)
    }
    let store = try database.openExistingForWriting()
    let queue = try ReviewQueue.load(from: store, .init(month: filters.month, kind: filters.kind, initiator: filters.initiator,
                                                         includeTagged: all, onlyTagged: retag))
    if queue.isEmpty {
      let matching = try store.events(EventFilter(month: filters.month, kind: filters.kind, initiator: filters.initiator))
      print(emptyQueueMessage(matchingEvents: matching.count))
      Self.reportLostVerdicts(store) { print($0, terminator: "") }
      return
    }
    let session = ReviewSession(store: store, queue: queue, source: .review)
    let style = TerminalStyle.fromEnvironment()
    let actions = SystemReviewActions(exporter: PreviewExporter(directory: previews))
    guard let terminal = TTYTerminal() else {
      throw Failure(message: "cannot put the terminal into single-key mode", exitCode: 2)
    }
    let review = InteractiveReview(session: session, terminal: terminal, style: style, actions: actions,
                                   speed: units.speed) { event in
      try EventDetails.load(event, from: store)
    }
    let summary = review.run()
    terminal.restore()
    print(Self.describe(summary))
    if let notSaved = summary.notSaved {
      Console.error("the note or flags given last (no verdict yet) could not be saved: \(notSaved)")
    }
    Self.reportLostVerdicts(store) { print($0, terminator: "") }
  }

  /// Verdicts whose event is no longer detected are not in any queue: say so at every review.
  static func reportLostVerdicts(_ store: Store, _ write: (String) -> Void) {
    do {
      let lines = LostVerdictText.lines(try store.lostVerdicts())
      if !lines.isEmpty { write(lines.joined(separator: "\n") + "\n") }
    } catch {
      write("fsdlog review: could not list verdicts on events no longer detected: \(error)\n")
    }
  }

  /// Why there is nothing to walk: no event matches at all, or every match is (un)tagged.
  func emptyQueueMessage(matchingEvents: Int) -> String {
    let chosen = [filters.month.map { "in \($0)" }, filters.kind?.rawValue, filters.initiator.map { "initiated by \($0.rawValue)" }]
      .compactMap { $0 }
    let scope = chosen.isEmpty ? "" : " (" + chosen.joined(separator: ", ") + ")"
    if matchingEvents == 0 {
      return chosen.isEmpty
        ? "No events yet. Ingest clips first: `fsdlog ingest /path/to/TeslaCam`."
        : "No events\(scope). `fsdlog events` lists what there is."
    }
    if retag { return "No tagged events to change\(scope). `fsdlog review` walks the untagged ones." }
    return "Nothing to review\(scope): every incident has a verdict (or, the driver's own, is recorded). "
      + "`fsdlog review --retag` goes through them again."
  }

  static func describe(_ summary: InteractiveReview.Summary) -> String {
    let parts = Verdict.allCases.compactMap { verdict in summary.verdicts[verdict].map { "\($0) \(verdict.rawValue)" } }
    var text = summary.reviewed == 0
      ? "No verdicts given."
      : "Reviewed \(Formatting.plural(summary.reviewed, "incident")): " + parts.joined(separator: ", ") + "."
    if summary.recorded > 0 {
      text += " \(Formatting.plural(summary.recorded, "driver's action", "driver's actions")) recorded."
    }
    if summary.undone > 0 { text += " \(Formatting.plural(summary.undone, "undo", "undos"))." }
    if summary.leftUntagged > 0 {
      text += " \(Formatting.plural(summary.leftUntagged, "incident")) of this review still untagged: `fsdlog review` picks them up."
    }
    return text
  }

  /// Lines of the script, read lazily so a long stdin pipe is applied as it arrives.
  static func lineSource(_ script: String) throws -> () -> String? {
    if script == "-" { return { readLine(strippingNewline: true) } }
    // fopen opens a folder on Linux and every read then fails at once: it would pass as an empty script.
    var isFolder: ObjCBool = false
    if FileManager.default.fileExists(atPath: script, isDirectory: &isFolder), isFolder.boolValue {
      throw Failure(message: "the review script \(script) is a folder, not a file: give a file of lines "
                      + "`EVENT VERDICT [note]` (or - to read them from stdin)", exitCode: 1)
    }
    guard let file = fopen(script, "r") else {
      throw Failure(message: "cannot read the review script \(script): check the path", exitCode: 1)
    }
    return {
      var buffer: UnsafeMutablePointer<CChar>?
      var capacity = 0
      defer { free(buffer) }
      guard getline(&buffer, &capacity, file) >= 0, let buffer else { return nil }
      return String(cString: buffer).trimmingCharacters(in: .newlines)
    }
  }

  static func writeOut(_ text: String) {
    FileHandle.standardOutput.write(Data(text.utf8))
  }
}
