import Foundation
import XCTest

/// `fsdlog fsd-version import` end to end: the real executable on exports in TeslaMate's and
/// TeslaFi's real layouts (Tests/Fixtures/FirmwareHistory), what it says, what `list` then shows,
/// a second import adding nothing, and a bad file importing nothing.
final class FSDVersionImportCommandTests: XCTestCase {
  static let fixtures = CLI.packageRoot.appendingPathComponent("Tests/Fixtures/FirmwareHistory")
  static func fixture(_ name: String) -> String { fixtures.appendingPathComponent(name).path }
  var folder: URL!
  var database: String { folder.appendingPathComponent("fsdlog.sqlite").path }

  override func setUpWithError() throws { folder = try CLI.temporaryDirectory() }
  override func tearDownWithError() throws { try? FileManager.default.removeItem(at: folder) }

  private func fsdlog(_ arguments: [String], environment: [String: String] = [:]) throws -> CLI.Result {
    try CLI.fsdlog(arguments + ["--db", database], environment: environment)
  }

  private func list() throws -> String {
    let result = try fsdlog(["fsd-version", "list"])
    XCTAssertEqual(result.status, 0, result.stderr)
    return result.stdout
  }

  func testTeslaMateUpdatesExport() throws {
    let path = Self.fixture("teslamate-updates.csv")
    let first = try fsdlog(["fsd-version", "import", path, "--timezone", "Europe/Berlin"])
    XCTAssertEqual(first.status, 0, first.stderr)
    XCTAssertEqual(first.stdout, """
      \(path): TeslaMate updates (detected from its header; UTC times read as days in Europe/Berlin): 4 versions
        skipped 1 row: no version (TeslaMate had not recorded one) (first on line 5)
      imported 4 versions:
        2024.2.7 since 2024-02-10
        2024.8.9 since 2024-04-03
        2024.14.9 since 2024-05-19
        2024.20.9 since 2024-07-03

      """)
    let listed = """
      Version    Since
      2024.2.7   2024-02-10
      2024.8.9   2024-04-03
      2024.14.9  2024-05-19
      2024.20.9  2024-07-03

      """
    XCTAssertEqual(try list(), listed)

    let second = try fsdlog(["fsd-version", "import", path, "--timezone", "Europe/Berlin", "--from", "teslamate"])
    XCTAssertEqual(second.status, 0, second.stderr)
    XCTAssertTrue(second.stdout.hasPrefix("\(path): TeslaMate updates (as --from says;"), second.stdout)
    XCTAssertTrue(second.stdout.contains("""
      imported nothing new: every version it shows is already recorded
      already recorded, left as they are (4):
        2024.2.7 since 2024-02-10
      """), second.stdout)
    XCTAssertEqual(try list(), listed)
    XCTAssertEqual(try CLI.sqlite(database, "SELECT count(*) FROM fsd_versions"), [["4"]])
  }

  func testTeslaMateTimesBecomeDaysInTheMachinesZoneByDefault() throws {
    let result = try fsdlog(
      ["fsd-version", "import", Self.fixture("teslamate-updates.csv")], environment: ["TZ": "America/Los_Angeles"])
    XCTAssertEqual(result.status, 0, result.stderr)
    XCTAssertTrue(result.stdout.contains("UTC times read as days in America/Los_Angeles"), result.stdout)
    // Finished at 00:12 UTC on 19 May: still the 18th in California.
    XCTAssertTrue(try list().contains("2024.14.9  2024-05-18\n"))
  }

  func testTeslaFiDataExport() throws {
    // The driver typed one version in already, a day early: the import leaves it as it is.
    XCTAssertEqual(try fsdlog(["fsd-version", "add", "2024.8.9", "--since", "2024-05-16"]).status, 0)
    let path = Self.fixture("TeslaFi52024.csv")
    let first = try fsdlog(["fsd-version", "import", path])
    XCTAssertEqual(first.status, 0, first.stderr)
    XCTAssertEqual(first.stdout, """
      \(path): TeslaFi data (detected from its header; its dates are local already): 2 versions
        4 more rows repeat a version already dated
        skipped 2 rows: no car_version (TeslaFi polls the car asleep or offline without one) (first on line 4)
      imported 1 version:
        2024.14.9 since 2024-05-19
      already recorded, left as they are (1):
        2024.8.9 since 2024-05-16 (the export says 2024-05-17)

      """)
    let listed = """
      Version    Since
      2024.8.9   2024-05-16
      2024.14.9  2024-05-19

      """
    XCTAssertEqual(try list(), listed)

    let second = try fsdlog(["fsd-version", "import", path])
    XCTAssertEqual(second.status, 0, second.stderr)
    XCTAssertTrue(second.stdout.contains("imported nothing new: every version it shows is already recorded\n"), second.stdout)
    XCTAssertEqual(try list(), listed)
  }

