import FSDTestSupport
import XCTest

@testable import FSDStore

/// `importFSDVersions`, the store half of `fsdlog fsd-version import`: new versions added, versions
/// already recorded left alone, and all or nothing.
final class StoreFSDVersionImportTests: XCTestCase {
  func testAddsNewVersionsAndLeavesRecordedOnesAsTheyAre() throws {
    let folder = try TemporaryFolder()
    let path = folder.path("fsdlog.sqlite")
    let store = try Store(path: path)
    try store.addFSDVersion("2024.8.9", sinceLocal: "2024-04-05")  // typed in by the driver, a later day

    let outcome = try store.importFSDVersions([
      ("2024.2.7", "2024-02-10"), ("2024.8.9", "2024-04-03"), ("2024.14.9", "2024-05-19"), ("2024.14.9", "2024-06-01"),
    ])

    XCTAssertEqual(outcome.added.map(\.version), ["2024.2.7", "2024.14.9"])
    XCTAssertEqual(outcome.alreadyRecorded.map(\.version), ["2024.8.9"], "a version given twice is not also 'already recorded'")
    XCTAssertEqual(outcome.alreadyRecorded.first?.sinceLocal, "2024-04-05")
    let rows = try SQLiteCLI.rows(path, "SELECT version, since_local FROM fsd_versions ORDER BY since_local")
    XCTAssertEqual(rows.map { "\($0["version"]!) \($0["since_local"]!)" },
                   ["2024.2.7 2024-02-10", "2024.8.9 2024-04-05", "2024.14.9 2024-05-19"])

    let again = try store.importFSDVersions([("2024.2.7", "2024-02-10"), ("2024.14.9", "2024-05-19")])
    XCTAssertEqual(again.added, [])
    XCTAssertEqual(again.alreadyRecorded.map(\.version), ["2024.2.7", "2024.14.9"])
    XCTAssertEqual(try SQLiteCLI.scalar(path, "SELECT count(*) FROM fsd_versions"), "3")
  }

  func testAFailureHalfwayStoresNothing() throws {
    let folder = try TemporaryFolder()
    let path = folder.path("fsdlog.sqlite")
    let store = try Store(path: path)
    // The table's CHECK refuses the second day, after the first version was inserted.
    XCTAssertThrowsError(try store.importFSDVersions([("2024.2.7", "2024-02-10"), ("2024.8.9", "April 3")]))
    XCTAssertEqual(try SQLiteCLI.scalar(path, "SELECT count(*) FROM fsd_versions"), "0")
  }
}
