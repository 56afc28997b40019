import ArgumentParser

/// `--month`, `--kind` and `--initiator`: the event filters `events` and `review` share.
struct EventFilterOptions: ParsableArguments {
  @Option(help: ArgumentHelp("Only events in this month (car time, as the report counts months).", valueName: "YYYY-MM"))
  var month: String?

  @Option(help: ArgumentHelp("brake, swerve, disengagement or override.", valueName: "kind"))
  var kind: String?

  @Option(help: ArgumentHelp("fsd, driver or unknown.", valueName: "initiator"))
  var initiator: String?

  func validate() throws {
    if let month, month.range(of: #"^\d{4}-(0[1-9]|1[0-2])$"#, options: .regularExpression) == nil {
      throw ValidationError("--month takes YYYY-MM, e.g. 2026-11")
    }
    if let kind, !["brake", "swerve", "disengagement", "override"].contains(kind) {
      throw ValidationError("--kind is one of brake, swerve, disengagement, override")
    }
    if let initiator, !["fsd", "driver", "unknown"].contains(initiator) {
      throw ValidationError("--initiator is one of fsd, driver, unknown")
    }
  }
}
