import Foundation
import GRDB

extension Store {
  /// Records that FSD `version` was installed on `sinceLocal` (YYYY-MM-DD, car-local).
  /// - Throws: `FSDVersionExists` when that version is already recorded (with its date).
  @discardableResult
  public func addFSDVersion(_ version: String, sinceLocal: String) throws -> FSDVersionRecord {
    try write { db in
      if let existing = try FSDVersionRecord.filter(Column("version") == version).fetchOne(db) {
        throw FSDVersionExists(version: version, sinceLocal: existing.sinceLocal)
      }
      var record = FSDVersionRecord(version: version, sinceLocal: sinceLocal, addedAt: Self.now())
      try record.insert(db)
      return record
    }
  }

  /// Forgets a recorded version. Returns false when it was not recorded.
  @discardableResult
  public func removeFSDVersion(_ version: String) throws -> Bool {
    try write { db in try FSDVersionRecord.filter(Column("version") == version).deleteAll(db) > 0 }
  }

  /// Every recorded version, oldest installation first.
  public func fsdVersions() throws -> [FSDVersionRecord] {
    try pool.read { db in try FSDVersionRecord.order(Column("since_local"), Column("id")).fetchAll(db) }
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
