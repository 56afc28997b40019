import FSDDomain
import FSDReview
import FSDStore
import XCTest

/// One card per incident, on a real SQLite file: a takeover (FSD brake, the driver's brake, the
/// disengagement, the override within a few seconds) is one card and one question, its verdict
/// goes to the FSD brake, intervened by default; the driver's own brake is recorded, not judged.
final class IncidentReviewTests: XCTestCase {
  var fixture: ReviewFixture!

  /// Ids 1–4: the takeover at 16:14:45 (FSD brake, driver's brake, disengagement, override);
  /// 5: an FSD swerve 30 s later, alone; 6–7: the driver's brake and the disengagement it caused
  /// a minute later (no FSD maneuver).
  override func setUpWithError() throws {
    func at(_ kind: EventKind, _ initiator: Initiator, _ time: String, until end: String? = nil) -> EventRecord {
      ReviewFixture.event(kind, initiator, "2026-11-02T16:\(time)Z", autopilot: .selfDriving,
                          endUtc: end.map { "2026-11-02T16:\($0)Z" })
    }
    fixture = try ReviewFixture(events: [
      at(.brake, .fsd, "14:45.250", until: "14:46.150"),
      at(.brake, .driver, "14:46.950", until: "14:47.600"),
      at(.disengagement, .driver, "14:47.050"),
      at(.override, .driver, "14:49.350", until: "14:50.000"),
      at(.swerve, .fsd, "15:20.000", until: "15:21.000"),
      at(.brake, .driver, "16:22.150", until: "16:23.400"),
      at(.disengagement, .driver, "16:22.250"),
    ])
  }

  func review(_ keys: [Key]) throws -> (InteractiveReview.Summary, ScriptedTerminal) {
    let session = ReviewSession(store: fixture.store, queue: try ReviewQueue.load(from: fixture.store))
    let terminal = ScriptedTerminal(keys)
    let review = InteractiveReview(session: session, terminal: terminal, style: TerminalStyle(usesColor: false),
                                   actions: RecordingActions()) { event in
      EventDetails(event: event, clip: nil, folder: nil, window: .empty, localTime: nil)
    }
    return (review.run(), terminal)
  }

  func testOneCardPerIncidentFSDManeuversFirst() throws {
    let queue = try ReviewQueue.load(from: fixture.store)
    XCTAssertEqual(queue.incidents.map { $0.events.map { $0.id ?? 0 } }, [[5], [1, 2, 3, 4], [6, 7]])
    XCTAssertEqual(queue.events.map(\.id), [5, 1, 6], "the leads")
    // A filter never splits a takeover: the override finds its whole incident.
    XCTAssertEqual(try ReviewQueue.load(from: fixture.store, .init(kind: .override)).incidents.map { $0.events.count }, [4])
  }

  func testTheTakeoversCardShowsEveryEventAndTagsTheFSDBrakeIntervened() throws {
    let (summary, terminal) = try review([.character("s"), .character("p"), .character("q")])
    let card = try XCTUnwrap(terminal.screens.first { $0.joined().contains("2 / 3") }).joined(separator: "\n")
    XCTAssertTrue(card.contains("Event 1  BRAKE"), card)
    for line in ["event 2  brake by the driver  +1.7 s", "event 3  disengagement by the driver  +1.8 s",
                 "event 4  accelerator override by the driver  +4.1 s"] {
      XCTAssertTrue(card.contains(line), "\(line) in:\n\(card)")
    }
    XCTAssertTrue(card.contains("untagged   intervened ✓"), "a takeover is an intervention by default:\n\(card)")
    XCTAssertEqual(try fixture.store.currentState(eventID: 1), TagState(verdict: .phantom, intervened: true))
    for member: Int64 in [2, 3, 4] {
      XCTAssertTrue(try fixture.store.tagHistory(eventID: member).isEmpty, "event \(member) keeps no tag of its own")
    }
    XCTAssertEqual(summary.verdicts, [.phantom: 1])
    XCTAssertEqual(summary.leftUntagged, 2, "the swerve and the driver's brake")
    // Judged: the incident leaves the queue, all four events with it.
    XCTAssertEqual(try ReviewQueue.load(from: fixture.store).events.map(\.id), [5, 6])
  }

