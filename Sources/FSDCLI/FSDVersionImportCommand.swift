import ArgumentParser
import FSDIngest
import FSDStore
import Foundation

extension FSDVersionCommand {
  /// `fsdlog fsd-version import FILE... [--from teslamate|teslafi]`: the update history from a
  /// logger's export, so it need not be typed in.
  struct Import: ParsableCommand {
    static let configuration = CommandConfiguration(
      abstract: "Record the firmware versions a TeslaMate or TeslaFi export shows, with the day each was installed.",
      discussion: """
        TeslaMate: its `updates` table as CSV (`psql URL -c "\\copy (SELECT * FROM updates) TO 'updates.csv' \
        WITH CSV HEADER"`), or a postgresql:// URL, read with psql when it is on PATH. A version counts from the \
        car-local day its installation finished (end_date, UTC, turned into a day in --timezone). \
        TeslaFi: its monthly CSVs (Settings > Advanced > Download TeslaFi Data); a version counts from the first \
        day a row shows it in car_version (TeslaFi's dates are already local). \
        These are firmware versions (2024.14.9, the build hash dropped), not FSD version names such as 13.2.9: \
        statistics per version then compare firmware releases. A version already recorded keeps its date; \
        importing the same files again adds nothing. Nothing is recorded when any file cannot be read.
        """)

    @OptionGroup var database: DatabaseOptions
    @Argument(help: ArgumentHelp(
      "CSV exports (several TeslaFi months at once), or a TeslaMate postgresql:// URL.", valueName: "file"))
    var files: [String]
    @Option(help: ArgumentHelp("The export's format (default: detected from each file's header).", valueName: "teslamate|teslafi"))
    var from: String?
    @Option(help: ArgumentHelp(
      "The car's time zone, for TeslaMate's UTC times (default: this computer's).", valueName: "zone"))
    var timezone: String?
    @Option(name: .customLong("car-id"), help: ArgumentHelp(
      "Which car of a TeslaMate database with several (its car_id).", valueName: "id"))
    var carID: Int?

    func validate() throws {
      guard !files.isEmpty else { throw ValidationError("give the export to import: a CSV file or a postgresql:// URL") }
      if let from, !FirmwareHistoryImport.formats.contains(from) {
        throw ValidationError("--from takes \(FirmwareHistoryImport.formats.joined(separator: " or ")), not '\(from)'")
      }
      if let timezone, TimeZone(identifier: timezone) == nil {
        throw ValidationError("--timezone takes a zone name such as Europe/Berlin or America/Los_Angeles, not '\(timezone)'")
      }
    }

    func run() throws {
      try Console.run {
        let zone = timezone.flatMap(TimeZone.init(identifier:)) ?? TimeZone.current
        let inputs = try files.map { file in
          PostgresUpdatesExport.isURL(file)
            ? FirmwareHistoryImport.Input(path: PostgresUpdatesExport.displayed(file), data: try PostgresUpdatesExport.fetch(file))
            : FirmwareHistoryImport.Input(path: file)
        }
        let summary: FirmwareHistoryImport.Summary
        do {
          summary = try FirmwareHistoryImport.run(
            inputs, format: from, zone: zone, carID: carID, into: { try database.openForWriting() })
        } catch let error as FirmwareImportError {
          throw Failure(message: "\(error.description); nothing was imported", exitCode: 1)
        }
        print(Self.text(summary, formatGiven: from != nil), terminator: "")
      }
    }

