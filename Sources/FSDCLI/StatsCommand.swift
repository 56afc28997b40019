import ArgumentParser
import FSDReport
import Foundation

struct StatsCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "stats",
    abstract: "Show the trust statistics month by month or per FSD version.",
    discussion: """
      Phantom events per 1,000 FSD km (or mi) and per FSD hour with 95 % Poisson intervals, the \
      justified share and the share of drives without a phantom event with 95 % Wilson intervals. \
      Months are car-local; versions come from `fsdlog fsd-version add`. Untagged events are counted \
      as untagged, never as either verdict; periods with fewer than 10 decided events are marked thin. \
      --json is a stable interface (docs/statistics.md).
      """)

  @OptionGroup var database: DatabaseOptions

  @Option(help: "month or version.")
  var by: TrustStatistics.Grouping = .month

  @Option(help: "metric (km) or imperial (mi).")
  var units: ReportCommand.Units = .metric

  @Flag(help: "Print JSON instead of a table.")
  var json = false

  @Flag(help: "Every column (FSD time, unsure, untagged, per FSD hour, justified share, notes in full); the default fits 80 columns.")
  var wide = false

  func run() throws {
    try Console.run {
      let store = try database.openExisting()
      let distanceUnits: DistanceUnits = units == .metric ? .metric : .imperial
      let periods = try TrustStatistics.periods(store: store, by: by, units: distanceUnits)
      if json {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        print(String(decoding: try encoder.encode(periods.map(PeriodJSON.init)), as: UTF8.self))
        return
      }
      guard !periods.isEmpty else {
        print("No drives or events yet: run `fsdlog ingest PATH` first.")
        return
      }
      print(table(periods.map { PeriodRowView($0) }, unit: distanceUnits.distanceLabel), terminator: "")
      if !wide {
        print("Rates with 95 % intervals; * thin: under \(TrustFigures.thinDataThreshold) decided. --wide: every column.")
      }
      let answer = try TrustStatistics.answer(store: store, units: distanceUnits)
      if !answer.lines.isEmpty {
        print("\nIs FSD getting better for you? (phantom rate per FSD \(distanceUnits.distanceLabel), exact 95 % interval)")
        for line in answer.lines { print(Formatting.wrap(line.sentence, firstIndent: "  ", indent: "    ")) }
      }
      if by == .version, periods.count == 1, periods[0].name == VersionTimeline.unknown {
        print("\nNo FSD versions recorded: `fsdlog fsd-version add 13.2.1 --since 2026-11-04` records one.")
      }
    }
  }

  func table(_ rows: [PeriodRowView], unit: String) -> String {
    let header: [String], body: [[String]]
    if wide {
      header = [by == .month ? "Month" : "Version"] + (by == .version ? ["Since"] : [])
        + ["FSD \(unit)", "FSD time", "Events", "Phantom", "Justified", "Unsure", "Untagged",
           "Phantom/1,000 \(unit) (95 %)", "Phantom/FSD h (95 %)", "Justified share (95 %)", "Notes"]
      body = rows.map { row in
        [row.name] + (by == .version ? [row.since] : [])
          + [row.fsdDistance, row.fsdTime, row.events, row.phantom, row.justified, row.unsure, row.untagged, row.rate,
             row.perHour, row.share, row.flags]
      }
    } else {
      // The columns that answer "how often, how sure, what is left to tag?" in 80 columns;
      // --wide has the rest. The rate's interval is said once, under the table.
      header = [by == .month ? "Month" : "Version"] + (by == .version ? ["Since"] : [])
        + ["FSD \(unit)", "Phantom", "Justified", "Untagged", "Phantom/1,000 \(unit)"]
      body = rows.map { row in
        [row.name] + (by == .version ? [row.since] : [])
          + [row.fsdDistance, row.phantom, row.justified, row.untagged, row.shortRate]
      }
    }
    let widths = header.indices.map { column in ([header] + body).map { $0[column].count }.max() ?? 0 }
    func line(_ cells: [String]) -> String {
      cells.enumerated().map { $1.padding(toLength: widths[$0], withPad: " ", startingAt: 0) }
        .joined(separator: "  ").trimmingCharacters(in: .whitespaces) + "\n"
    }
    return line(header) + line(widths.map { String(repeating: "─", count: $0) }) + body.map(line).joined()
  }
}

extension TrustStatistics.Grouping: ExpressibleByArgument {}
