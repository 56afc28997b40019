import FSDDomain
import FSDStore
import Foundation

/// The text of one incident on the review screen: its lead's facts, the incident's other events,
/// then the lead's plot.
public enum ReviewCard {
  /// Another event of the incident, with the tag it holds itself (from before incidents, say).
  public struct Member: Sendable {
    public var event: EventRecord
    public var state: TagState
    public init(event: EventRecord, state: TagState) {
      self.event = event
      self.state = state
    }
  }

  /// `state`: the incident's (`ReviewSession.currentIncidentState`). `others`: the incident's
  /// events besides the lead, by onset. `asksVerdict`: false for the driver's own action.
  /// `plotWidth`: columns of data in the plot (a wide terminal gets a finer time axis).
  public static func lines(_ details: EventDetails, state: TagState, style: TerminalStyle, speed: SpeedUnit = .kmh,
                           plotWidth: Int = 50, others: [Member] = [], asksVerdict: Bool = true) -> [String] {
    let event = details.event
    var lines: [String] = []
    let kind = event.kind.rawValue.uppercased() + (event.severity.map { " (\($0.rawValue))" } ?? "")
      + (event.cause.map { ", cause: \($0.rawValue)" } ?? "")
    let initiator = event.initiator.title
    lines.append(style.bold("Event \(event.id ?? 0)  \(kind)") + "  " + initiator)
    func field(_ name: String, _ value: String) {
      lines.append("  " + style.dim(name.padding(toLength: 9, withPad: " ", startingAt: 0)) + " " + value)
    }
    for (index, member) in others.enumerated() {
      field(index == 0 ? "with" : "", memberText(member, lead: event))
    }
    if !asksVerdict {
      field("asked", "nothing: the driver's own action (r records it, with flags or a note if you like)")
    }
    field("when", when(details))
    if let clock = details.clip.flatMap(ClipClock.sourceNote) { field("clock", clock) }
    // event.json's strings and file names come from the stick: shown, never run as escapes.
    if let place = place(details) { field("where", UntrustedText.forTerminal(place)) }
    field("speed", measurements(event, speed: speed))
    field("FSD", autopilotText(event.autopilotState))
    if let inputs = details.window.driverActions() { field("inputs", inputs) }
    let telemetrySource = details.window.source.map { " (\($0))" } ?? ""
    field("source", "\(event.source.rawValue)\(telemetrySource), confidence \(String(format: "%.2f", event.confidence))")
    // The camera alone gives no g and no speed: what it measured is the rule the event met.
    if event.source == .vision, let rule = event.rule, !rule.isEmpty {
      field("seen", rule.hasPrefix("vision: ") ? String(rule.dropFirst("vision: ".count)) : rule)
    }
    if let clip = details.clip {
      let at = details.peakOffsetS.map { " @ " + clock($0) } ?? ""
      let gone = FileManager.default.fileExists(atPath: clip.path) ? "" : style.dim(" (gone)")
      field("clip", UntrustedText.forTerminal(shortPath(clip.path)) + at + gone)
    } else {
      field("clip", style.dim("none recorded"))
    }
    if let evidence = details.evidence {
      field("kept", "\(evidence.folder) (\(evidence.cameras) camera\(evidence.cameras == 1 ? "" : "s"), "
        + String(format: "%.1f MB", Double(evidence.sizeBytes) / 1_000_000) + ")")
    }
    field("verdict", verdictText(state, style: style, asksVerdict: asksVerdict))
    lines.append("")
    let plot = TracePlot.render(details.window, kind: event.kind, width: plotWidth, speed: speed, style: style)
    if plot.isEmpty, let motion = details.motion, !motion.samples.isEmpty {
      lines.append(style.dim("  Camera only (no telemetry): nose dip against its trend, % of height; turn rate, % of width/s"))
      lines += TracePlot.render(motion, width: plotWidth, style: style).map { "  " + $0 }
    } else if plot.isEmpty {
      lines.append(style.dim("  No telemetry or camera motion stored around this event: press v to watch it."))
    } else {
      lines += plot.map { "  " + $0 }
    }
    return lines
  }

