import Foundation
import XCTest

@testable import FSDStore

/// Where the database goes when the user does not say: --db, then FSDLOG_DB, then
/// $XDG_DATA_HOME, then ~/.local/share. Every environment here is injected, so the machine's own
/// variables cannot make a test pass by accident.
final class StorePathTests: XCTestCase {
  private let everything = [
    "FSDLOG_DB": "/env/fsdlog.db",
    "XDG_DATA_HOME": "/xdg/data",
    "HOME": "/home/driver",
  ]

  func testExplicitPathWinsOverEveryVariable() {
    XCTAssertEqual(StorePath.resolve(explicit: "/given/by/flag.sqlite", environment: everything), "/given/by/flag.sqlite")
  }

  func testExplicitRelativePathIsKeptAsTyped() {
    // The flag value is the user's own spelling; SQLite resolves it against the working folder.
    XCTAssertEqual(StorePath.resolve(explicit: "drives.sqlite", environment: everything), "drives.sqlite")
  }

  func testEmptyExplicitPathFallsThroughToFSDLOG_DB() {
    // `--db ""` (an unset shell variable) must not turn into a database named "".
    XCTAssertEqual(StorePath.resolve(explicit: "", environment: everything), "/env/fsdlog.db")
  }

  func testFSDLOG_DBWinsOverXDGAndHome() {
    XCTAssertEqual(StorePath.resolve(explicit: nil, environment: everything), "/env/fsdlog.db")
  }

  func testEmptyFSDLOG_DBIsIgnored() {
    var environment = everything
    environment["FSDLOG_DB"] = ""
    XCTAssertEqual(StorePath.resolve(explicit: nil, environment: environment), "/xdg/data/fsdlog/fsdlog.sqlite")
  }

  func testXDGDataHomeWinsOverHome() {
    let environment = ["XDG_DATA_HOME": "/xdg/data", "HOME": "/home/driver"]
    XCTAssertEqual(StorePath.resolve(explicit: nil, environment: environment), "/xdg/data/fsdlog/fsdlog.sqlite")
  }

  func testXDGDataHomeWithTrailingSlashGivesOneSlash() {
    let environment = ["XDG_DATA_HOME": "/xdg/data/", "HOME": "/home/driver"]
    XCTAssertEqual(StorePath.resolve(explicit: nil, environment: environment), "/xdg/data/fsdlog/fsdlog.sqlite")
  }

  func testHomeLocalShareWhenNothingElseIsSet() {
    XCTAssertEqual(
      StorePath.resolve(explicit: nil, environment: ["HOME": "/home/driver"]),
      "/home/driver/.local/share/fsdlog/fsdlog.sqlite")
  }

  func testEmptyXDGDataHomeFallsBackToHome() {
    // The XDG spec: "If $XDG_DATA_HOME is either not set or empty, a default equal to
    // $HOME/.local/share should be used."
    let environment = ["XDG_DATA_HOME": "", "HOME": "/home/driver"]
    XCTAssertEqual(
      StorePath.resolve(explicit: nil, environment: environment), "/home/driver/.local/share/fsdlog/fsdlog.sqlite")
  }

  func testRelativeXDGDataHomeIsIgnored() {
    // The XDG spec: "All paths set in these environment variables must be absolute. If an
    // implementation encounters a relative path in any of these variables it should consider the
    // path invalid and ignore it." Otherwise the database moves with the working folder.
    let environment = ["XDG_DATA_HOME": "relative/data", "HOME": "/home/driver"]
    // Used as is, it would give "relative/data/fsdlog/fsdlog.sqlite": a different database in
    // every working folder.
    XCTAssertEqual(
      StorePath.resolve(explicit: nil, environment: environment), "/home/driver/.local/share/fsdlog/fsdlog.sqlite")
  }

  func testWithoutHomeVariableUsesTheAccountsHomeFolder() {
    // launchd/cron jobs may run without HOME; the account's home folder still applies.
    let expected = (NSHomeDirectory() as NSString).appendingPathComponent(".local/share/fsdlog/fsdlog.sqlite")
    XCTAssertEqual(StorePath.resolve(explicit: nil, environment: [:]), expected)
    XCTAssertTrue(expected.hasPrefix("/"))
  }
}
