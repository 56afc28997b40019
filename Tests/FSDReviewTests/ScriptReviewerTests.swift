import FSDReview
import FSDStore
import XCTest

final class ScriptReviewerTests: XCTestCase {
  func testGoodBadBlankAndCommentLines() throws {
    let fixture = try ReviewFixture()
    let script = """
      # weekly review
      3 phantom shadow under the bridge

      1   JUSTIFIED
      2 maybe
      99 phantom
      x phantom
      4
      1 untag
        # indented comment
      4 unsure
      """
    var lines = script.split(separator: "\n", omittingEmptySubsequences: false).map(String.init).makeIterator()
    var reported: [Int] = []
    let summary = ScriptReviewer(store: fixture.store).run(nextLine: { lines.next() }) { number, _ in
      reported.append(number)
    }
    XCTAssertEqual(summary.applied, 4)
    XCTAssertEqual(summary.skipped, 4)
    XCTAssertEqual(reported, [2, 4, 5, 6, 7, 8, 9, 11])
    XCTAssertTrue(summary.messages[0].hasPrefix("line 5: unknown verdict"), summary.messages[0])
    XCTAssertTrue(summary.messages[1].hasPrefix("line 6: no event 99"), summary.messages[1])
    XCTAssertTrue(summary.messages[2].hasPrefix("line 7:"), summary.messages[2])
    XCTAssertTrue(summary.messages[3].hasPrefix("line 8: expected"), summary.messages[3])

    XCTAssertEqual(try fixture.store.currentState(eventID: 3), TagState(verdict: .phantom, note: "shadow under the bridge"))
    XCTAssertNil(try fixture.verdict(1), "the later untag wins")
    XCTAssertEqual(try fixture.store.tagHistory(eventID: 1).map(\.action), [.tag, .untag])
    XCTAssertEqual(try fixture.verdict(4), .unsure)
    XCTAssertEqual(try fixture.store.currentTag(eventID: 4)?.source, .script)
  }

  func testEmptyInputEndsCleanly() throws {
    let fixture = try ReviewFixture()
    let summary = ScriptReviewer(store: fixture.store).run(nextLine: { nil })
    XCTAssertEqual(summary, ScriptReviewer.Summary())
  }

  func testALastLineWithoutNewlineIsApplied() throws {
    let fixture = try ReviewFixture()
    var lines = ["2 phantom"].makeIterator()
    XCTAssertEqual(ScriptReviewer(store: fixture.store).run(nextLine: { lines.next() }).applied, 1)
    XCTAssertEqual(try fixture.verdict(2), .phantom)
  }
}
