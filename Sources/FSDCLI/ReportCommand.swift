import ArgumentParser
import FSDReport
import FSDReview
import FSDStore
import Foundation

struct ReportCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "report",
    abstract: "Write the monthly phantom-braking report (Markdown and a self-contained HTML page).",
    discussion: """
      Writes DIR/fsdlog-YYYY-MM.md and DIR/fsdlog-YYYY-MM.html: FSD distance and time, events by kind, \
      severity, initiator and verdict, phantom events per 1,000 FSD km (or mi) and per FSD hour with 95 % \
      intervals, the justified share, the trend over past months and FSD versions (fsdlog fsd-version), \
      and the month's top events with a thumbnail and a speed/deceleration trace. Months are car-local. \
      Definitions: docs/statistics.md.
      """)

  enum Units: String, ExpressibleByArgument, CaseIterable {
    case metric, imperial

    /// km/h or mph, for the terminal's speeds.
    var speed: SpeedUnit { self == .metric ? .kmh : .mph }
  }

  @OptionGroup var database: DatabaseOptions

  @Option(help: ArgumentHelp("The month to report (default: the last complete month).", valueName: "YYYY-MM"))
  var month: String?

  @Option(help: ArgumentHelp("Where to write the report.", valueName: "dir"))
  var out: String = "reports"

  @Option(help: "metric (km, km/h) or imperial (mi, mph).")
  var units: Units = .metric

  @Flag(help: "Do not decode clips for thumbnails (saved clips' thumb.png are still used).")
  var noFrameThumbnails = false

  func validate() throws {
    if let month, YearMonth(month) == nil || month.count != 7 {
      throw ValidationError("--month takes YYYY-MM, e.g. 2026-11")
    }
  }

  /// The month before the current car-local (machine-local) month: the last one that is complete.
  static func lastCompleteMonth(now: Date = Date()) -> YearMonth {
    let parts = Calendar.current.dateComponents([.year, .month], from: now)
    return YearMonth(year: parts.year!, month: parts.month!).previous
  }

  func run() throws {
    try Console.run {
      let store = try database.openExisting()
      let chosen = month.flatMap { YearMonth($0) } ?? Self.lastCompleteMonth()
      var builder = ReportBuilder(units: units == .metric ? .metric : .imperial)
      if !noFrameThumbnails { builder.thumbnail = PeakFrameThumbnail.maker(store: store) }
      let report: MonthlyReport
      do {
        report = try builder.build(store: store, month: chosen)
      } catch let error as ReportError {
        throw Failure(message: error.description, exitCode: 1)
      }
      let folder = URL(fileURLWithPath: out, isDirectory: true)
      let markdownURL = folder.appendingPathComponent("fsdlog-\(chosen.text).md")
      let htmlURL = folder.appendingPathComponent("fsdlog-\(chosen.text).html")
      do {
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        try ReportRenderer.markdown(report).write(to: markdownURL, atomically: true, encoding: .utf8)
        try ReportRenderer.html(report).write(to: htmlURL, atomically: true, encoding: .utf8)
      } catch {
        throw Failure(message: "cannot write the report to \(folder.path): \(error.localizedDescription) "
                        + "(choose another folder with --out DIR)", exitCode: 2)
      }
      print(summary(report))
      print("wrote \(Formatting.displayPath(markdownURL.path))")
      print("wrote \(Formatting.displayPath(htmlURL.path))")
    }
  }

  /// One line a driver reads in the terminal before opening the page.
  func summary(_ report: MonthlyReport) -> String {
    let figures = report.figures, totals = figures.totals, unit = report.units.distanceLabel
    var parts = ["\(report.month.text): \(Formatting.plural(totals.events, "event"))"]
    if figures.distanceKnown {
      parts.append(String(format: "%.1f FSD %@", figures.fsdDistance, unit))
    } else {
      parts.append("distance unknown (no telemetry)")
    }
    parts.append("\(totals.phantom) phantom, \(totals.justified) justified, \(totals.unsure) unsure, "
                 + "\(totals.untagged) untagged FSD maneuvers")
    if let rate = figures.phantomPer1000 {
      parts.append(String(format: "%.2f phantom per 1,000 %@ (95 %%: %.2f–%.2f)", rate.value, unit, rate.lower, rate.upper))
    }
    if figures.isThin { parts.append("thin data") }
    return parts.joined(separator: " · ")
  }
}
