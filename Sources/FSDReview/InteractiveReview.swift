import FSDDomain
import FSDStore
import Foundation

/// The one-key review prompt: shows an incident's card, reads a key, acts, shows the next.
///
/// All state changes go through `ReviewSession`, which commits each one before the next key is
/// read; this type only draws and dispatches, so the tests drive it with a scripted terminal.
public final class InteractiveReview {
  public struct Summary: Equatable, Sendable {
    /// Verdicts of the incidents this review changed, as they stand at the end (an undone tag
    /// does not count).
    public var verdicts: [Verdict: Int] = [:]
    /// The driver's own actions (incidents not asked a verdict) recorded by this review.
    public var recorded = 0
    public var undone = 0
    public var reviewed: Int { verdicts.values.reduce(0, +) }
    public var queueCount = 0
    /// Incidents of this review that still wait for a verdict (or, the driver's, to be recorded).
    public var leftUntagged = 0
    /// Why a note or flags given last could not be saved when the input ended (nil: all saved).
    public var notSaved: String?
  }

  let session: ReviewSession
  let terminal: ReviewTerminal
  let style: TerminalStyle
  let actions: ReviewActions
  let loadDetails: (EventRecord) throws -> EventDetails
  let speed: SpeedUnit
  private var cache: [Int64: EventDetails] = [:]
  private var message = ""
  private var summary = Summary()

  public init(session: ReviewSession, terminal: ReviewTerminal, style: TerminalStyle, actions: ReviewActions,
              speed: SpeedUnit = .kmh, loadDetails: @escaping (EventRecord) throws -> EventDetails) {
    self.speed = speed
    self.session = session
    self.terminal = terminal
    self.style = style
    self.actions = actions
    self.loadDetails = loadDetails
  }

  /// Runs until `q`, Ctrl-C, Ctrl-D or the end of input. Returns what was done.
  public func run() -> Summary {
    summary.queueCount = session.queue.count
    let before = session.queue.incidents.map { (try? session.storedState($0)) ?? .untagged }
    while !session.hasQuit {
      if session.isFinished {
        drawFinished()
        guard let key = terminal.readKey() else { break }
        switch key {
        // Past the end there is no current event, so nothing waits to be saved: these cannot fail.
        case .character("b"), .left: try? session.back()
        case .character("z"): undo()
        default: try? session.quit()
        }
        continue
      }
      draw()
      guard let key = terminal.readKey() else {
        // No more keys: keep what waits for a verdict, and say so if that fails.
        do { try session.quit() } catch { summary.notSaved = "\(error)" }
        break
      }
      handle(key)
    }
    let after = session.queue.incidents.map { (try? session.storedState($0)) ?? .untagged }
    summary.verdicts = [:]
    for (incident, (old, new)) in zip(session.queue.incidents, zip(before, after)) where old != new {
      if incident.asksVerdict, let verdict = new.verdict { summary.verdicts[verdict, default: 0] += 1 }
      if !incident.asksVerdict, new != .untagged { summary.recorded += 1 }
    }
    summary.leftUntagged = zip(session.queue.incidents, after).filter { incident, state in
      IncidentRule.needsReview(state, asksVerdict: incident.asksVerdict)
    }.count
    return summary
  }

  func handle(_ key: Key) {
    if key == .redraw { return }  // the loop draws again, keeping the message
    message = ""
    do {
      switch key {
      case .character("p"): try tag(.phantom)
      case .character("j"): try tag(.justified)
      case .character("u"): try tag(.unsure)
      case .character("r"), .enter: try record()
      case .character("i"):
        try session.toggleIntervened()
        message = try flagMessage("intervened", \.intervened)
      case .character("c"):
        try session.toggleCritical()
        message = try flagMessage("critical", \.critical)
      case .character("n"): try editNote()
      case .character("v"): if let details = currentDetails() { message = actions.play(details) }
      case .character("e"):
        if let details = currentDetails() {
          terminal.draw(screen(status: style.yellow("Exporting a preview…")))
          message = actions.exportPreview(details)
        }
      case .character("s"), .right, .tab: try session.skip()
      case .character("b"), .left: try session.back()
      case .character("z"): undo()
      case .character("?"), .character("h"): showHelp()
      case .character("q"), .escape:
        // A note or flags still waiting for a verdict: say so before quitting, and keep them.
        let id = session.current?.id ?? 0
        if try session.keepPending() {
          message = session.currentIncident?.asksVerdict == false
            ? style.yellow("Event \(id): its note and flags are saved. Press q again to quit.")
            : style.yellow("Event \(id) has no verdict: its note and flags are saved without one (it stays "
                             + "untagged). Give a verdict, or press q again to quit.")
        } else {
          try session.quit()
        }
      case .interrupt, .endOfInput: try session.quit()
      default: message = "Unknown key. Press ? for help."
      }
    } catch {
      // A tag that could not be saved must be said loudly, and the review goes on.
      message = style.red("Not saved: \(error). Press the key again to retry.")
    }
  }

