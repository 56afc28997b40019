import Foundation
import XCTest

/// Small argument mistakes get a message that says what is wrong.
final class ArgumentMistakeTests: XCTestCase {
  func testANegativeEventIDIsNamedAsSuch() throws {
    for arguments in [["event", "-3"], ["tag", "-3", "phantom"], ["untag", "-12"], ["event", "--db", "x.sqlite", "-3"]] {
      let result = try CLI.fsdlog(arguments)
      XCTAssertEqual(result.status, 64, arguments.joined(separator: " "))
      XCTAssertTrue(result.stderr.contains("event ids are positive whole numbers, not -"), result.stderr)
    }
    let note = try CLI.fsdlog(["tag", "99", "phantom", "--note", "-3", "--db", "/nonexistent/x.sqlite"])
    XCTAssertFalse(note.stderr.contains("positive whole numbers"), "a note of -3 is no event id: \(note.stderr)")
  }
}
