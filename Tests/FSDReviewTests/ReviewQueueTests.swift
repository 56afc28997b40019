import FSDReview
import FSDStore
import XCTest

final class ReviewQueueTests: XCTestCase {
  func testFSDInitiatedFirstThenNewestFirst() throws {
    let fixture = try ReviewFixture()
    let queue = try ReviewQueue.load(from: fixture.store)
    XCTAssertEqual(queue.events.map(\.id), [3, 1, 2, 4])
  }

  func testTaggedEventsLeaveTheQueueUnlessAll() throws {
    let fixture = try ReviewFixture()
    try fixture.store.addTag(eventID: 3, verdict: .phantom, source: .cli)
    XCTAssertEqual(try ReviewQueue.load(from: fixture.store).events.map(\.id), [1, 2, 4])
    XCTAssertEqual(try ReviewQueue.load(from: fixture.store, .init(includeTagged: true)).events.map(\.id), [3, 1, 2, 4])
    // An untagged event is back in the queue.
    try fixture.store.untag(eventID: 3, source: .cli)
    XCTAssertEqual(try ReviewQueue.load(from: fixture.store).events.map(\.id), [3, 1, 2, 4])
  }

  func testFilters() throws {
    let fixture = try ReviewFixture()
    XCTAssertEqual(try ReviewQueue.load(from: fixture.store, .init(month: "2026-10")).events.map(\.id), [4])
    XCTAssertEqual(try ReviewQueue.load(from: fixture.store, .init(kind: .brake)).events.map(\.id), [3, 1])
    XCTAssertEqual(try ReviewQueue.load(from: fixture.store, .init(initiator: .driver)).events.map(\.id), [2])
  }
}