  private func tag(_ verdict: Verdict) throws {
    guard let incident = session.currentIncident else { return }
    guard incident.asksVerdict else {
      message = "The driver's own action is not asked phantom or justified: r records it, s skips."
      return
    }
    let id = incident.lead.id ?? 0
    try session.tag(verdict)
    message = "Event \(id) saved as " + style.verdict(verdict.rawValue, verdict) + "."
  }

  private func record() throws {
    guard let incident = session.currentIncident else { return }
    guard !incident.asksVerdict else {
      message = "Give this FSD maneuver a verdict: p phantom, j justified, u unsure (s skips)."
      return
    }
    let id = incident.lead.id ?? 0
    message = try session.record() ? "Event \(id) recorded as the driver's action." : "Event \(id): nothing new to record."
  }

  /// "Critical set (saved with the verdict)." A flag an older tag gives another event of the
  /// incident stays set: say where it comes from.
  private func flagMessage(_ name: String, _ flag: KeyPath<TagState, Bool>) throws -> String {
    let lead = try session.currentState()
    let pending = lead.verdict == nil && session.currentIncident?.asksVerdict != false
    let saved = lead.verdict == nil ? (pending ? " (saved with the verdict)." : " (saved when you record it or move on).")
      : " and saved."
    var text = "\(name.capitalized) \(lead[keyPath: flag] ? "set" : "cleared")" + saved
    if !lead[keyPath: flag], try session.currentIncidentState()[keyPath: flag],
       let holder = try session.currentIncident?.others.first(where: { try session.store.currentState(eventID: $0.id ?? 0)[keyPath: flag] }) {
      text += " It stays set for the incident: event \(holder.id ?? 0) holds it from an earlier tag (`fsdlog untag \(holder.id ?? 0)` clears it)."
    }
    return text
  }

  private func undo() {
    do {
      if try session.undo() {
        summary.undone += 1
        message = "Undone: event \(session.current?.id ?? 0) is back as it was"
          + (session.pending != nil ? "; your note and flags wait for its verdict." : ".")
      } else {
        message = "Nothing to undo in this review."
      }
    } catch {
      message = style.red("Undo not saved: \(error)")
    }
  }

  private func editNote() throws {
    var editor = LineEditor(try session.currentState().note ?? "")
    while true {
      terminal.draw(screen(status: style.bold("note: ") + editor.rendered(style: style)
                            + style.dim("   (Enter saves, Esc cancels)")))
      guard let key = terminal.readKey() else { return }
      switch editor.apply(key) {
      case .editing: continue
      case .cancelled:
        message = "Note unchanged."
        return
      case .accepted(let text):
        try session.note(text)
        let pending = try session.currentState().verdict == nil
        message = (text.isEmpty ? "Note cleared" : "Note kept")
          + (pending ? " (saved with the verdict, or on its own if you move on or quit)." : " and saved.")
        return
      }
    }
  }

  private func showHelp() {
    let lines = [style.bold("fsdlog review: keys"), "",
                 "One card per incident: the events of one takeover (an FSD brake, your brake, the disengagement,",
                 "the override, within \(Self.secondsText(IncidentRule.joiningGapS)) s of each other). The verdict goes to its FSD maneuver.", ""] + Self.help.map { "  " + style.bold($0.0.padding(toLength: 8, withPad: " ", startingAt: 0)) + $0.1 }
      + ["", "Every verdict is saved at once; a note waiting for one is saved when you move on or quit.", "", style.dim("Press any key to go back.")]
    terminal.draw(lines)
    _ = terminal.readKey()
  }

