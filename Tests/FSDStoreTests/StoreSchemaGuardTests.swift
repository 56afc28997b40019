import FSDTestSupport
import Foundation
import XCTest

@testable import FSDStore

/// A database a newer fsdlog has migrated is read, never written: its new tables and rules are
/// unknown here, and a migration of ours on top could break them.
final class StoreSchemaGuardTests: XCTestCase {
  func testOpeningANewerSchemaToWriteIsRefusedNamingTheVersionAndChangesNothing() throws {
    let folder = try TemporaryFolder()
    let path = folder.path("fsdlog.sqlite")
    try Store(path: path).addFSDVersion("12.5.6", sinceLocal: "2026-10-14")
    XCTAssertEqual(try SQLiteCLI.scalar(path, "PRAGMA user_version"), "\(SchemaVersion.current)",
                   "migrating records the schema version in the header")
    try SQLiteCLI.execute(path, """
      PRAGMA user_version = 999;
      INSERT INTO grdb_migrations VALUES ('v999: trips');
      INSERT INTO ingest_runs (started_at, status, paths, jobs, force, decode_quality, tool_version)
        VALUES ('2027-01-01T00:00:00Z', 'completed', '[]', 1, 0, 'analysis', '9.9.0');
      """)
    let before = try Data(contentsOf: URL(fileURLWithPath: path))

    XCTAssertThrowsError(try Store(path: path)) { error in
      guard case StoreError.newerSchema(let reported, let newer) = error else { return XCTFail("\(error)") }
      XCTAssertEqual(reported, path)
      XCTAssertEqual(newer, SchemaVersion.Newer(schemaVersion: 999, unknownMigrations: ["v999: trips"], lastIngestBy: "9.9.0"))
      let text = "\(error)"
      for part in [path, "newer fsdlog", "999", "v999: trips", "9.9.0", "will not write"] {
        XCTAssertTrue(text.contains(part), "\(part) missing from: \(text)")
      }
    }
    XCTAssertEqual(try Data(contentsOf: URL(fileURLWithPath: path)), before, "not a byte written")

    // Reading still works; a write says why it is refused.
    let reader = try Store(path: path, access: .readOnly)
    XCTAssertEqual(try reader.fsdVersions().map(\.version), ["12.5.6"])
    XCTAssertThrowsError(try reader.addFSDVersion("13.0", sinceLocal: "2026-12-01")) { error in
      XCTAssertTrue("\(error)".contains("newer fsdlog"), "\(error)")
    }
    XCTAssertEqual(try SQLiteCLI.scalar(path, "SELECT count(*) FROM fsd_versions"), "1")
  }

  func testAnUnknownMigrationAloneIsEnough() throws {
    // A newer fsdlog from before user_version was kept still names its migrations.
    let folder = try TemporaryFolder()
    let path = folder.path("fsdlog.sqlite")
    _ = try Store(path: path)
    try SQLiteCLI.execute(path, "PRAGMA user_version = 0; INSERT INTO grdb_migrations VALUES ('v7: something new')")
    XCTAssertThrowsError(try Store(path: path)) { error in
      XCTAssertTrue("\(error)".contains("\"v7: something new\""), "\(error)")
    }
  }

  func testAnOlderDatabaseIsMigratedAndStamped() throws {
    let folder = try TemporaryFolder()
    let path = folder.path("fsdlog.sqlite")
    _ = try Store(path: path)
    try SQLiteCLI.execute(path, "PRAGMA user_version = 0")
    _ = try Store(path: path)
    XCTAssertEqual(try SQLiteCLI.scalar(path, "PRAGMA user_version"), "\(SchemaVersion.current)")
  }
}
