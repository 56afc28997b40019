import FSDStore
import FSDTelemetry
import Foundation

/// `fsdlog fsd-version import`: reads TeslaMate or TeslaFi exports (`FirmwareHistoryReader`) and
/// records the firmware versions they show in `fsd_versions`, all files in one transaction. Lives
/// here because reading a CSV (FSDTelemetry) into the store (FSDStore) is ingest's job.
public enum FirmwareHistoryImport {
  /// One export to read: a file, or bytes already fetched (psql's output) with the name to show.
  public struct Input: Sendable {
    public var path: String
    public var data: Data?
    public init(path: String, data: Data? = nil) {
      self.path = path
      self.data = data
    }
  }

  /// What one file said.
  public struct FileSummary: Sendable {
    public let path: String
    /// "TeslaMate updates" or "TeslaFi data".
    public let format: String
    /// The zone UTC times were read in (TeslaMate); nil when the file's times are local (TeslaFi).
    public let zone: String?
    /// Distinct versions found.
    public let versions: Int
    /// Rows repeating a version already placed on an earlier or the same day.
    public let repeatedRows: Int
    /// Rows naming no installed version: why, how many, and the first such line.
    public let skipped: [(reason: String, rows: Int, firstLine: Int)]
  }

  public struct Summary: Sendable {
    public let files: [FileSummary]
    /// Versions recorded by this import, oldest first.
    public let added: [FSDVersionRecord]
    /// Versions that were already recorded and were left as they were, with the day the files give.
    public let alreadyRecorded: [(record: FSDVersionRecord, fileSinceLocal: String)]
  }

  /// The formats `--from` takes.
  public static let formats = FirmwareHistorySource.allCases.map(\.rawValue)

  /// Reads every input, then stores what they show in one transaction; nothing is stored when any
  /// input cannot be read. Across files a version keeps its earliest day.
  /// - Parameters:
  ///   - format: "teslamate" or "teslafi"; detected per file from its header when nil.
  ///   - zone: the car's zone, for TeslaMate's UTC times.
  ///   - carID: which car of a TeslaMate database holding several.
  ///   - openStore: opens the database, called only once every input has been read (so a bad
  ///     file does not leave a new empty database behind).
  /// - Throws: `FirmwareImportError` naming the file and line of the first problem.
  public static func run(
    _ inputs: [Input], format: String?, zone: TimeZone, carID: Int?, into openStore: () throws -> Store
  ) throws -> Summary {
    let source = try format.map { name in
      guard let source = FirmwareHistorySource(rawValue: name) else {
        throw FirmwareImportError(description: "unknown format '\(name)': use \(formats.joined(separator: " or "))")
      }
      return source
    }
    var histories: [FirmwareHistory] = []
    for input in inputs {
      do {
        if let data = input.data {
          histories.append(
            try FirmwareHistoryReader.read(data: data, path: input.path, source: source, zone: zone, carID: carID))
        } else {
          histories.append(
            try FirmwareHistoryReader.read(path: input.path, source: source, zone: zone, carID: carID))
        }
      } catch let problem as CSVProblem {
        throw FirmwareImportError(description: problem.description)
      }
    }
    var earliest: [String: String] = [:]
    for install in histories.flatMap(\.installs) where earliest[install.version].map({ install.sinceLocal < $0 }) ?? true {
      earliest[install.version] = install.sinceLocal
    }
    let ordered = earliest.sorted { ($0.value, $0.key) < ($1.value, $1.key) }.map { (version: $0.key, sinceLocal: $0.value) }
    let outcome = try openStore().importFSDVersions(ordered)
    return Summary(
      files: histories.map { history in
        FileSummary(
          path: history.path, format: history.source.displayName, zone: history.zone, versions: history.installs.count,
          repeatedRows: history.repeatedRows, skipped: history.skipped.map { ($0.reason, $0.rows, $0.firstLine) })
      },
      added: outcome.added,
      alreadyRecorded: outcome.alreadyRecorded.map { ($0, earliest[$0.version] ?? $0.sinceLocal) })
  }
}

/// An export that cannot be imported: the message names the file and, when it is one row, the line.
public struct FirmwareImportError: Error, CustomStringConvertible, Sendable {
  public let description: String
  public init(description: String) { self.description = description }
}
