import ArgumentParser
import FSDIngest
import Foundation

/// The root `fsdlog` command: a log of FSD's hard brakes, swerves and disengagements.
public struct FSDLogCommand: ParsableCommand {
  public static let configuration = CommandConfiguration(
    commandName: "fsdlog",
    abstract: "Turn TeslaCam clips into a searchable log of FSD maneuvers.",
    discussion: """
      Start with `fsdlog ingest /media/usb/TeslaCam` (or `fsdlog watch` it to ingest clips as they \
      appear), then `fsdlog status`, `fsdlog events`, `fsdlog review` \
      and `fsdlog report`. \
      The database is $XDG_DATA_HOME/fsdlog/fsdlog.sqlite (else ~/.local/share/fsdlog/); --db PATH \
      or FSDLOG_DB choose another. Its schema is documented in docs/schema.md.
      """,
    version: IngestOptions.toolVersion,
    subcommands: [
      IngestCommand.self, WatchCommand.self, StatusCommand.self, EventsCommand.self, EventCommand.self, TagCommand.self,
      UntagCommand.self, ReviewCommand.self, ReportCommand.self, StatsCommand.self, FSDVersionCommand.self,
      ExportCommand.self, PruneCommand.self, MotionCommand.self,
    ]
  )

  public init() {}

  /// Runs the command line. A negative event id (`fsdlog event -3`) would reach the argument
  /// parser as an unknown option and come back as "missing argument": it is named for what it is.
  public static func main() {
    let arguments = Array(CommandLine.arguments.dropFirst())
    if let problem = EventIDArgument.problem(in: arguments) {
      Console.stderr("fsdlog: error: \(problem)\n")
      Foundation.exit(64)
    }
    main(arguments)
  }
}

/// The event id the `event`, `tag` and `untag` commands take first.
struct EventIDArgument: ParsableArguments {
  @Argument(help: ArgumentHelp("The event id (from `fsdlog events`).", valueName: "event"))
  var eventID: Int64

  static let commands: Set<String> = ["event", "tag", "untag"]

  /// Options of those commands that take a value (the value is not the event id).
  static let optionsWithValues: Set<String> = ["--db", "--units", "--note"]

  /// What is wrong with the event id in `arguments`, when it is a negative number.
  static func problem(in arguments: [String]) -> String? {
    guard let command = arguments.first, commands.contains(command) else { return nil }
    var index = 1
    while index < arguments.count, optionsWithValues.contains(arguments[index]) || arguments[index].hasPrefix("--") {
      index += optionsWithValues.contains(arguments[index]) ? 2 : 1
    }
    guard index < arguments.count, arguments[index].range(of: #"^-\d+$"#, options: .regularExpression) != nil else { return nil }
    return "event ids are positive whole numbers, not \(arguments[index]) (`fsdlog events` lists them)"
  }
}
