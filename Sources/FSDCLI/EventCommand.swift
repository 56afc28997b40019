import ArgumentParser
import FSDReview
import FSDStore
import Foundation

struct EventCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "event",
    abstract: "Show one event: what was measured, its current verdict and its tag history.",
    discussion: "The history is oldest first; the last row is the current state.")

  @OptionGroup var database: DatabaseOptions

  @OptionGroup var target: EventIDArgument

  @Option(help: "metric (km/h) or imperial (mph).")
  var units: ReportCommand.Units = .metric

  func run() throws {
    try Console.run {
      let store = try database.openExisting()
      guard let event = try store.event(id: target.eventID) else {
        throw Failure(message: "\(StoreError.eventNotFound(target.eventID))", exitCode: 1)
      }
      let details = try EventDetails.load(event, from: store)
      let history = try store.tagHistory(eventID: target.eventID)
      let style = isatty(STDOUT_FILENO) == 1 ? TerminalStyle.fromEnvironment() : TerminalStyle(usesColor: false)
      print(EventCard.render(details, history: history, style: style, speed: units.speed), terminator: "")
    }
  }
}

/// The text of `fsdlog event`: the review's card (facts and plot), then the tag history.
enum EventCard {
  static func render(_ details: EventDetails, history: [TagRecord], style: TerminalStyle, speed: SpeedUnit = .kmh) -> String {
    let event = details.event
    var lines = ReviewCard.lines(details, state: history.last?.state ?? .untagged, style: style, speed: speed)
    if let superseded = event.supersededAt {
      lines.insert(style.yellow("  superseded \(superseded): a later ingest no longer finds this event"), at: 1)
    }
    lines.append("")
    if history.isEmpty {
      lines.append("Tag history: none yet (`fsdlog tag \(event.id ?? 0) phantom|justified|unsure` or `fsdlog review`)")
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