    /// Which format each file was read as, then what was recorded, already there, and skipped.
    static func text(_ summary: FirmwareHistoryImport.Summary, formatGiven: Bool) -> String {
      var text = ""
      for file in summary.files {
        let times = file.zone.map { "UTC times read as days in \($0)" } ?? "its dates are local already"
        text += "\(file.path): \(file.format) (\(formatGiven ? "as --from says" : "detected from its header"); \(times)): "
          + "\(file.versions) version\(file.versions == 1 ? "" : "s")\n"
        if file.repeatedRows > 0 {
          text += "  \(file.repeatedRows) more row\(file.repeatedRows == 1 ? "" : "s") repeat a version already dated\n"
        }
        for skip in file.skipped {
          text += "  skipped \(skip.rows) row\(skip.rows == 1 ? "" : "s"): \(skip.reason) (first on line \(skip.firstLine))\n"
        }
      }
      if summary.added.isEmpty {
        text += summary.alreadyRecorded.isEmpty
          ? "imported nothing: the export shows no installed version\n"
          : "imported nothing new: every version it shows is already recorded\n"
      } else {
        text += "imported \(summary.added.count) version\(summary.added.count == 1 ? "" : "s"):\n"
        for record in summary.added { text += "  \(record.version) since \(record.sinceLocal)\n" }
      }
      if !summary.alreadyRecorded.isEmpty {
        text += "already recorded, left as they are (\(summary.alreadyRecorded.count)):\n"
        for (record, fileSince) in summary.alreadyRecorded {
          let differs = fileSince == record.sinceLocal ? "" : " (the export says \(fileSince))"
          text += "  \(record.version) since \(record.sinceLocal)\(differs)\n"
        }
      }
      return text
    }
  }
}

/// TeslaMate's `updates` table straight from its PostgreSQL database, through the `psql` client
/// (Debian package postgresql-client) rather than a driver linked into fsdlog.
enum PostgresUpdatesExport {
  static let query = "COPY (SELECT id, start_date, end_date, version, car_id FROM updates ORDER BY start_date) "
    + "TO STDOUT WITH CSV HEADER"

  static func isURL(_ argument: String) -> Bool {
    argument.hasPrefix("postgresql://") || argument.hasPrefix("postgres://")
  }

  /// The URL without its password, for messages.
  static func displayed(_ url: String) -> String {
    guard var components = URLComponents(string: url), components.password != nil else { return url }
    components.password = "***"
    return components.string ?? url
  }

  static func fetch(_ url: String, environment: [String: String] = ProcessInfo.processInfo.environment) throws -> Data {
    let directories = (environment["PATH"] ?? "").split(separator: ":").map(String.init)
    guard let psql = directories.map({ "\($0)/psql" }).first(where: FileManager.default.isExecutableFile(atPath:)) else {
      throw Failure(
        message: "reading \(displayed(url)) needs psql, which is not on PATH: install it (Debian: apt install "
          + "postgresql-client), or export the table where psql is and import the file: psql URL -c "
          + "\"\\copy (SELECT * FROM updates) TO 'updates.csv' WITH CSV HEADER\"",
        exitCode: 1)
    }
    let process = Process()
    process.executableURL = URL(fileURLWithPath: psql)
    // -X: no ~/.psqlrc to change the output; -w: never wait for a password prompt nobody sees.
    process.arguments = ["-X", "-w", "-q", "-v", "ON_ERROR_STOP=1", "-d", url, "-c", query]
    let output = Pipe(), errors = Pipe()
    process.standardOutput = output
    process.standardError = errors
    process.standardInput = FileHandle.nullDevice
    try process.run()
    // Read stderr on the side so a chatty psql cannot block on a full pipe.
    let errorText = LockedText()
    let reader = Thread { errorText.set(String(decoding: errors.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)) }
    reader.start()
    let data = output.fileHandleForReading.readDataToEndOfFile()
    process.waitUntilExit()
    let message = errorText.waitForValue().trimmingCharacters(in: .whitespacesAndNewlines)
    guard process.terminationStatus == 0 else {
      throw Failure(
        message: "psql could not read TeslaMate's updates table from \(displayed(url)): "
          + (message.isEmpty ? "it exited with status \(process.terminationStatus)" : message),
        exitCode: 1)
    }
    return data
  }
}

/// Text one thread sets once and another waits for.
private final class LockedText: @unchecked Sendable {
  private let condition = NSCondition()
  private var value: String?
  func set(_ text: String) {
    condition.lock()
    value = text
    condition.signal()
    condition.unlock()
  }
  func waitForValue() -> String {
    condition.lock()
    defer { condition.unlock() }
    while value == nil { condition.wait() }
    return value!
  }
}
