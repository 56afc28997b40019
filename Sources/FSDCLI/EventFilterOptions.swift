import FSDDomain
import ArgumentParser

/// `--month`, `--kind` and `--initiator`: the event filters `events` and `review` share.
struct EventFilterOptions: ParsableArguments {
  @Option(help: ArgumentHelp("Only events in this month (car time, as the report counts months).", valueName: "YYYY-MM"))
  var month: String?

  @Option(help: ArgumentHelp("\(EventKind.choices).", valueName: "kind"))
  var kind: EventKind?

  @Option(help: ArgumentHelp("\(Initiator.choices).", valueName: "initiator"))
  var initiator: Initiator?

  func validate() throws {
    if let month, month.range(of: #"^\d{4}-(0[1-9]|1[0-2])$"#, options: .regularExpression) == nil {
      throw ValidationError("--month takes YYYY-MM, e.g. 2026-11")
    }
  }
}
