import ArgumentParser
import FSDStore

struct UntagCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "untag",
    abstract: "Take an event's verdict back: it is untagged again.",
    discussion: "Nothing is deleted: an untag row is appended to the event's history (`fsdlog event ID`).")

  @OptionGroup var database: DatabaseOptions

  @OptionGroup var target: EventIDArgument

  func run() throws {
    try Console.run {
      let store = try database.openExistingForWriting()
      _ = try TagStoreCall.run { try store.untag(eventID: target.eventID, source: .cli) }
      print("event \(target.eventID): untagged")
    }
  }
}
