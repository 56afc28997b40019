import FSDIngest
import FSDStore
import Foundation

/// What `fsdlog watch` prints: a line when it starts, a line (and its problems) for each run that
/// ingested or found something, a line when a path goes or comes back, and an account at the end.
/// Runs that found nothing new print nothing, so a log of a day's watching stays short.
enum WatchText {
  /// Writes to standard output at once: under systemd (or any pipe) it is not a terminal, and
  /// buffered lines would reach the journal only when the buffer fills.
  static func emit(_ text: String) {
    guard !text.isEmpty else { return }
    FileHandle.standardOutput.write(Data(text.utf8))
  }

  static func start(paths: [String], intervalS: Double) -> String {
    "Watching \(paths.map(Formatting.displayPath).joined(separator: ", ")) every "
      + String(format: "%g", intervalS) + " s (Ctrl-C stops)\n"
  }

  static func render(_ event: FolderWatch.Event, at time: Date = Date()) -> String {
    let stamp = clock(time) + " "
    switch event {
    case .pathAbsent(let path):
      return stamp + "waiting for \(Formatting.displayPath(path)) to appear\n"
    case .pathGone(let path):
      return stamp + "waiting for \(Formatting.displayPath(path)) to come back\n"
    case .pathBack(let path):
      return stamp + "\(Formatting.displayPath(path)) is there: ingesting what is new\n"
    case .encryptedFolder(let path):
      return stamp + "skipping \(Formatting.displayPath(path)): encrypted clips cannot be read off the car\n"
    case .ran(let summary):
      return run(summary, stamp: stamp)
    }
  }

  /// One line for a run, and its new problems; nothing for a run that found nothing new (the
  /// clips it was given were unchanged, or were problems recorded before).
  static func run(_ summary: IngestSummary, stamp: String) -> String {
    var parts: [String] = []
    if summary.ingested > 0 {
      parts.append("\(Formatting.plural(summary.ingested, "clip")) ingested"
                   + (summary.partial > 0 ? " (\(summary.partial) partial)" : ""))
    }
    if summary.failed > 0 { parts.append("\(summary.failed) failed") }
    if summary.notVideo > 0 { parts.append("\(Formatting.plural(summary.notVideo, "file")) not video") }
    if summary.movedClips > 0 { parts.append("\(Formatting.plural(summary.movedClips, "known clip")) at a new path") }
    if summary.copies > 0 { parts.append("\(Formatting.plural(summary.copies, "copy", "copies")) of known clips, not read") }
    guard !parts.isEmpty else { return "" }
    if summary.ingested > 0 { parts.append("\(Formatting.plural(summary.events, "event")) found in their drives") }
    if summary.evidenceKept > 0 {
      parts.append("footage of \(summary.evidenceKept) kept (\(Formatting.megabytes(summary.evidenceBytes)))")
    }
    var text = IngestSummaryText.line(stamp + parts.joined(separator: " · "), indent: "          ")
    for failure in summary.evidenceFailures {
      text += IngestSummaryText.line("footage not kept: \(failure.path): " + UntrustedText.forTerminal(failure.reason),
                                     "          ", indent: "            ")
    }
    for problem in summary.problems where problem.kind != .knownProblem {
      let label = problem.kind == .notVideo ? "not video" : problem.kind.rawValue
      text += IngestSummaryText.line("\(label): \(Formatting.displayPath(problem.path)): "
                                     + UntrustedText.forTerminal(problem.reason), "          ", indent: "            ")
    }
    return text
  }

  static func render(_ totals: FolderWatch.Totals) -> String {
    var text = "Stopped after \(Formatting.seconds(totals.seconds)): \(Formatting.plural(totals.ingested, "clip")) ingested"
    if totals.failed > 0 { text += " (\(totals.failed) failed)" }
    text += ", \(Formatting.plural(totals.events, "event")) found"
    var lines = IngestSummaryText.line(text + ".", indent: "  ")
    if totals.interruptedRun {
      lines += IngestSummaryText.line("The last run was stopped midway: its finished clips are saved, and the "
                                      + "others are ingested when fsdlog watches (or ingests) this folder again.", indent: "  ")
    }
    if totals.waitingClips > 0 {
      lines += IngestSummaryText.line("\(Formatting.plural(totals.waitingClips, "clip")) not ingested yet: still "
                                      + "being written, or not seen unchanged twice.", indent: "  ")
    }
    return lines
  }

  /// The local time of day, HH:MM:SS: when a clip came in, for a person reading the terminal.
  static func clock(_ time: Date) -> String {
    let formatter = DateFormatter()
    formatter.locale = Locale(identifier: "en_US_POSIX")
    formatter.dateFormat = "HH:mm:ss"
    return formatter.string(from: time)
  }
}
