import FSDIngest

import FSDStore

/// The human-readable end-of-ingest summary, in lines of at most 80 columns broken at spaces (a
/// terminal would break a long reason mid-word); `--json` is the form for scripts.
enum IngestSummaryText {
  /// `text` wrapped at 80 columns, continuation lines indented by `indent`, with a newline.
  static func line(_ text: String, _ firstIndent: String = "", indent: String = "    ") -> String {
    Formatting.wrap(text, firstIndent: firstIndent, indent: indent) + "\n"
  }

  static func render(_ summary: IngestSummary) -> String {
    var parts = ["\(Formatting.plural(summary.ingested, "clip")) ingested" + (summary.partial > 0 ? " (\(summary.partial) partial)" : "")]
    if summary.unchanged > 0 { parts.append("\(summary.unchanged) unchanged") }
    if summary.notVideo > 0 { parts.append("\(Formatting.plural(summary.notVideo, "file")) not video") }
    if summary.failed > 0 { parts.append("\(summary.failed) failed") }
    if summary.knownProblems > 0 {
      parts.append("\(Formatting.plural(summary.knownProblems, "known problem")) (recorded before, unchanged)")
    }
    var text = line((summary.interrupted ? "Interrupted: " : "") + parts.joined(separator: " · ")
      + " in \(Formatting.seconds(summary.wallSeconds))", indent: "  ")
    if summary.movedClips > 0 {
      text += line("\(Formatting.plural(summary.movedClips, "clip")) already known, found at a new path: "
                   + "the database points there now", "  ", indent: "  ")
    }
    if summary.copies > 0 {
      text += line("\(Formatting.plural(summary.copies, "copy", "copies")) of clips already in the database "
                   + "under another path: counted once, not read", "  ", indent: "  ")
    }
    var figures = "\(Formatting.count(summary.framesDecoded)) frames analysed"
    if summary.framesDecoded > 0 { figures += " at \(Formatting.count(Int(summary.framesPerSecond))) frames/s" }
    figures += " · \(Formatting.plural(summary.events, "event")) found · \(Formatting.plural(summary.drives, "drive")) in the database"
    figures += String(format: " · peak memory %.0f MB", summary.peakMemoryMB)
    text += line(figures, "  ", indent: "  ")
    if summary.evidenceKept > 0, let folder = summary.evidenceFolder {
      text += line("footage of \(Formatting.plural(summary.evidenceKept, "event")) kept "
                   + "(\(Formatting.megabytes(summary.evidenceBytes)))"
                   + " in \(UntrustedText.forTerminal(Formatting.displayPath(folder)))", "  ", indent: "  ")
    }
    text += "  database: \(UntrustedText.forTerminal(summary.database))\n"
    let newProblems = summary.problems.filter { $0.kind != .knownProblem }
    let knownProblems = summary.problems.filter { $0.kind == .knownProblem }
    if !newProblems.isEmpty {
      text += "\nProblems (recorded; the other clips went in):\n"
      for problem in newProblems {
        let label = problem.kind == .notVideo ? "not video" : problem.kind.rawValue
        text += "  \(label.padding(toLength: 10, withPad: " ", startingAt: 0))\(Formatting.displayPath(problem.path))\n"
        text += line(UntrustedText.forTerminal(problem.reason), "            ", indent: "            ")
      }
    }
    if !knownProblems.isEmpty {
      text += "\nKnown problems, recorded by an earlier run and unchanged since (not read again; --force does):\n"
      for problem in knownProblems {
        text += "  \(Formatting.displayPath(problem.path))\n"
          + line(UntrustedText.forTerminal(problem.reason), "            ", indent: "            ")
      }
    }
    if !summary.evidenceFailures.isEmpty {
      text += "\nFootage not kept (the events are stored; the next ingest tries again):\n"
      for failure in summary.evidenceFailures {
        text += line(UntrustedText.forTerminal("\(failure.path): \(failure.reason)"), "  ", indent: "    ")
      }
    }
    if !summary.clockNotes.isEmpty {
      text += "\nClip times (see `fsdlog status`):\n"
      let shown = 20
      for note in summary.clockNotes.prefix(shown) { text += line(UntrustedText.forTerminal(note.note), "  ") }
      if summary.clockNotes.count > shown { text += "  … and \(summary.clockNotes.count - shown) more\n" }
    }
    for file in summary.telemetryFiles {
      if let problem = file.problem {
        text += "\n" + line(UntrustedText.forTerminal("Telemetry not used: \(problem)"), indent: "  ")
      } else {
        text += "\n" + line(UntrustedText.forTerminal("Telemetry: \(file.summary); attached to "
                                                      + Formatting.plural(file.clipsAttached, "clip")), indent: "  ")
      }
    }
    for folder in summary.encryptedFolders {
      text += "\nSkipped \(Formatting.displayPath(folder)): encrypted clips cannot be read off the car.\n"
    }
    if summary.interrupted {
      text += "\nFinished clips are saved. Run the same command again to continue where it stopped.\n"
    }
    return text
  }
}
