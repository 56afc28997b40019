import FSDDomain
import FSDTestSupport
import Foundation
import XCTest

@testable import FSDStore

/// The "v3: tags" migration and the tag API: append-only history, latest wins, undo, and the
/// verdict filter of `events`.
final class StoreTagTests: XCTestCase {
  var folder: TemporaryFolder!
  var store: Store!
  var path: String { folder.path("fsdlog.sqlite") }

  override func setUpWithError() throws {
    folder = try TemporaryFolder()
    store = try Store(path: path)
    try store.replaceDrives([(drive: DriveRecord(startLocal: "2026-11-01T08:00:00", endLocal: "2026-11-01T09:00:00",
                                                 startUtc: nil, clipCount: 0, durationS: 0), clipIDs: [])])
    let events = ["2026-11-01T10:00:00.000Z", "2026-11-02T10:00:00.000Z", "2026-11-03T10:00:00.000Z"].map {
      EventRecord(kind: .brake, onsetUtc: $0, peakUtc: $0, endUtc: $0, initiator: .fsd, source: .telemetry,
                  confidence: 1, detectedAt: "2026-11-04T00:00:00.000Z")
    }
    try store.replaceEvents(driveID: try XCTUnwrap(store.driveIDs().first), with: events)
  }

  private func ids(_ verdict: String) throws -> [Int64] {
    try store.events(EventFilter(verdict: VerdictFilter(rawValue: verdict))).compactMap(\.id).sorted()
  }

  /// SQLite's C API reads text up to a NUL: a note holding one (typed in review) keeps the rest.
  func testANoteKeepsWhatFollowsANul() throws {
    let id = try XCTUnwrap(try ids("untagged").first)
    try store.addTag(eventID: id, verdict: .phantom, note: "shadow\0under the bridge", source: .cli)
    XCTAssertEqual(try store.currentState(eventID: id).note, "shadow\u{FFFD}under the bridge")
    XCTAssertEqual(try SQLiteCLI.scalar(path, "SELECT length(note) FROM tags"), "23")
  }

  func testMigrationCreatesTheTagsTable() throws {
    XCTAssertEqual(try SQLiteCLI.scalar(path, "SELECT count(*) FROM grdb_migrations WHERE identifier = 'v3: tags'"), "1")
    let columns = try SQLiteCLI.rows(path, "PRAGMA table_info(tags)").compactMap { $0["name"] as? String }
    XCTAssertEqual(columns, ["id", "event_id", "verdict", "intervened", "critical", "note", "action", "tagged_at", "source"])
  }

  func testHistoryIsAppendOnlyEvenForOtherClients() throws {
    try store.addTag(eventID: 1, verdict: .phantom, source: .cli)
    XCTAssertThrowsError(try SQLiteCLI.execute(path, "UPDATE tags SET verdict = 'justified'"))
    XCTAssertThrowsError(try SQLiteCLI.execute(path, "DELETE FROM tags"))
    XCTAssertThrowsError(try SQLiteCLI.execute(path, "INSERT INTO tags (event_id, verdict, action, tagged_at, source) "
                                                 + "VALUES (1, 'maybe', 'tag', 'x', 'cli')"), "verdicts are checked")
    XCTAssertEqual(try SQLiteCLI.scalar(path, "SELECT verdict FROM tags"), "phantom")
  }

  func testLatestRowWinsAndUntagAppends() throws {
    try store.addTag(eventID: 1, verdict: .phantom, intervened: true, note: "first", source: .cli)
    try store.addTag(eventID: 1, verdict: .justified, critical: true, source: .script)
    XCTAssertEqual(try store.currentState(eventID: 1), TagState(verdict: .justified, critical: true))
    try store.untag(eventID: 1, source: .cli)
    XCTAssertNil(try store.currentState(eventID: 1).verdict)
    let history = try store.tagHistory(eventID: 1)
    XCTAssertEqual(history.map(\.action), [.tag, .tag, .untag])
    XCTAssertEqual(history.map(\.verdict), [.phantom, .justified, nil])
    XCTAssertEqual(history.first?.note, "first")
    XCTAssertTrue(history[0].taggedAt.hasSuffix("Z"), "UTC")
    XCTAssertEqual(try SQLiteCLI.scalar(path, "SELECT count(*) FROM tags"), "3")
  }

