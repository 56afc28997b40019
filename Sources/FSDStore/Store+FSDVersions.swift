import Foundation
import GRDB

extension Store {
  /// Records that FSD `version` was installed on `sinceLocal` (YYYY-MM-DD, car-local).
  /// - Throws: `FSDVersionExists` when that version is already recorded (with its date).
  @discardableResult
  public func addFSDVersion(_ version: String, sinceLocal: String) throws -> FSDVersionRecord {
    try write { db in
      if let existing = try FSDVersionRecord.filter(FSDVersionRecord.Columns.version == version).fetchOne(db) {
        throw FSDVersionExists(version: version, sinceLocal: existing.sinceLocal)
      }
      var record = FSDVersionRecord(version: version, sinceLocal: sinceLocal, addedAt: Self.now())
      try record.insert(db)
      return record
    }
  }

  /// Records each version not recorded yet, all in one transaction (`fsdlog fsd-version import`):
  /// either every new version is stored or, when anything fails, none is. A version already
  /// recorded keeps its date, whatever the import says: the driver may have corrected it.
  /// - Parameter versions: version and car-local day (YYYY-MM-DD); a version given twice keeps the first.
  public func importFSDVersions(_ versions: [(version: String, sinceLocal: String)]) throws -> FSDVersionImportOutcome {
    try write { db in
      var outcome = FSDVersionImportOutcome()
      let addedAt = Self.now()
      for (version, sinceLocal) in versions {
        if let existing = try FSDVersionRecord.filter(FSDVersionRecord.Columns.version == version).fetchOne(db) {
          if !outcome.added.contains(where: { $0.version == version }) { outcome.alreadyRecorded.append(existing) }
          continue
        }
        var record = FSDVersionRecord(version: version, sinceLocal: sinceLocal, addedAt: addedAt)
        try record.insert(db)
        outcome.added.append(record)
      }
      return outcome
    }
  }

  /// Forgets a recorded version. Returns false when it was not recorded.
  @discardableResult
  public func removeFSDVersion(_ version: String) throws -> Bool {
    try write { db in try FSDVersionRecord.filter(FSDVersionRecord.Columns.version == version).deleteAll(db) > 0 }
  }

  /// Every recorded version, oldest installation first.
  public func fsdVersions() throws -> [FSDVersionRecord] {
    try pool.read { db in try FSDVersionRecord.order(FSDVersionRecord.Columns.sinceLocal, FSDVersionRecord.Columns.id).fetchAll(db) }
  }
}

/// `fsdlog fsd-version add` for a version already recorded.
public struct FSDVersionExists: Error, CustomStringConvertible, Sendable {
  public let version: String
  public let sinceLocal: String
  public var description: String {
    "FSD \(version) is already recorded (since \(sinceLocal)): `fsdlog fsd-version remove \(version)` first to change its date"
  }
}

/// What `importFSDVersions` did: the rows it added and the rows that were already there (unchanged).
public struct FSDVersionImportOutcome: Sendable, Equatable {
  public var added: [FSDVersionRecord] = []
  public var alreadyRecorded: [FSDVersionRecord] = []
  public init() {}
}
