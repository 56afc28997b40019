import FSDDomain
import ArgumentParser
import FSDStore
import Foundation

struct StatusCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "status",
    abstract: "Show what the database holds: clips, drives, hours of video, problems.")

  @OptionGroup var database: DatabaseOptions

  @Flag(help: "Coverage (hours and km of footage, what is missing between clips) per day instead of per month.")
  var byDay = false

  func run() throws {
    try Console.run {
      let store = try database.openExisting()
      print(render(try store.statusReport(coverageByDay: byDay), path: store.path), terminator: "")
    }
  }

  func render(_ report: StatusReport, path: String) -> String {
    func row(_ label: String, _ value: String) -> String {
      label.padding(toLength: 14, withPad: " ", startingAt: 0) + value + "\n"
    }
    var text = row("Database", UntrustedText.forTerminal(path))
    guard report.totalClips > 0 else {
      return text + "\nNo clips yet. Run `fsdlog ingest /path/to/TeslaCam` to read some.\n"
    }
    let statusOrder: [(String, String)] = [("ok", "ok"), ("partial", "partial"), ("failed", "failed"), ("not_video", "not video")]
    let statusParts = statusOrder.compactMap { key, label in report.clipsByStatus[key].map { "\($0) \(label)" } }
    text += row("Clips", "\(Formatting.count(report.totalClips)) (\(statusParts.joined(separator: ", ")))")
    text += row("Cameras", UntrustedText.forTerminal(report.clipsByCamera.map { "\($0.camera) \($0.clips)" }.joined(separator: " · ")))
    text += row("Drives", Formatting.count(report.drives))
    text += row("Video", "\(Formatting.duration(report.frontVideoSeconds)) of front-camera video")
    if let first = report.firstClipLocal, let last = report.lastClipLocal {
      text += row("Dates", "\(first.replacingOccurrences(of: "T", with: " ")) → \(last.replacingOccurrences(of: "T", with: " ")) (car-local)")
    }
    text += row("Frames", "\(Formatting.count(report.framesAnalyzed)) analysed by the motion core")
    text += row("Saved", "\(Formatting.plural(report.eventFolders, "saved/sentry folder")) with event.json")
    if let usage = report.usage {
      func km(_ meters: Double) -> String { String(format: "%.1f km", meters / 1000) }
      text += row("Telemetry", "\(Formatting.plural(report.drivesWithTelemetry, "drive")) of \(report.drives); "
                  + "\(Formatting.plural(report.clipsWithSEI, "clip")) with SEI")
      text += row("FSD", "\(km(usage.fsdDistanceM)) in \(Formatting.duration(usage.fsdTimeS))")
      text += row("Autosteer", "\(km(usage.autosteerDistanceM)) · TACC \(km(usage.taccDistanceM)) · "
                  + "manual \(km(usage.manualDistanceM)) in \(Formatting.duration(usage.manualTimeS))")
    } else {
      text += row("Telemetry", "none yet (no clip with SEI, no CSV): distances unknown")
    }
    // Most drives first; ties by name, so the same database always prints the same lines.
    for (calibration, drives) in report.axisCalibrations.sorted(by: { ($1.value, $0.key) < ($0.value, $1.key) }) {
      text += row("Axes", "\(calibration): \(Formatting.plural(drives, "drive"))")
    }
    let kinds = EventKind.allCases.compactMap { kind in
      report.eventsByKind[kind].map { "\($0) \(kind.rawValue)\($0 == 1 ? "" : "s")" }
    }
    text += row("Events", kinds.isEmpty ? "none" : kinds.joined(separator: " · ") + "  (fsdlog events lists them)")
    if report.evidenceEvents > 0 {
      text += row("Evidence", "\(Formatting.plural(report.evidenceEvents, "event")), "
                  + Formatting.megabytes(report.evidenceBytes) + " in \(UntrustedText.forTerminal(Formatting.displayPath(report.evidenceRoot)))")
    }
    if !report.lostVerdicts.isEmpty {
      text += row("Lost events", "\(Formatting.plural(report.lostVerdicts.count, "verdict")) on events no longer "
                  + "detected (listed below)")
    }
    let clocks: [(String, String)] = [
      ("file_name", "the TeslaCam name"), ("dashcam_file_name", "another dashcam's name"),
      ("mp4_creation_time", "the MP4 creation time"), ("file_modified", "the file's modification time"),
      ("unknown", "nowhere (unknown)"),
    ]
    if report.clipsByTimeSource.keys.contains(where: { $0 != "file_name" }) || !report.clockNotes.isEmpty {
      let parts = clocks.compactMap { key, label in report.clipsByTimeSource[key].map { "\($0) from \(label)" } }
      text += row("Clip times", parts.joined(separator: " · ") + "  (listed below unless a TeslaCam name)")
    }
    if let run = report.lastRun {
      var line = "\(run.startedAt), \(run.status.rawValue): \(run.clipsIngested) ingested, \(run.clipsSkipped) skipped, \(run.clipsFailed) failed"
      if let wall = run.wallS { line += " in \(Formatting.seconds(wall))" }
      text += row("Last ingest", line)
    }
    if !report.coverage.isEmpty {
      text += "\nCoverage (\(byDay ? "per day" : "per month"): footage, driving missing between clips, telemetry):\n"
      for period in report.coverage.suffix(byDay ? 31 : 12) {
        let driving = period.videoS + period.missingS
        var line = "  \(period.period.padding(toLength: byDay ? 10 : 7, withPad: " ", startingAt: 0))  "
          + String(format: "%6.2f h", period.videoS / 3600)
          + String(format: "  %7.1f km (FSD %.1f)", period.distanceM / 1000, period.fsdDistanceM / 1000)
        line += period.missingS > 0
          ? String(format: "  %.0f min missing (%.0f %%)", (period.missingS / 60).rounded(.up), 100 * period.missingS / driving)
          : "  none missing"
        line += String(format: "  telemetry on %.0f %%", period.videoS > 0 ? 100 * period.telemetryVideoS / period.videoS : 0)
        text += line + "\n"
      }
      if !byDay && report.coverage.count > 12 { text += "  (the last 12 months; `fsdlog status --by-day` per day)\n" }
    }
    if !report.problemClips.isEmpty {
      text += "\nClips with problems:\n"
      for clip in report.problemClips {
        let label = clip.status == "not_video" ? "not video" : clip.status
        text += "  \(label.padding(toLength: 10, withPad: " ", startingAt: 0))\(Formatting.displayPath(clip.path))\n"
        text += "            \(UntrustedText.forTerminal(clip.error))\n"
      }
    }
    if !report.lostVerdicts.isEmpty {
      text += "\n" + LostVerdictText.lines(report.lostVerdicts).joined(separator: "\n") + "\n"
    }
    if !report.clockNotes.isEmpty {
      text += "\nClip times not from a TeslaCam file name:\n"
      for clip in report.clockNotes {
        text += "  \(Formatting.displayPath(clip.path))" + (clip.start.map { "  starts \($0)" } ?? "") + "\n"
        text += "            \(UntrustedText.forTerminal(clip.note))\n"
      }
      if report.clockNotesTotal > report.clockNotes.count {
        text += "  … and \(report.clockNotesTotal - report.clockNotes.count) more\n"
      }
    }
    return text
  }
}
