import ArgumentParser
import FSDDomain
import FSDIngest
import FSDReview
import FSDStore
import Foundation

struct EventsCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "events",
    abstract: "List detected events: hard brakes, swerves, disengagements, overrides.",
    discussion: """
      Newest first. --format json and csv are a stable interface, the same fields as `fsdlog export`:
      id, kind, severity, cause, initiator, source, confidence, onset, peak, end (ISO 8601 UTC),
      peak_local (car-local), drive_id, clip, offset_s, peak_decel_g, peak_lat_g, speed_before_mps,
      speed_after_mps, autopilot_state, lat, lon, verdict (phantom, justified, unsure or untagged: the
      latest tag; `fsdlog event ID` shows the history), intervened, critical, note, fsd_version.
      """)

  enum Format: String, ExpressibleByArgument, CaseIterable { case table, json, csv }

  @OptionGroup var database: DatabaseOptions

  @OptionGroup var filters: EventFilterOptions

  @Option(help: ArgumentHelp("phantom, justified, unsure or untagged.", valueName: "verdict"))
  var verdict: VerdictFilter?

  @Option(help: "table, json or csv.")
  var format: Format = .table

  @Option(help: "metric (km/h) or imperial (mph), for the table's speeds.")
  var units: ReportCommand.Units = .metric

  @Flag(help: "The table with every column (severity apart, lateral g, FSD state, clip); the default fits 80 columns.")
  var wide = false

  func run() throws {
    try Console.run {
      let store = try database.openExisting()
      let filter = EventFilter(month: filters.month, kind: filters.kind, initiator: filters.initiator,
                               verdict: verdict)
      let rows = try EventListingRow.rows(store, filter, newestFirst: true)
      switch format {
      case .json:
        print(try ExportCommand.json(rows))
      case .csv:
        print(EventListingRow.csvHeader)
        for row in rows { print(row.csvLine) }
      case .table:
        print(wide ? EventTable.render(rows, speed: units.speed) : EventTable.renderNarrow(rows, speed: units.speed),
              terminator: "")
      }
    }
  }
}

/// The human table: one line per event, the columns a driver scans.
enum EventTable {
  /// The table in 80 columns: when (to the minute), what (kind and severity), who, how hard, how
  /// fast, and the verdict. `--wide` adds the FSD state and the clip.
  static func renderNarrow(_ rows: [EventListingRow], speed: SpeedUnit = .kmh) -> String {
    guard !rows.isEmpty else { return "No events match. (`fsdlog status` shows what has been ingested.)\n" }
    let header = ["ID", "When (car time)", "Kind", "By", "Peak", speed.label, "Verdict"]
    let table: [[String]] = rows.map { row in
      let speeds = [row.speed_before_mps, row.speed_after_mps].map { $0.map { String(format: "%.0f", $0 * speed.perMPS) } ?? "?" }
      let when = row.peak_local.map { String($0.replacingOccurrences(of: "T", with: " ").prefix(16)) }
        ?? ClipClock.utcSeconds(row.peak).map { String(ClipClock.displayText($0).prefix(16)) + " UTC" } ?? row.peak
      let peak = row.peak_decel_g.map { String(format: "%.2f g", $0) }
        ?? row.peak_lat_g.map { String(format: "%.2f g lat", $0) } ?? "-"
      return ["\(row.id)", when, shortKind(row), row.initiator.rawValue, peak,
              speeds == ["?", "?"] ? "-" : "\(speeds[0])→\(speeds[1])", row.verdict.rawValue]
    }
    return layout(header, table) + "\(Formatting.plural(rows.count, "event"))\n"
  }

  /// "brake hard", "swerve emergency", "disengage (pedal)", "override".
  static func shortKind(_ row: EventListingRow) -> String {
    row.kind.shortTitle + (row.cause.map { " (\($0.shortTitle))" } ?? "") + (row.severity.map { " \($0.rawValue)" } ?? "")
  }

  static func layout(_ header: [String], _ table: [[String]]) -> String {
    let widths = header.indices.map { column in ([header] + table).map { $0[column].count }.max() ?? 0 }
    func line(_ cells: [String]) -> String {
      cells.enumerated().map { $1.padding(toLength: widths[$0], withPad: " ", startingAt: 0) }
        .joined(separator: "  ").trimmingCharacters(in: .whitespaces) + "\n"
    }
    return line(header) + line(widths.map { String(repeating: "─", count: $0) }) + table.map(line).joined()
  }

  static func render(_ rows: [EventListingRow], speed: SpeedUnit = .kmh) -> String {
    guard !rows.isEmpty else { return "No events match. (`fsdlog status` shows what has been ingested.)\n" }
    let header = ["ID", "When (car time)", "Kind", "Severity", "By", "Decel", "Lat", "Speed \(speed.label)", "FSD state", "Clip", "Verdict"]
    let table: [[String]] = rows.map { row in
      let speeds = [row.speed_before_mps, row.speed_after_mps].map { $0.map { String(format: "%.0f", $0 * speed.perMPS) } ?? "?" }
      let clip = row.clip.map { UntrustedText.forTerminal((($0 as NSString).lastPathComponent as NSString).deletingPathExtension) } ?? "-"
      return [
        // No car-local time (a clip timed by its creation or modification time): its UTC, to the second.
        "\(row.id)", row.peak_local.map { $0.replacingOccurrences(of: "T", with: " ") }
          ?? ClipClock.utcSeconds(row.peak).map { ClipClock.displayText($0) + " UTC" } ?? row.peak,
        row.kind.rawValue + (row.cause.map { " (\($0.rawValue))" } ?? ""), row.severity?.rawValue ?? "-", row.initiator.rawValue,
        row.peak_decel_g.map { String(format: "%.2f g", $0) } ?? "-", row.peak_lat_g.map { String(format: "%.2f g", $0) } ?? "-",
        "\(speeds[0]) → \(speeds[1])", row.autopilot_state?.rawValue ?? "-",
        clip + (row.offset_s.map { String(format: " @%.1fs", $0) } ?? ""), row.verdict.rawValue,
      ]
    }
    return layout(header, table) + "\(Formatting.plural(rows.count, "event"))\n"
  }
}
