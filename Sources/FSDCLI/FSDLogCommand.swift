import ArgumentParser
import FSDIngest

/// The root `fsdlog` command: a log of FSD's hard brakes, swerves and disengagements.
public struct FSDLogCommand: ParsableCommand {
  public static let configuration = CommandConfiguration(
    commandName: "fsdlog",
    abstract: "Turn TeslaCam clips into a searchable log of FSD maneuvers.",
    discussion: """
      Start with `fsdlog ingest /media/usb/TeslaCam`, then `fsdlog status`, `fsdlog events`, `fsdlog review` \
      and `fsdlog report`. \
      The database is $XDG_DATA_HOME/fsdlog/fsdlog.sqlite (else ~/.local/share/fsdlog/); --db PATH \
      or FSDLOG_DB choose another. Its schema is documented in docs/schema.md.
      """,
    version: IngestOptions.toolVersion,
    subcommands: [
      IngestCommand.self, StatusCommand.self, EventsCommand.self, EventCommand.self, TagCommand.self,
      UntagCommand.self, ReviewCommand.self, ReportCommand.self, StatsCommand.self, FSDVersionCommand.self,
      ExportCommand.self, MotionCommand.self,
    ]
  )

  public init() {}
}
