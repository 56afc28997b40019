/// Where a firmware history comes from: the two loggers whose exports fsdlog reads. Their real
/// column layouts, and where they are documented, are in `FirmwareHistoryReader`.
public enum FirmwareHistorySource: String, CaseIterable, Sendable {
  /// TeslaMate's `updates` table (one row per software update), exported as CSV.
  case teslamate
  /// TeslaFi's monthly "Download TeslaFi Data" CSV (one row per poll of the car).
  case teslafi

  /// The logger: "TeslaMate", "TeslaFi".
  public var toolName: String {
    switch self {
    case .teslamate: "TeslaMate"
    case .teslafi: "TeslaFi"
    }
  }

  public var displayName: String {
    switch self {
    case .teslamate: "TeslaMate updates"
    case .teslafi: "TeslaFi data"
    }
  }
}

/// One firmware version and the car-local day it was first seen installed.
public struct FirmwareInstall: Sendable, Equatable {
  /// The firmware version without the build hash TeslaMate and TeslaFi append: "2024.14.9".
  public let version: String
  /// Car-local day, YYYY-MM-DD.
  public let sinceLocal: String
  /// The line of the file it comes from (the header is line 1).
  public let line: Int

  public init(version: String, sinceLocal: String, line: Int) {
    self.version = version
    self.sinceLocal = sinceLocal
    self.line = line
  }
}

/// Rows of a file that name no installed version, counted by why.
public struct FirmwareSkippedRows: Sendable, Equatable {
  public let reason: String
  public var rows: Int
  /// The first such line, so the user can look at one.
  public let firstLine: Int
}

/// What a file says about the car's firmware: each version once, on the first day it appears.
public struct FirmwareHistory: Sendable, Equatable {
  public let path: String
  public let source: FirmwareHistorySource
  /// One per version, oldest first (ties by line).
  public let installs: [FirmwareInstall]
  /// Rows that carry a version already placed on an earlier (or the same) day: a poll repeating
  /// the version the car runs, or TeslaMate recording the same version twice.
  public let repeatedRows: Int
  public let skipped: [FirmwareSkippedRows]
  /// The zone UTC times were turned into car-local days in; nil when the file's times are
  /// already local (TeslaFi).
  public let zone: String?
}
