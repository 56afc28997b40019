import GRDB

/// One row of `fsd_versions`: the driver's record that FSD `version` was installed on the car-local
/// day `sinceLocal` (YYYY-MM-DD). Statistics per version use the latest release on or before a day.
public struct FSDVersionRecord: Codable, Sendable, Equatable, FetchableRecord, MutablePersistableRecord {
  public static let databaseTableName = "fsd_versions"

  public var id: Int64?
  public var version: String
  /// Car-local date, YYYY-MM-DD.
  public var sinceLocal: String
  /// UTC ISO 8601 with milliseconds.
  public var addedAt: String

  public init(version: String, sinceLocal: String, addedAt: String) {
    self.version = version
    self.sinceLocal = sinceLocal
    self.addedAt = addedAt
  }

  public static let databaseColumnDecodingStrategy = DatabaseColumnDecodingStrategy.convertFromSnakeCase
  public static let databaseColumnEncodingStrategy = DatabaseColumnEncodingStrategy.convertToSnakeCase
  public mutating func didInsert(_ inserted: InsertionSuccess) { id = inserted.rowID }
}
