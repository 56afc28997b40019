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

  /// The table's column names, once: Codable reads and writes them, queries filter on `Columns`.
  enum CodingKeys: String, CodingKey {
    case id
    case version
    case sinceLocal = "since_local"
    case addedAt = "added_at"
  }

  public enum Columns {
    public static let id = Column(CodingKeys.id)
    public static let version = Column(CodingKeys.version)
    public static let sinceLocal = Column(CodingKeys.sinceLocal)
    public static let addedAt = Column(CodingKeys.addedAt)
  }

  public mutating func didInsert(_ inserted: InsertionSuccess) { id = inserted.rowID }
}