  func testTheDriverCanClearTheDefaultIntervenedFlag() throws {
    _ = try review([.character("s"), .character("i"), .character("j"), .character("q")])
    XCTAssertEqual(try fixture.store.currentState(eventID: 1), TagState(verdict: .justified))
  }

  func testTheDriversOwnActionIsRecordedNotJudged() throws {
    let (summary, terminal) = try review([.character("s"), .character("s"), .character("p"), .character("c"), .character("r"),
                                          .character("q")])
    let card = try XCTUnwrap(terminal.screens.first { $0.joined().contains("3 / 3") }).joined(separator: "\n")
    XCTAssertTrue(card.contains("[r] record the driver's action") && !card.contains("[p] phantom"), card)
    XCTAssertTrue(card.contains("driver's action   intervened ✓"), card)
    XCTAssertTrue(terminal.screens.contains { $0.joined().contains("not asked phantom or justified") }, "p is refused")
    XCTAssertEqual(try fixture.store.tagHistory(eventID: 6).map(\.state), [TagState(intervened: true, critical: true)],
                   "one row: the takeover as an intervention, critical")
    XCTAssertTrue(try fixture.store.tagHistory(eventID: 7).isEmpty)
    XCTAssertEqual(summary.recorded, 1)
    XCTAssertEqual(summary.reviewed, 0, "no verdict")
    XCTAssertEqual(try ReviewQueue.load(from: fixture.store).events.map(\.id), [5, 1], "recorded: no longer waiting")
    XCTAssertThrowsError(try ReviewSession(store: fixture.store,
                                           queue: try ReviewQueue.load(from: fixture.store, .init(includeTagged: true)))
      .skippingTo(6).tag(.phantom)) { error in
      XCTAssertEqual(error as? ReviewError, .noVerdictAsked(eventID: 6))
    }
  }

  func testAnOldTagOnTheDisengagementShowsOnTheCardAndStillAsksTheVerdict() throws {
    // Tagged before incidents: the disengagement critical + intervened, the FSD brake never.
    try fixture.store.addTag(eventID: 3, verdict: .justified, intervened: true, critical: true, note: "truck", source: .cli)
    XCTAssertEqual(try ReviewQueue.load(from: fixture.store).events.map(\.id), [5, 1, 6], "the FSD brake still waits")
    let (_, terminal) = try review([.character("s"), .character("c"), .character("u"), .character("q")])
    let card = try XCTUnwrap(terminal.screens.first { $0.joined().contains("2 / 3") }).joined(separator: "\n")
    XCTAssertTrue(card.contains("its own tag: justified, intervened, critical"), card)
    XCTAssertTrue(card.contains("critical ✓") && card.contains("note: \"truck\""), card)
    XCTAssertTrue(terminal.screens.contains { $0.joined().contains("event 3 holds it from an earlier tag") },
                  "clearing critical on the lead says where the flag still comes from")
    XCTAssertEqual(try fixture.store.currentState(eventID: 1), TagState(verdict: .unsure, intervened: true))
  }

  func testAScriptLineNamingTheOverrideTagsTheFSDBrake() throws {
    let reviewer = ScriptReviewer(store: fixture.store)
    XCTAssertEqual(reviewer.apply("4 phantom shadow", number: 1), .appliedToLead(
      try XCTUnwrap(fixture.store.currentTag(eventID: 1)), named: 4))
    XCTAssertEqual(try fixture.store.currentState(eventID: 1), TagState(verdict: .phantom, note: "shadow"))
    XCTAssertTrue(try fixture.store.tagHistory(eventID: 4).isEmpty)
    // The driver's own brake has no maneuver of the car to judge: the line tags the event named.
    guard case .applied(let row) = reviewer.apply("7 justified", number: 2) else { return XCTFail("not applied") }
    XCTAssertEqual(row.eventId, 7)
    // The lead itself: as before.
    guard case .applied(let own) = reviewer.apply("5 unsure", number: 3) else { return XCTFail("not applied") }
    XCTAssertEqual(own.eventId, 5)
  }
}

private extension ReviewSession {
  /// Skips to the incident led by `eventID`.
  func skippingTo(_ eventID: Int64) throws -> ReviewSession {
    while let current, current.id != eventID { try skip() }
    return self
  }
}
