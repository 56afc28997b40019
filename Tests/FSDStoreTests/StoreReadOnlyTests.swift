import FSDTestSupport
import Foundation
import XCTest

@testable import FSDStore

/// Opening with `access: .readOnly`: nothing is created beside or written into the database, so
/// it works on read-only media (the CLI tests run it on a read-only mount and as a user who may
/// only read the file).
final class StoreReadOnlyTests: XCTestCase {
  func testReadsWithoutMakingSideFilesAndRefusesWritesSayingWhy() throws {
    let folder = try TemporaryFolder()
    let path = folder.path("fsdlog.sqlite")
    try Store(path: path).addFSDVersion("12.5.6", sinceLocal: "2026-10-14")
    // The last connection closed: SQLite checkpointed and removed -wal and -shm.
    XCTAssertEqual(try FileManager.default.contentsOfDirectory(atPath: folder.path), ["fsdlog.sqlite"])
    let before = try Data(contentsOf: URL(fileURLWithPath: path))

    do {
      let store = try Store(path: path, access: .readOnly, readOnlyBecause: "it is on a DVD")
      XCTAssertEqual(try store.fsdVersions().map(\.version), ["12.5.6"])
      XCTAssertEqual(try store.statusReport().drives, 0)
      XCTAssertThrowsError(try store.addFSDVersion("13.0", sinceLocal: "2026-12-01")) { error in
        guard case StoreError.notWritable(let reported, let reason) = error else { return XCTFail("\(error)") }
        XCTAssertEqual(reported, path)
        XCTAssertEqual(reason, "it is on a DVD")
      }
      XCTAssertEqual(try FileManager.default.contentsOfDirectory(atPath: folder.path), ["fsdlog.sqlite"],
                     "no -wal or -shm made while open")
    }
    XCTAssertEqual(try FileManager.default.contentsOfDirectory(atPath: folder.path), ["fsdlog.sqlite"])
    XCTAssertEqual(try Data(contentsOf: URL(fileURLWithPath: path)), before)
  }

  func testReadsThroughTheWriteAheadLogOfARunningWriter() throws {
    // A writer holds the database open: its latest commit is in the -wal, not the file yet.
    let folder = try TemporaryFolder()
    let path = folder.path("fsdlog.sqlite")
    let writer = try Store(path: path)
    try writer.addFSDVersion("12.5.6", sinceLocal: "2026-10-14")
    let reader = try Store(path: path, access: .readOnly)
    XCTAssertEqual(try reader.fsdVersions().map(\.version), ["12.5.6"])
    try writer.addFSDVersion("13.0", sinceLocal: "2026-12-01")
    XCTAssertEqual(try reader.fsdVersions().map(\.version), ["12.5.6", "13.0"], "sees later commits too")
  }

  func testAMissingFileIsNotCreated() throws {
    let folder = try TemporaryFolder()
    let path = folder.path("nope.sqlite")
    XCTAssertThrowsError(try Store(path: path, access: .readOnly)) { error in
      guard case StoreError.cannotOpen(let reported, _) = error else { return XCTFail("\(error)") }
      XCTAssertEqual(reported, path)
    }
    XCTAssertFalse(FileManager.default.fileExists(atPath: path))
  }

  func testImmutableURIEscapesWhatAURIWouldReadAsQueryOrFragment() {
    XCTAssertEqual(ReadOnlyOpening.immutableURI("/media/dvd/a?b#c%d e.sqlite"),
                   "file:/media/dvd/a%3Fb%23c%25d%20e.sqlite?immutable=1")
  }
}