  func testAMalformedFileImportsNothingAndSaysWhere() throws {
    let bad = Self.fixture("teslamate-updates-bad-date.csv")
    // Without a database yet: none is created for an import that fails.
    let refused = try fsdlog(["fsd-version", "import", Self.fixture("TeslaFi52024.csv"), bad])
    XCTAssertEqual(refused.status, 1)
    XCTAssertEqual(
      refused.stderr,
      "fsdlog: error: \(bad):3: column 'end_date': '2024-04-02 23:20' is not a time such as 2024-05-01 10:22:33.123; "
        + "nothing was imported\n")
    XCTAssertFalse(FileManager.default.fileExists(atPath: database))

    // With one: the good file read before the bad one is not applied either.
    XCTAssertEqual(try fsdlog(["fsd-version", "add", "13.2.9", "--since", "2024-01-05"]).status, 0)
    XCTAssertEqual(try fsdlog(["fsd-version", "import", Self.fixture("teslamate-updates.csv"), bad]).status, 1)
    XCTAssertEqual(try CLI.sqlite(database, "SELECT version FROM fsd_versions"), [["13.2.9"]])

    let wrongFormat = try fsdlog(["fsd-version", "import", bad, "--from", "teslafi"])
    XCTAssertEqual(wrongFormat.status, 1)
    XCTAssertTrue(wrongFormat.stderr.contains("\(bad):1: --from teslafi was given, but the header is TeslaMate's"), wrongFormat.stderr)
  }

  func testAPostgresURLWithoutPsqlSaysHowToExportInstead() throws {
    let result = try fsdlog(
      ["fsd-version", "import", "postgresql://teslamate:secret@localhost/teslamate"], environment: ["PATH": "/nonexistent"])
    XCTAssertEqual(result.status, 1)
    XCTAssertTrue(result.stderr.hasPrefix(
      "fsdlog: error: reading postgresql://teslamate:***@localhost/teslamate needs psql, which is not on PATH"), result.stderr)
    XCTAssertTrue(result.stderr.contains("\\copy (SELECT * FROM updates) TO 'updates.csv' WITH CSV HEADER"), result.stderr)
    XCTAssertFalse(result.stderr.contains("secret"), "the password is never shown")
  }

  /// A real PostgreSQL server holding TeslaMate's `updates` table, read through the real psql.
  func testAPostgresURLReadsTheUpdatesTableThroughPsql() throws {
    let server = try ScratchPostgres(folder: folder)
    defer { server.stop() }
    try server.psql(database: "postgres", "CREATE DATABASE teslamate")
    // The table as TeslaMate's migrations leave it (create_updates, then microsecond precision).
    try server.psql(database: "teslamate", """
      CREATE TABLE cars (id smallserial PRIMARY KEY);
      CREATE TABLE updates (id serial PRIMARY KEY, start_date timestamp(6) NOT NULL, end_date timestamp(6),
        version varchar(255), car_id smallint NOT NULL REFERENCES cars(id));
      INSERT INTO cars DEFAULT VALUES;
      INSERT INTO updates (start_date, end_date, version, car_id) VALUES
        ('2024-02-10 21:05:12', '2024-02-10 21:31:40', '2024.2.7 6a1c3f9c2b', 1),
        ('2024-05-18 23:30:44.12', '2024-05-19 00:12:09.877', '2024.14.9 35c7ac6a3f', 1),
        ('2024-06-20 02:10:00.5', NULL, NULL, 1);
      """)
    let url = "postgresql://teslamate:secret@/teslamate?host=\(server.socketFolder)&port=\(server.port)"
    let result = try fsdlog(["fsd-version", "import", url, "--timezone", "America/Los_Angeles"])
    XCTAssertEqual(result.status, 0, result.stderr)
    XCTAssertTrue(result.stdout.hasPrefix(
      "postgresql://teslamate:***@/teslamate?host=\(server.socketFolder)&port=\(server.port): TeslaMate updates "
        + "(detected from its header; UTC times read as days in America/Los_Angeles): 2 versions\n"), result.stdout)
    XCTAssertTrue(result.stdout.contains("skipped 1 row: no version (TeslaMate had not recorded one) (first on line 4)"))
    XCTAssertEqual(try list(), """
      Version    Since
      2024.2.7   2024-02-10
      2024.14.9  2024-05-18

      """)

    let missing = try fsdlog(["fsd-version", "import", url.replacingOccurrences(of: "/teslamate?", with: "/nodb?")])
    XCTAssertEqual(missing.status, 1)
    XCTAssertTrue(missing.stderr.hasPrefix("fsdlog: error: psql could not read TeslaMate's updates table from "
                                           + "postgresql://teslamate:***@/nodb?"), missing.stderr)
    XCTAssertTrue(missing.stderr.contains("database \"nodb\" does not exist"), missing.stderr)
  }
}

