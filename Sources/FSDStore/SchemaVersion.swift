import GRDB

/// The schema version in the file header (`PRAGMA user_version`): the number of migrations of
/// the fsdlog that last migrated the database. With `grdb_migrations` it tells a database a newer
/// fsdlog has written, which this one must not write to (its code does not know the new tables'
/// rules, and a migration of ours on top could break them).
public enum SchemaVersion {
  /// This fsdlog's schema version: one per migration.
  public static var current: Int { Schema.migrator.migrations.count }

  /// What a newer fsdlog left in the database, or nil when this fsdlog knows the whole schema.
  public struct Newer: Sendable, Equatable {
    /// `user_version` of the file.
    public let schemaVersion: Int
    /// Applied migrations this fsdlog does not have, by name.
    public let unknownMigrations: [String]
    /// `tool_version` of the latest ingest run: the fsdlog that last ingested into it.
    public let lastIngestBy: String?
  }

  static func newer(than migrator: DatabaseMigrator, _ db: Database) throws -> Newer? {
    let userVersion = try Int.fetchOne(db, sql: "PRAGMA user_version") ?? 0
    let known = Set(migrator.migrations)
    let unknown = try migrator.appliedIdentifiers(db).filter { !known.contains($0) }.sorted()
    guard userVersion > current || !unknown.isEmpty else { return nil }
    let lastIngestBy = try db.tableExists("ingest_runs")
      ? String.fetchOne(db, sql: "SELECT tool_version FROM ingest_runs ORDER BY id DESC LIMIT 1")
      : nil
    return Newer(schemaVersion: userVersion, unknownMigrations: unknown, lastIngestBy: lastIngestBy)
  }

  /// Records this fsdlog's schema version after migrating (never lowers it).
  static func record(_ db: Database) throws {
    let userVersion = try Int.fetchOne(db, sql: "PRAGMA user_version") ?? 0
    if userVersion < current { try db.execute(sql: "PRAGMA user_version = \(current)") }
  }
}
