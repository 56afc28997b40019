import FSDReview
import FSDStore
import XCTest

/// The session driven in code, as the interactive prompt will drive it, checked in the database.
final class ReviewSessionTests: XCTestCase {
  var fixture: ReviewFixture!
  var session: ReviewSession!

  override func setUpWithError() throws {
    fixture = try ReviewFixture()
    session = ReviewSession(store: fixture.store, queue: try ReviewQueue.load(from: fixture.store))
  }

  func testTagCommitsAtOnceAndMovesOn() throws {
    XCTAssertEqual(session.current?.id, 3)
    try session.tag(.phantom)
    XCTAssertEqual(try fixture.verdict(3), .phantom, "committed before the session ends")
    XCTAssertEqual(try fixture.store.currentTag(eventID: 3)?.source, .review)
    XCTAssertEqual(session.current?.id, 1)
    try session.tag(.justified)
    XCTAssertEqual(try fixture.verdict(1), .justified)
    XCTAssertEqual(try fixture.tagRowCount(), 2)
  }

  func testUndoAppendsAReversalAndReturnsToTheEvent() throws {
    try session.tag(.phantom)
    try session.tag(.justified)
    XCTAssertEqual(session.current?.id, 2)
    XCTAssertTrue(try session.undo())
    XCTAssertEqual(session.current?.id, 1, "back on the event whose tag was undone")
    XCTAssertNil(try fixture.verdict(1))
    XCTAssertEqual(try fixture.tagRowCount(), 3, "undo appends, never deletes")
    XCTAssertEqual(try fixture.store.tagHistory(eventID: 1).map(\.action), [.tag, .undo])
    XCTAssertEqual(try fixture.verdict(3), .phantom, "only the last action is undone")
    XCTAssertTrue(try session.undo())
    XCTAssertNil(try fixture.verdict(3))
    XCTAssertFalse(try session.undo(), "nothing left that this session did")
    XCTAssertEqual(try fixture.tagRowCount(), 4)
  }

  func testUndoRestoresThePreviousVerdict() throws {
    try fixture.store.addTag(eventID: 3, verdict: .unsure, note: "from before", source: .cli)
    let all = ReviewSession(store: fixture.store,
                            queue: try ReviewQueue.load(from: fixture.store, .init(includeTagged: true)))
    try all.tag(.phantom)
    XCTAssertEqual(try fixture.store.currentState(eventID: 3),
                   TagState(verdict: .phantom, note: "from before"), "retagging keeps the note")
    try all.undo()
    XCTAssertEqual(try fixture.store.currentState(eventID: 3), TagState(verdict: .unsure, note: "from before"))
  }

  func testTogglesAndNoteOnAnUntaggedEventWaitForTheVerdict() throws {
    try session.toggleIntervened()
    try session.toggleCritical()
    try session.note("  pedestrian near the curb  ")
    XCTAssertEqual(try fixture.tagRowCount(), 0, "no tag row without a verdict")
    XCTAssertEqual(try session.currentState(), TagState(intervened: true, critical: true, note: "pedestrian near the curb"))
    try session.tag(.justified)
    XCTAssertEqual(try fixture.store.currentState(eventID: 3),
                   TagState(verdict: .justified, intervened: true, critical: true, note: "pedestrian near the curb"))
  }

  func testUndoingAVerdictKeepsTheNoteAndFlagsTypedWithIt() throws {
    try session.note("plastic bag, not a pedestrian")
    try session.toggleIntervened()
    try session.tag(.phantom)
    XCTAssertEqual(try fixture.tagRowCount(), 1, "note, flag and verdict are one row")
    try session.undo()
    XCTAssertEqual(session.current?.id, 3)
    XCTAssertNil(try fixture.verdict(3), "the verdict is taken back")
    XCTAssertEqual(try session.currentState(), TagState(intervened: true, note: "plastic bag, not a pedestrian"),
                   "the note and flag wait for the next verdict, as before it")
    try session.tag(.justified)
    XCTAssertEqual(try fixture.store.currentState(eventID: 3),
                   TagState(verdict: .justified, intervened: true, note: "plastic bag, not a pedestrian"))

    // Undone again and left without a verdict: the note is saved on its own, never lost.
    try session.undo()
    try session.quit()
    XCTAssertEqual(try fixture.store.currentState(eventID: 3),
                   TagState(intervened: true, note: "plastic bag, not a pedestrian"))
  }

  func testTogglesOnATaggedEventCommitAndLatestWins() throws {
    try session.tag(.phantom)
    try session.back()
    XCTAssertEqual(session.current?.id, 3)
    try session.toggleCritical()
    try session.toggleIntervened()
    try session.toggleIntervened()
    try session.note("shadow under the bridge")
    XCTAssertEqual(try fixture.store.tagHistory(eventID: 3).count, 5, "one row per change")
    XCTAssertEqual(try fixture.store.currentState(eventID: 3),
                   TagState(verdict: .phantom, critical: true, note: "shadow under the bridge"))
    try session.undo()
    XCTAssertEqual(try fixture.store.currentState(eventID: 3).note, nil, "undo takes the note back")
    XCTAssertEqual(try fixture.store.currentState(eventID: 3).critical, true)
  }

  func testSkipBackAndQuit() throws {
    try session.back()
    XCTAssertEqual(session.position, 0, "back stops at the first event")
    try session.skip()
    try session.skip()
    XCTAssertEqual(session.current?.id, 2)
    try session.skip()
    try session.skip()
    XCTAssertTrue(session.isFinished)
    XCTAssertEqual(session.position, 4)
    try session.back()
    XCTAssertEqual(session.current?.id, 4)
    try session.quit()
    XCTAssertTrue(session.isFinished)
    XCTAssertNil(session.current)
    try session.tag(.phantom)
    XCTAssertEqual(try fixture.tagRowCount(), 0, "moving without a change writes nothing, nor anything after quit")
  }

  func testAFlagWaitingForAVerdictIsSavedWithoutOneWhenMovingOn() throws {
    // Event 1 (the second FSD maneuver): event 2, the fixture's third, is the driver's own action.
    try session.skip()
    XCTAssertEqual(session.current?.id, 1)
    try session.toggleCritical()
    XCTAssertEqual(try fixture.tagRowCount(), 0, "waits for the verdict while on the event")
    try session.back()
    XCTAssertEqual(try fixture.store.currentState(eventID: 1), TagState(critical: true), "kept, without a verdict")
    XCTAssertNil(try fixture.verdict(1), "still untagged: the queue shows it again")
    try session.skip()
    XCTAssertEqual(try session.currentState(), TagState(critical: true), "shown again when coming back")
    try session.tag(.justified)
    XCTAssertEqual(try fixture.store.currentState(eventID: 1), TagState(verdict: .justified, critical: true))
  }

  func testANoteWaitingForAVerdictIsSavedWhenQuitting() throws {
    // Defect 8: `n`, a note, Enter, then `q` on an untagged event lost the note.
    try session.note("truck merging from the right")
    XCTAssertTrue(try session.hasPendingChanges())
    try session.quit()
    XCTAssertEqual(try fixture.store.currentState(eventID: 3), TagState(note: "truck merging from the right"))
    XCTAssertNil(try fixture.verdict(3))
    XCTAssertEqual(try fixture.store.tagHistory(eventID: 3).map(\.source), [.review])
  }
}