/// A throwaway PostgreSQL cluster on a Unix socket in the test's folder (Debian's postgresql
/// package). initdb refuses to run as root, so as root the server runs as `nobody`. The server is
/// run directly, not through `pg_ctl start`: a server pg_ctl leaves behind inherits the
/// descriptor through which Foundation's Process notices pg_ctl's exit, and it never would.
private final class ScratchPostgres {
  let bin: String
  let data: String
  let socketFolder: String
  let port = 54000 + Int(getpid() % 1000)
  let asNobody: Bool
  private var server: Process?

  init(folder: URL) throws {
    let versions = (try? FileManager.default.contentsOfDirectory(atPath: "/usr/lib/postgresql")) ?? []
    guard let bin = versions.sorted().map({ "/usr/lib/postgresql/\($0)/bin" })
      .last(where: { FileManager.default.isExecutableFile(atPath: "\($0)/initdb") })
    else { throw XCTSkip("no PostgreSQL server installed (Debian package postgresql)") }
    guard FileManager.default.isExecutableFile(atPath: "/usr/bin/psql") else { throw XCTSkip("no psql") }
    self.bin = bin
    socketFolder = folder.appendingPathComponent("pg").path
    data = socketFolder + "/data"
    asNobody = getuid() == 0
    try FileManager.default.createDirectory(atPath: socketFolder, withIntermediateDirectories: true)
    if asNobody { try setUp(["/usr/bin/chown", "nobody:nogroup", socketFolder]) }
    try setUp(asServerUser("\(bin)/initdb") + ["-D", data, "-A", "trust", "-U", "teslamate"])

    let command = asServerUser("\(bin)/postgres") + ["-D", data, "-k", socketFolder, "-p", "\(port)", "-c", "listen_addresses="]
    let process = Process()
    process.executableURL = URL(fileURLWithPath: command[0])
    process.arguments = Array(command.dropFirst())
    process.standardInput = FileHandle.nullDevice
    process.standardOutput = FileHandle.nullDevice
    process.standardError = FileHandle.nullDevice
    try process.run()
    server = process
    let socket = "\(socketFolder)/.s.PGSQL.\(port)"
    for _ in 0..<300 where !FileManager.default.fileExists(atPath: socket) && process.isRunning { usleep(100_000) }
    guard FileManager.default.fileExists(atPath: socket) else {
      stop()
      throw XCTSkip("the PostgreSQL server did not start here")
    }
  }

  /// Fast shutdown (SIGINT), and wait for it.
  func stop() {
    guard let server, server.isRunning else { return }
    kill(server.processIdentifier, SIGINT)
    server.waitUntilExit()
  }

  func psql(database: String, _ sql: String) throws {
    let result = try CLI.run(
      URL(fileURLWithPath: "/usr/bin/psql"),
      ["-X", "-q", "-v", "ON_ERROR_STOP=1", "-h", socketFolder, "-p", "\(port)", "-U", "teslamate", "-d", database, "-c", sql])
    XCTAssertEqual(result.status, 0, result.stderr)
  }

  private func asServerUser(_ tool: String) -> [String] {
    (asNobody ? ["/usr/bin/setpriv", "--reuid=nobody", "--regid=nogroup", "--clear-groups"] : []) + [tool]
  }

  /// Where setting up is impossible (no rights, no setpriv) the test is skipped.
  private func setUp(_ command: [String]) throws {
    let result = try CLI.run(URL(fileURLWithPath: command[0]), Array(command.dropFirst()))
    guard result.status == 0 else {
      throw XCTSkip("PostgreSQL could not be set up here (\(command.joined(separator: " "))): \(result.stderr)")
    }
  }
}
