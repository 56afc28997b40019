import ArgumentParser
import FSDIngest
import FSDStore
import Foundation

/// `fsdlog fsd-version add|import|list|remove`: the driver's record of FSD releases.
struct FSDVersionCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "fsd-version",
    abstract: "Record which FSD version the car ran from which day (for statistics per version).",
    discussion: """
      The car's telemetry does not carry the FSD version, so fsdlog takes it from you: \
      `fsdlog fsd-version add 13.2.1 --since 2026-11-04` after each update. A drive or event belongs \
      to the latest version installed on or before its car-local day; anything earlier is "unknown version". \
      `fsdlog fsd-version import` takes the history from a TeslaMate or TeslaFi export instead: those record \
      the car's firmware version (e.g. 2024.14.9), so statistics per version then compare firmware releases.
      """,
    subcommands: [Add.self, Import.self, List.self, Remove.self],
    defaultSubcommand: List.self)

  struct Add: ParsableCommand {
    static let configuration = CommandConfiguration(abstract: "Record a version and the day it was installed.")
    @OptionGroup var database: DatabaseOptions
    @Argument(help: ArgumentHelp("The FSD version, as the car shows it (e.g. 13.2.1).", valueName: "version"))
    var version: String
    @Option(help: ArgumentHelp("The car-local day it was installed.", valueName: "YYYY-MM-DD"))
    var since: String

    func validate() throws {
      guard Self.isDate(since) else { throw ValidationError("--since takes a date YYYY-MM-DD, e.g. 2026-11-04") }
      guard !version.trimmingCharacters(in: .whitespaces).isEmpty else { throw ValidationError("the version is empty") }
    }

    static func isDate(_ text: String) -> Bool {
      guard text.range(of: #"^\d{4}-\d{2}-\d{2}$"#, options: .regularExpression) != nil else { return false }
      let formatter = DateFormatter()
      formatter.locale = Locale(identifier: "en_US_POSIX")
      formatter.timeZone = TimeZone(identifier: "UTC")
      formatter.dateFormat = "yyyy-MM-dd"
      formatter.isLenient = false
      return formatter.date(from: text).map { formatter.string(from: $0) == text } ?? false
    }

    func run() throws {
      try Console.run {
        let store = try database.openForWriting()
        do {
          let record = try store.addFSDVersion(version.trimmingCharacters(in: .whitespaces), sinceLocal: since)
          print("FSD \(record.version) since \(record.sinceLocal)")
        } catch let error as FSDVersionExists {
          throw Failure(message: error.description, exitCode: 1)
        }
      }
    }
  }

  struct List: ParsableCommand {
    static let configuration = CommandConfiguration(abstract: "List the recorded versions, oldest first.")
    @OptionGroup var database: DatabaseOptions

    func run() throws {
      try Console.run {
        let store = try database.openExisting()
        let versions = try store.fsdVersions()
        guard !versions.isEmpty else {
          print("No FSD versions recorded. `fsdlog fsd-version add 13.2.1 --since 2026-11-04` records one.")
          return
        }
        let width = max(7, versions.map(\.version.count).max() ?? 0)
        print("Version".padding(toLength: width, withPad: " ", startingAt: 0) + "  Since")
        for record in versions {
          print(record.version.padding(toLength: width, withPad: " ", startingAt: 0) + "  " + record.sinceLocal)
        }
      }
    }
  }

  struct Remove: ParsableCommand {
    static let configuration = CommandConfiguration(abstract: "Forget a recorded version.")
    @OptionGroup var database: DatabaseOptions
    @Argument(help: ArgumentHelp("The version to forget.", valueName: "version"))
    var version: String

    func run() throws {
      try Console.run {
        let store = try database.openExisting()
        guard try store.removeFSDVersion(version) else {
          throw Failure(message: "FSD \(version) is not recorded (`fsdlog fsd-version list` shows what is)", exitCode: 1)
        }
        print("forgot FSD \(version)")
      }
    }
  }
}
