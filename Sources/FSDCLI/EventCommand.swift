import ArgumentParser
import FSDStore
import Foundation

struct EventCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "event",
    abstract: "Show one event: what was measured, its current verdict and its tag history.",
    discussion: "The history is oldest first; the last row is the current state.")

  @OptionGroup var database: DatabaseOptions

  @Argument(help: ArgumentHelp("The event id (from `fsdlog events`).", valueName: "event"))
  var eventID: Int64

  func run() throws {
    try Console.run {
      let store = try database.openExisting()
      guard let event = try store.event(id: eventID) else {
        throw Failure(message: "\(StoreError.eventNotFound(eventID))", exitCode: 1)
      }
      let clip = try event.clipId.flatMap { try store.clip(id: $0) }
      let history = try store.tagHistory(eventID: eventID)
      print(EventCard.render(event, clip: clip, history: history), terminator: "")
    }
  }
}

/// The text of `fsdlog event`: a card of measured facts, then the tag history.
enum EventCard {
  static func render(_ event: EventRecord, clip: ClipRecord?, history: [TagRecord]) -> String {
    var lines: [String] = []
    let title = event.kind + (event.severity.map { " (\($0))" } ?? "") + (event.cause.map { ", cause \($0)" } ?? "")
    lines.append("Event \(event.id ?? 0): \(title)" + (event.supersededAt.map { "  [superseded \($0)]" } ?? ""))
    func field(_ name: String, _ value: String?) {
      if let value { lines.append("  " + name.padding(toLength: 12, withPad: " ", startingAt: 0) + value) }
    }
    let local = EventRow.localTime(nameTime: clip?.nameTimeLocal, offsetS: event.offsetS)
    field("peak", (local.map { $0.replacingOccurrences(of: "T", with: " ") + " car time, " } ?? "") + event.peakUtc)
    field("span", "\(event.onsetUtc) → \(event.endUtc)")
    field("initiator", event.initiator)
    let speeds = [event.speedBeforeMps, event.speedAfterMps].map { $0.map { String(format: "%.0f", $0 * 3.6) } ?? "?" }
    field("speed km/h", "\(speeds[0]) → \(speeds[1])")
    field("decel", event.peakDecelG.map { String(format: "%.2f g", $0) })
    field("lateral", event.peakLatG.map { String(format: "%.2f g", $0) })
    field("FSD state", event.autopilotState)
    if let lat = event.lat, let lon = event.lon { field("position", String(format: "%.5f, %.5f", lat, lon)) }
    field("source", "\(event.source), confidence \(String(format: "%.2f", event.confidence))")
    field("clip", clip.map { $0.path + (event.offsetS.map { String(format: " @ %.1f s", $0) } ?? "") })
    field("verdict", TagText.describe(history.last?.state ?? .untagged))
    if history.isEmpty {
      lines.append("Tag history: none yet (`fsdlog tag \(event.id ?? 0) phantom|justified|unsure`)")
    } else {
      lines.append("Tag history (oldest first):")
      for row in history {
        let action = row.action.rawValue.padding(toLength: 6, withPad: " ", startingAt: 0)
        let source = row.source.rawValue.padding(toLength: 7, withPad: " ", startingAt: 0)
        lines.append("  \(row.taggedAt)  \(action)  \(source)  \(TagText.describe(row.state))")
      }
    }
    return lines.joined(separator: "\n") + "\n"
  }
}
