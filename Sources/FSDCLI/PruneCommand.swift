import ArgumentParser
import FSDIngest
import FSDStore
import Foundation

/// `fsdlog prune`: keeps the evidence library bounded.
struct PruneCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "prune",
    abstract: "Remove kept footage from the evidence library, by age or to fit a size.",
    discussion: """
      Ingest keeps every event's footage (all cameras, 10 s either side) in a folder beside the \
      database, so review and the report work after the car has overwritten the clips. This removes \
      the footage of events older than --older-than days, then the oldest until the library fits \
      --max-size. Events, verdicts and notes are never removed, only footage; footage of an event \
      with a verdict stays unless --include-tagged.
      """)

  @OptionGroup var database: DatabaseOptions

  @Option(help: ArgumentHelp("Remove footage of events older than this many days.", valueName: "days"))
  var olderThan: Double?

  @Option(help: ArgumentHelp("Then remove the oldest footage until the library holds at most this: 500MB, 20GB.", valueName: "size"))
  var maxSize: String?

  @Flag(help: "Remove footage of events that have a verdict too.")
  var includeTagged = false

  @Flag(help: "Say what would be removed, and remove nothing.")
  var dryRun = false

  func validate() throws {
    guard olderThan != nil || maxSize != nil else {
      throw ValidationError("say what to remove: --older-than DAYS, --max-size SIZE, or both")
    }
    if let olderThan, !(olderThan.isFinite && olderThan >= 0) { throw ValidationError("--older-than takes a number of days ≥ 0") }
    if let maxSize, Self.bytes(maxSize) == nil {
      throw ValidationError("--max-size takes a size such as 500MB or 20GB, not '\(maxSize)'")
    }
  }

  /// "500MB", "20 GB", "1.5G", "800M", or plain bytes.
  static func bytes(_ text: String) -> Int64? {
    let trimmed = text.trimmingCharacters(in: .whitespaces).uppercased().replacingOccurrences(of: " ", with: "")
    let units: [(String, Double)] = [("GB", 1e9), ("G", 1e9), ("MB", 1e6), ("M", 1e6), ("KB", 1e3), ("K", 1e3), ("B", 1)]
    for (suffix, factor) in units where trimmed.hasSuffix(suffix) {
      guard let value = Double(trimmed.dropLast(suffix.count)), value >= 0, value.isFinite else { return nil }
      return Int64(value * factor)
    }
    guard let value = Double(trimmed), value >= 0, value.isFinite else { return nil }
    return Int64(value)
  }

  func run() throws {
    try Console.run {
      let store = dryRun ? try database.openExisting() : try database.openExistingForWriting()
      let pruning = EvidencePruning(store: store, olderThanDays: olderThan, maximumBytes: maxSize.flatMap(Self.bytes),
                                    includeTagged: includeTagged)
      let plan = dryRun ? try pruning.plan() : try pruning.run()
      var text = (dryRun ? "Would remove" : "Removed") + " the footage of \(Formatting.plural(plan.eventIDs.count, "event"))"
        + " (\(Formatting.megabytes(plan.bytes))); the library keeps \(Formatting.plural(plan.remainingEvents, "event")) (\(Formatting.megabytes(plan.remainingBytes)))"
        + " in \(Formatting.displayPath(store.evidenceRoot)).\n"
      if plan.keptTagged > 0 {
        text += "Kept the footage of \(Formatting.plural(plan.keptTagged, "event")) with a verdict (--include-tagged removes it too).\n"
      }
      print(text, terminator: "")
    }
  }
}