  static func when(_ details: EventDetails) -> String {
    let utc = details.event.peakUtc
    let utcClock = utc.count >= 19 ? String(utc.dropFirst(11).prefix(8)) : utc
    guard let local = details.localTime.flatMap(ClipClock.localSeconds) else {
      guard let seconds = ClipClock.utcSeconds(utc) else { return utc.replacingOccurrences(of: "T", with: " ") + " UTC" }
      return humanFormatter.string(from: Date(timeIntervalSince1970: seconds)) + " UTC"
    }
    // Without a trusted UTC start the event's times are on the file name's clock: no UTC to show.
    if let clip = details.clip, ClipClock.utcStartS(clip) == nil {
      return humanFormatter.string(from: Date(timeIntervalSince1970: local)) + " car time  (UTC unknown)"
    }
    return humanFormatter.string(from: Date(timeIntervalSince1970: local)) + " car time  " + "(\(utcClock) UTC)"
  }

  static func place(_ details: EventDetails) -> String? {
    var parts: [String] = []
    if let folder = details.folder {
      let names = [folder.street, folder.city].compactMap { $0?.isEmpty == false ? $0 : nil }
      if !names.isEmpty { parts.append(names.joined(separator: ", ")) }
    }
    if let lat = details.event.lat ?? details.folder?.estLat, let lon = details.event.lon ?? details.folder?.estLon {
      parts.append(String(format: "%.5f, %.5f", lat, lon))
    }
    if let reason = details.folder?.reason { parts.append("saved: \(reason)") }
    return parts.isEmpty ? nil : parts.joined(separator: "  ·  ")
  }

  static func measurements(_ event: EventRecord, speed: SpeedUnit = .kmh) -> String {
    let before = event.speedBeforeMps.map { String(format: "%.0f", $0 * speed.perMPS) } ?? "?"
    let after = event.speedAfterMps.map { String(format: "%.0f", $0 * speed.perMPS) } ?? "?"
    var text = "\(before) → \(after) \(speed.label)"
    if let decel = event.peakDecelG { text += String(format: "   peak decel %.2f g", decel) }
    if let lateral = event.peakLatG { text += String(format: "   lateral %.2f g", lateral) }
    return text
  }

  static func autopilotText(_ state: AutopilotMode?) -> String {
    state?.title ?? "state unknown"
  }

  /// "event 2  accelerator override by the driver  +0.9 s", and the tag it holds itself.
  static func memberText(_ member: Member, lead: EventRecord) -> String {
    let event = member.event
    var text = "event \(event.id ?? 0)  \(event.kind.title)\(event.initiator.byline)"
      + (event.cause.map { " (\($0.title))" } ?? "")
    if let at = ClipClock.utcSeconds(event.peakUtc), let leadAt = ClipClock.utcSeconds(lead.peakUtc) {
      text += String(format: "  %+.1f s", at - leadAt)
    }
    if member.state != .untagged {
      text += "  (its own tag: \(member.state.current.rawValue)"
        + (member.state.intervened ? ", intervened" : "") + (member.state.critical ? ", critical" : "") + ")"
    }
    return text
  }

  public static func verdictText(_ state: TagState, style: TerminalStyle, asksVerdict: Bool = true) -> String {
    let word = asksVerdict || state.verdict != nil ? state.current.rawValue : "driver's action"
    var text = style.verdict(style.bold(word), state.verdict)
    text += "   intervened " + (state.intervened ? style.yellow("✓") : "✗")
    text += "  critical " + (state.critical ? style.red("✓") : "✗")
    if let note = state.note { text += "   note: \"\(UntrustedText.forTerminal(note))\"" }
    return text
  }

  /// From the TeslaCam folder down ("SavedClips/2026-11-01_10-00-12/…-front.mp4").
  static func shortPath(_ path: String) -> String {
    let parts = path.split(separator: "/")
    if let index = parts.lastIndex(where: { ["SavedClips", "SentryClips", "RecentClips"].contains($0) }) {
      return parts[index...].joined(separator: "/")
    }
    return parts.suffix(2).joined(separator: "/")
  }

  static func clock(_ seconds: Double) -> String {
    let total = max(0, Int(seconds.rounded()))
    return String(format: "%d:%02d", total / 60, total % 60)
  }

  static let humanFormatter: DateFormatter = {
    let formatter = DateFormatter()
    formatter.locale = Locale(identifier: "en_US_POSIX")
    formatter.timeZone = TimeZone(identifier: "UTC")
    formatter.dateFormat = "EEE d MMM yyyy HH:mm:ss"
    return formatter
  }()
}