  static let help: [(String, String)] = [
    ("p", "phantom: the car reacted to nothing real (FSD maneuvers only)"), ("j", "justified: there was a real hazard"),
    ("u", "unsure"), ("r  ⏎", "record the driver's own action (a takeover, a brake): it is not asked p/j/u"),
    ("i", "toggle: you intervened (set by default when you took over)"), ("c", "toggle: critical (it could have gone wrong)"),
    ("n", "add or edit a note"), ("v", "watch the clip at the event ($FSDLOG_PLAYER, mpv, ffplay or xdg-open)"),
    ("e", "export a preview: PNG of all cameras at the peak + MP4 of ±8 s"), ("s  →", "skip"), ("b  ←", "back"),
    ("z", "undo the last change"), ("?", "this help"), ("q", "quit"),
  ]

  /// "5" for 5.0, "2.5" for 2.5.
  static func secondsText(_ seconds: Double) -> String {
    seconds == seconds.rounded() ? String(Int(seconds)) : String(seconds)
  }

  private func currentDetails() -> EventDetails? {
    guard let event = session.current, let id = event.id else { return nil }
    // The card shows the lead: the FSD maneuver, whose plot tells phantom from justified.
    if let cached = cache[id] { return cached }
    do {
      let details = try loadDetails(event)
      cache[id] = details
      return details
    } catch {
      message = style.red("Cannot load the event's clip or telemetry: \(error)")
      return EventDetails(event: event, clip: nil, folder: nil, window: .empty, localTime: nil)
    }
  }

  private func draw() { terminal.draw(screen(status: message)) }

  /// Header, card, key bar and the status line.
  func screen(status: String) -> [String] {
    let width = max(40, min(terminal.columns, 100))
    let position = "\(session.position + 1) / \(session.queue.count)"
    var lines = [style.bold("fsdlog review") + String(repeating: " ", count: max(1, width - 13 - position.count)) + position,
                 style.dim(String(repeating: "─", count: width))]
    if let details = currentDetails() {
      let state = (try? session.currentIncidentState()) ?? .untagged
      // The plot takes what a wide terminal offers beyond its labels, up to 2 columns per 0.1 s.
      let plotWidth = max(50, min(terminal.columns - TracePlot.labelWidth - 4, 100))
      let others = (session.currentIncident?.others ?? []).map { event in
        ReviewCard.Member(event: event, state: (try? session.store.currentState(eventID: event.id ?? 0)) ?? .untagged)
      }
      var card = ReviewCard.lines(details, state: state, style: style, speed: speed, plotWidth: plotWidth,
                                  others: others, asksVerdict: session.currentIncident?.asksVerdict ?? true)
      // Header above, blank line, key bar and status below: on a short terminal the plot (at the
      // card's end) gives way, so the keys never scroll out of sight.
      let room = terminal.rows - lines.count - 4
      if card.count > room {
        // The facts end at the card's first blank line; the plot follows it.
        let facts = card.prefix(while: { !$0.isEmpty })
        card = Array(facts.prefix(max(1, room - 2))) + ["", style.dim("  (a taller terminal shows the plot)")]
      }
      lines += card
    }
    lines += [""] + keyBar() + [status]
    return lines
  }

  func keyBar() -> [String] {
    func key(_ letter: String, _ word: String) -> String { style.bold("[\(letter)]") + " " + word }
    // The driver's own action is not asked phantom or justified: its keys record it instead.
    let judge = session.currentIncident?.asksVerdict == false
      ? [key("r", "record the driver's action")]
      : [key("p", Verdict.phantom.rawValue), key("j", Verdict.justified.rawValue), key("u", Verdict.unsure.rawValue)]
    return [
      (judge + [key("i", "intervened"), key("c", "critical"), key("n", "note")]).joined(separator: "  "),
      [key("v", "play"), key("e", "export"), key("s", "skip"), key("b", "back"), key("z", "undo"),
       key("?", "help"), key("q", "quit")].joined(separator: "  "),
    ]
  }

  private func drawFinished() {
    let done = session.queue.incidents.filter { incident in
      (try? session.storedState(incident)).map { !IncidentRule.needsReview($0, asksVerdict: incident.asksVerdict) } ?? false
    }.count
    terminal.draw([
      style.bold("fsdlog review"), style.dim(String(repeating: "─", count: 40)),
      "That was the last of \(session.queue.count) incident\(session.queue.count == 1 ? "" : "s") in this review"
        + " (\(done) judged or recorded now).", "",
      style.bold("[b]") + " back   " + style.bold("[z]") + " undo   " + style.bold("[q]") + " quit (any other key quits too)",
      message,
    ])
  }
}
