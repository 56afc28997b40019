import FSDReview
import FSDStore
import XCTest

/// The one-key prompt driven through a scripted terminal against a real SQLite file.
/// Queue order of the fixture: 3, 1 (FSD, newest first), then 2, 4.
final class InteractiveReviewTests: XCTestCase {
  var fixture: ReviewFixture!

  override func setUpWithError() throws { fixture = try ReviewFixture() }

  @discardableResult
  func run(_ keys: [Key], actions: RecordingActions = RecordingActions(), color: Bool = false,
           options: ReviewQueue.Options = .init()) throws -> (InteractiveReview.Summary, ScriptedTerminal) {
    let session = ReviewSession(store: fixture.store, queue: try ReviewQueue.load(from: fixture.store, options))
    let terminal = ScriptedTerminal(keys)
    let review = InteractiveReview(session: session, terminal: terminal, style: TerminalStyle(usesColor: color),
                                   actions: actions) { event in
      EventDetails(event: event, clip: nil, folder: nil, window: .empty, localTime: nil)
    }
    return (review.run(), terminal)
  }

  func keys(_ text: String) -> [Key] { text.map { Key.character($0) } }

  func testOneKeyPerVerdictCommitsAndMovesOn() throws {
    let (summary, terminal) = try run(keys("pjq"))
    XCTAssertEqual(try fixture.verdict(3), .phantom)
    XCTAssertEqual(try fixture.verdict(1), .justified)
    XCTAssertNil(try fixture.verdict(2), "quit before the third event")
    XCTAssertEqual(summary.verdicts, [.phantom: 1, .justified: 1])
    XCTAssertEqual(summary.leftUntagged, 2)
    XCTAssertTrue(terminal.lastScreen.contains("3 / 4"), terminal.lastScreen)
    XCTAssertTrue(terminal.lastScreen.contains("Event 1 saved as justified"), terminal.lastScreen)
  }

  func testUndoAppendsAReversalAndGoesBackToTheEvent() throws {
    let (summary, terminal) = try run(keys("pjz"))
    XCTAssertEqual(try fixture.verdict(3), .phantom)
    XCTAssertNil(try fixture.verdict(1), "undone")
    XCTAssertEqual(try fixture.store.tagHistory(eventID: 1).map(\.action), [.tag, .undo], "history kept")
    XCTAssertEqual(summary.undone, 1)
    XCTAssertTrue(terminal.lastScreen.contains("2 / 4") && terminal.lastScreen.contains("Event 1 "), terminal.lastScreen)
  }

  func testNoteIsEditedOnTheBottomLineAndSavedWithTheVerdict() throws {
    // Type "cut in", fix a typo with backspace, move home and insert, then Enter; then tag.
    var input: [Key] = [.character("n")] + keys("cut inn") + [.backspace, .home] + keys("real ") + [.enter]
    input += [.character("i"), .character("p"), .character("q")]
    let (_, terminal) = try run(input)
    let state = try fixture.store.currentState(eventID: 3)
    XCTAssertEqual(state.verdict, .phantom)
    XCTAssertEqual(state.note, "real cut in")
    XCTAssertTrue(state.intervened)
    XCTAssertEqual(try fixture.store.tagHistory(eventID: 3).count, 1, "pending note and flag ride on the verdict's row")
    XCTAssertTrue(terminal.screens.contains { $0.last?.contains("note: real cut in") == true },
                  "the note line was shown while typing")
  }

  func testANoteOnAnUntaggedEventSurvivesQuitAndQuittingSaysSoFirst() throws {
    // The steps: `n`, a note, Enter ("Note kept"), then `q`. The first `q` saves the note
    // without a verdict and says so; the second quits.
    let input: [Key] = [.character("n")] + keys("shadow of the overpass") + [.enter, .character("q"), .character("q")]
    let (summary, terminal) = try run(input)
    XCTAssertEqual(try fixture.store.currentState(eventID: 3), TagState(note: "shadow of the overpass"))
    XCTAssertNil(try fixture.verdict(3), "no verdict was given: still untagged, so the next review shows it")
    XCTAssertEqual(summary.leftUntagged, 4)
    XCTAssertTrue(terminal.screens.contains { $0.joined().contains("Event 3 has no verdict") },
                  "the first q says the note is kept without a verdict:\n\(terminal.lastScreen)")

    // The next review starts from the saved note, and a verdict keeps it.
    let (_, again) = try run([.character("p"), .character("q")])
    XCTAssertTrue(again.screens.first?.joined().contains("shadow of the overpass") == true, again.screens.first?.joined() ?? "")
    XCTAssertEqual(try fixture.store.currentState(eventID: 3), TagState(verdict: .phantom, note: "shadow of the overpass"))
  }

