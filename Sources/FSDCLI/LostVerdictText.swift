import FSDDomain
import FSDStore

/// The lines `status` and `review` print for verdicts whose event a later ingest no longer finds.
enum LostVerdictText {
  static func lines(_ lost: [LostVerdict]) -> [String] {
    guard !lost.isEmpty else { return [] }
    let width = lost.map { "\($0.event.id ?? 0)".count }.max() ?? 1
    return ["\(Formatting.plural(lost.count, "verdict")) on events the last detection no longer finds "
              + "(kept; an ingest that finds the event again gives it back; `fsdlog event ID` shows one):"]
      + lost.map { item in
        let id = "\(item.event.id ?? 0)".padding(toLength: width, withPad: " ", startingAt: 0)
        let flags = [item.tag.intervened ? "intervened" : nil, item.tag.critical ? "critical" : nil].compactMap { $0 }
        var line = "  event \(id)  \(item.event.kind.rawValue.padding(toLength: 13, withPad: " ", startingAt: 0))  "
          + "peak \(utcText(item.event.peakUtc))  \(item.tag.state.current.rawValue)"
        if !flags.isEmpty { line += " (" + flags.joined(separator: ", ") + ")" }
        if let note = item.tag.note { line += "  note: \(UntrustedText.forTerminal(note))" }
        if let since = item.event.supersededAt { line += "  · not found since \(utcText(since))" }
        return line
      }
  }

  /// "2026-11-16T15:58:22.153Z" as "2026-11-16 15:58:22 UTC".
  static func utcText(_ iso: String) -> String {
    guard iso.count >= 19 else { return iso }
    return String(iso.prefix(19)).replacingOccurrences(of: "T", with: " ") + " UTC"
  }
}
