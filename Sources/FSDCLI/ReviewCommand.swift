import ArgumentParser
import FSDReview
import FSDStore
import Foundation

struct ReviewCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "review",
    abstract: "Tag events phantom or justified, from a script (the interactive prompt is coming).",
    discussion: """
      --script FILE (or - for stdin) reads one line per tag: `EVENT VERDICT [note...]`, EVENT an id
      from `fsdlog events`, VERDICT phantom, justified, unsure or untag. Blank lines and # comments
      are ignored; a bad line is reported as "line N: ..." and skipped. Each line is saved before
      the next is read, and one line per applied tag is printed, so an interrupted script loses
      nothing it reported. Bad lines do not change the exit status (0); the summary counts them.
      """)

  @OptionGroup var database: DatabaseOptions

  @Option(help: ArgumentHelp("Apply a review script (- reads stdin).", valueName: "file"))
  var script: String?

  static let scriptableForms = """
    Tag from the command line or a script instead:
      fsdlog tag EVENT phantom|justified|unsure [--note TEXT] [--intervened] [--critical]
      fsdlog untag EVENT
      fsdlog review --script FILE|-     (lines: EVENT VERDICT [note])
    Event ids come from `fsdlog events --verdict untagged`.

    """

  func run() throws {
    try Console.run {
      guard let script else {
        // The prompt reads single keys, which needs a terminal on stdin.
        let reason = isatty(STDIN_FILENO) == 1
          ? "the interactive review is not built yet."
          : "the interactive review needs a terminal, and stdin is not one."
        Console.stderr("fsdlog review: \(reason)\n" + Self.scriptableForms)
        throw ExitCode(2)
      }
      let store = try database.openExisting()
      let nextLine = try Self.lineSource(script)
      let reviewer = ScriptReviewer(store: store, source: .script)
      let summary = reviewer.run(nextLine: nextLine) { _, result in
        switch result {
        case .applied(let row):
          // Unbuffered and after the commit: a line printed here is in the database.
          Self.writeOut("tagged \(row.eventId) \(row.verdict?.rawValue ?? "untag") (tag row \(row.id ?? 0))\n")
        case .rejected(let message): Console.stderr("fsdlog review: \(message)\n")
        case .ignored: break
        }
      }
      Self.writeOut("\(summary.applied) tagged, \(summary.skipped) skipped"
                      + (summary.skipped > 0 ? " (see messages)" : "") + "\n")
    }
  }

  /// Lines of the script, read lazily so a long stdin pipe is applied as it arrives.
  static func lineSource(_ script: String) throws -> () -> String? {
    if script == "-" { return { readLine(strippingNewline: true) } }
    guard let file = fopen(script, "r") else {
      throw Failure(message: "cannot read the review script \(script): check the path", exitCode: 1)
    }
    return {
      var buffer: UnsafeMutablePointer<CChar>?
      var capacity = 0
      defer { free(buffer) }
      guard getline(&buffer, &capacity, file) >= 0, let buffer else { return nil }
      return String(cString: buffer).trimmingCharacters(in: .newlines)
    }
  }

  static func writeOut(_ text: String) {
    FileHandle.standardOutput.write(Data(text.utf8))
  }
}