  func testANoteGivenLastIsKeptWhenTheInputEnds() throws {
    // Ctrl-D or a closed terminal: no chance to ask, so the note is saved without a verdict.
    try run([.character("s"), .character("n")] + keys("cyclist") + [.enter])
    XCTAssertEqual(try fixture.store.currentState(eventID: 1), TagState(note: "cyclist"))
  }

  func testEscapeCancelsANoteAndBackReturns() throws {
    try run([.character("n")] + keys("oops") + [.escape, .character("s"), .left, .character("u"), .character("q")])
    XCTAssertEqual(try fixture.store.currentState(eventID: 3), TagState(verdict: .unsure), "note cancelled, back to 3")
  }

  func testFlagsOnATaggedEventAreCommittedAtOnce() throws {
    try run([.character("p"), .character("b"), .character("c"), .character("q")])
    let history = try fixture.store.tagHistory(eventID: 3)
    XCTAssertEqual(history.count, 2)
    XCTAssertEqual(history.last?.state, TagState(verdict: .phantom, critical: true))
  }

  func testCtrlCAndEndOfInputQuitKeepingEverything() throws {
    try run([.character("p"), .interrupt, .character("j")])
    XCTAssertEqual(try fixture.verdict(3), .phantom)
    XCTAssertNil(try fixture.verdict(1), "keys after Ctrl-C are not read")
    let (summary, _) = try run([.character("j")])  // then input ends: no crash, the tag stays
    XCTAssertEqual(summary.reviewed, 1)
    XCTAssertEqual(try fixture.verdict(1), .justified)
  }

  func testEndOfQueueOffersBackAndUndo() throws {
    // The last card is event 4, the driver's override: recorded (r), not asked a verdict.
    let (_, terminal) = try run(keys("ssssbrq"))
    XCTAssertEqual(try fixture.store.currentState(eventID: 4), TagState(intervened: true),
                   "b from the end screen returns to the last incident")
    XCTAssertTrue(terminal.screens.contains { $0.joined().contains("That was the last of 4 incidents") })
  }

  func testPlayerAndPreviewKeysGoToTheActions() throws {
    let actions = RecordingActions()
    let (_, terminal) = try run(keys("vsEe?xq"), actions: actions)
    XCTAssertEqual(actions.played, [3])
    XCTAssertEqual(actions.exported, [1])
    XCTAssertTrue(terminal.screens.contains { $0.joined().contains("Unknown key") }, "E is not e")
    XCTAssertTrue(terminal.screens.contains { $0.first?.contains("keys") == true }, "help screen")
  }

  func testNoColorMeansNoEscapeSequences() throws {
    let (_, plain) = try run(keys("pq"))
    XCTAssertFalse(plain.screens.flatMap { $0 }.joined().contains("\u{1B}"))
    fixture = try ReviewFixture()
    let (_, colored) = try run(keys("pq"), color: true)
    XCTAssertTrue(colored.screens.flatMap { $0 }.joined().contains("\u{1B}[1m"))
  }
}

/// A card with a plot on a short terminal: the plot gives way, the keys stay on screen.
final class ShortTerminalTests: XCTestCase {
  func testAShortTerminalKeepsTheKeysAndDropsThePlot() throws {
    let fixture = try ReviewFixture()
    var window = TelemetryWindow(samples: stride(from: -5.0, through: 5.0, by: 0.1).map { t in
      var sample = TelemetryWindow.Sample(tS: t)
      sample.speedMPS = 25
      return sample
    }, source: "sei")
    window.samples[50].speedMPS = 20
    for rows in [40, 16] {
      let session = ReviewSession(store: fixture.store, queue: try ReviewQueue.load(from: fixture.store))
      let terminal = ScriptedTerminal([.character("q")], rows: rows)
      let review = InteractiveReview(session: session, terminal: terminal, style: TerminalStyle(usesColor: false),
                                     actions: RecordingActions()) { event in
        EventDetails(event: event, clip: nil, folder: nil, window: window, localTime: nil)
      }
      _ = review.run()
      let screen = try XCTUnwrap(terminal.screens.first)
      XCTAssertLessThanOrEqual(screen.count, rows, screen.joined(separator: "\n"))
      XCTAssertTrue(screen.contains { $0.contains("[q] quit") })
      XCTAssertEqual(screen.contains { $0.contains("▲ peak") }, rows == 40, "plot only where it fits")
    }
  }
}