  func testUndoWalksBackOneStateAtATime() throws {
    try store.addTag(eventID: 2, verdict: .unsure, source: .cli)
    try store.addTag(eventID: 2, verdict: .phantom, note: "n", source: .cli)
    try store.untag(eventID: 2, source: .cli)
    XCTAssertEqual(try store.undoLast(eventID: 2, source: .review)?.verdict, .phantom)
    XCTAssertEqual(try store.currentState(eventID: 2), TagState(verdict: .phantom, note: "n"))
    XCTAssertEqual(try store.undoLast(eventID: 2, source: .review)?.verdict, .unsure)
    XCTAssertEqual(try store.undoLast(eventID: 2, source: .review)?.action, .undo)
    XCTAssertNil(try store.currentState(eventID: 2).verdict)
    XCTAssertNil(try store.undoLast(eventID: 2, source: .review), "nothing left to undo")
    XCTAssertEqual(try store.tagHistory(eventID: 2).count, 6)
  }

  func testVerdictFilterUsesTheLatestTag() throws {
    try store.addTag(eventID: 1, verdict: .phantom, source: .cli)
    try store.addTag(eventID: 2, verdict: .phantom, source: .cli)
    try store.addTag(eventID: 2, verdict: .justified, source: .cli)
    try store.addTag(eventID: 3, verdict: .unsure, source: .cli)
    try store.untag(eventID: 3, source: .cli)
    XCTAssertEqual(try ids("phantom"), [1])
    XCTAssertEqual(try ids("justified"), [2])
    XCTAssertEqual(try ids("unsure"), [])
    XCTAssertEqual(try ids("untagged"), [3])
    let listings = try store.taggedEvents(newestFirst: true)
    XCTAssertEqual(listings.map(\.event.id), [3, 2, 1], "newest first")
    XCTAssertEqual(listings.map(\.state.verdict), [nil, .justified, .phantom])
    XCTAssertEqual(try store.taggedEvents(EventFilter(verdict: .verdict(.phantom))).map(\.event.id), [1],
                   "one query with the filter, as events() filters")
    XCTAssertEqual(try store.taggedEvents(EventFilter(verdict: .untagged)).map(\.event.id), [3])
  }

  func testTheLatestTagIsOneIndexSeek() throws {
    // The sqlite3 shell prints a plan as a tree, not as rows.
    let plan = try SQLiteCLI.scalar(path, "EXPLAIN QUERY PLAN SELECT * FROM events WHERE \(Store.currentVerdictSQL) = 'phantom'")
    XCTAssertTrue(plan.contains("tags_by_event"), plan)
  }

  func testUnknownEventIsAClearError() throws {
    XCTAssertThrowsError(try store.addTag(eventID: 42, verdict: .phantom, source: .cli)) { error in
      XCTAssertTrue("\(error)".contains("no event 42"), "\(error)")
    }
    XCTAssertThrowsError(try store.undoLast(eventID: 42, source: .cli))
    XCTAssertEqual(try store.tagHistory(eventID: 42), [])
  }

  func testTagsFromAnotherClientAreSeen() throws {
    // Another process writing the same file (WAL): its committed rows count like ours.
    try store.addTag(eventID: 1, verdict: .phantom, source: .cli)
    try SQLiteCLI.execute(path, "INSERT INTO tags (event_id, verdict, action, tagged_at, source) "
                            + "VALUES (1, 'justified', 'tag', '2026-11-05T00:00:00.000Z', 'script')")
    XCTAssertEqual(try store.currentState(eventID: 1).verdict, .justified)
    try store.addTag(eventID: 1, verdict: .unsure, source: .cli)
    XCTAssertEqual(try ids("unsure"), [1])
  }
}
