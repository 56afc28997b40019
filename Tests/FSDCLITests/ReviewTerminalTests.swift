import Foundation
import XCTest

/// The real `fsdlog review` in a real terminal (tmux) on the generated samples:
/// keys in, screen out, the database checked with sqlite3.
final class ReviewTerminalTests: XCTestCase {
  var folder: URL!
  var database: String { folder.appendingPathComponent("fsdlog.sqlite").path }
  var previews: String { folder.appendingPathComponent("previews").path }
  var playerRecord: String { folder.appendingPathComponent("played.txt").path }

  override func setUpWithError() throws {
    try XCTSkipUnless(TmuxSession.isAvailable, "tmux is not installed (tools/test installs it)")
    folder = try CLI.temporaryDirectory()
    let ingest = try IngestedOnce.copy([CLI.packageRoot.appendingPathComponent("samples/TeslaCam").path], into: folder)
    XCTAssertEqual(ingest.status, 1, "the no-moov clip fails, on purpose: \(ingest.stderr)")
  }

  override func tearDownWithError() throws { if let folder { try? FileManager.default.removeItem(at: folder) } }

  func startReview(_ extra: [String] = []) throws -> TmuxSession {
    let player = folder.appendingPathComponent("player.sh").path
    try "#!/bin/sh\necho \"$@\" > \(shellQuoted(playerRecord))\n".write(toFile: player, atomically: true, encoding: .utf8)
    chmod(player, 0o755)
    let arguments = [CLI.executable.path, "review", "--db", database, "--previews", previews] + extra
    return try TmuxSession("NO_COLOR=1 FSDLOG_PLAYER=\(shellQuoted(player + " {seconds} {file}")) "
                             + arguments.map(shellQuoted).joined(separator: " "))
  }

  /// "1 / N" is on the first screen; N is the number of incidents the samples give: one card per
  /// incident, so the takeover of 2026-11-02 (FSD brake, the driver's override) is one card and the
  /// driver's brake of 2026-11-16 with the disengagement it caused another (6 events, 4 cards).
  func queueLength(_ session: TmuxSession) throws -> Int {
    let screen = try session.waitFor(" / ")
    let match = try XCTUnwrap(screen.firstMatch(of: #/1 / (\d+)/#), screen)
    let count = try XCTUnwrap(Int(match.1))
    XCTAssertEqual(count, 4, "the samples' 6 events are 4 incidents")
    XCTAssertEqual(try CLI.sqlite(database, "SELECT count(*) FROM events WHERE superseded_at IS NULL"), [["6"]])
    return count
  }

  func eventID(on screen: String) throws -> String {
    let match = try XCTUnwrap(screen.firstMatch(of: #/Event (\d+) /#), screen)
    return String(match.1)
  }

  func tagRows(_ id: String) throws -> [[String]] {
    try CLI.sqlite(database, "SELECT action, coalesce(verdict, '-'), intervened, critical, coalesce(note, '-'), source "
                     + "FROM tags WHERE event_id = \(id) ORDER BY id")
  }

  func testTaggingNotesUndoPreviewPlayerAndQuit() throws {
    let session = try startReview()
    let total = try queueLength(session)
    var screen = try session.waitFor("1 / \(total)")
    XCTAssertTrue(screen.contains("FSD-initiated"), "FSD events first:\n\(screen)")
    XCTAssertTrue(screen.contains("▲ peak") && screen.contains("km/h"), "the plot is drawn:\n\(screen)")
    let first = try eventID(on: screen)
    try session.press("p")

    // The second card is the takeover of 2026-11-02: the FSD brake, with the driver's override on
    // the same card, an intervention by default.
    screen = try session.waitFor("2 / \(total)")
    let second = try eventID(on: screen)
    XCTAssertTrue(screen.contains("accelerator override by the driver"), "one card for the takeover:\n\(screen)")
    XCTAssertTrue(screen.contains("untagged   intervened ✓"), screen)
    try session.press("n")
    try session.waitFor("note:")
    try session.type("lead car braked hard")
    try session.press("Enter")
    try session.waitFor("Note kept")
    try session.press("j")

    // The third: the brake the camera alone saw on 2026-11-20 (no SEI, no CSV here): asked too.
    screen = try session.waitFor("3 / \(total)")
    let third = try eventID(on: screen)
    try session.press("c")
    try session.waitFor("Critical set")
    try session.press("u")
    try session.waitFor("4 / \(total)")
    try session.press("z")  // undo the unsure: back on the third card, untagged, the flags kept
    screen = try session.waitFor("Undone")
    XCTAssertTrue(screen.contains("3 / \(total)") && screen.contains("Event \(third) "), screen)
    XCTAssertTrue(screen.contains("wait for its verdict"), screen)
    try session.press("u")
    try session.waitFor("4 / \(total)")

    // The last card is the driver's own brake and the disengagement it caused: not asked
    // phantom or justified, recorded (its key bar, the screen's last line, says so).
    screen = try session.waitFor("[r] record the driver's action")
    let fourth = try eventID(on: screen)
    XCTAssertTrue(screen.contains("disengagement by the driver") && screen.contains("[r] record the driver's action"), screen)
    XCTAssertFalse(screen.contains("[p] phantom"), screen)
    try session.press("e")
    screen = try session.waitFor("Preview: ")
    try session.press("v")
    try session.waitFor("Playing in")
    try session.press("r")
    try session.waitFor("That was the last of 4 incidents")
    try session.press("q")
    screen = try session.waitFor("TTY=")
    XCTAssertTrue(screen.contains("Reviewed 3 incidents: 1 phantom, 1 justified, 1 unsure. 1 driver's action recorded. 1 undo."),
                  screen)
    XCTAssertTrue(screen.contains("EXIT=0"), screen)
    XCTAssertTrue(screen.contains("TTY=restored"), "the terminal is back in line mode with echo:\n\(screen)")

    XCTAssertEqual(try tagRows(first), [["tag", "phantom", "0", "0", "-", "review"]])
    XCTAssertEqual(try tagRows(second), [["tag", "justified", "1", "0", "lead car braked hard", "review"]])
    XCTAssertEqual(try tagRows(third), [["tag", "unsure", "0", "1", "-", "review"], ["undo", "-", "0", "0", "-", "review"],
                                        ["tag", "unsure", "0", "1", "-", "review"]],
                   "the undo took the verdict back, not the flags given with it")
    // The override shares the brake's card and question: no tag of its own.
    XCTAssertEqual(try CLI.sqlite(database, "SELECT count(*) FROM tags JOIN events ON events.id = tags.event_id "
                                    + "WHERE events.kind = 'override'"), [["0"]])
    // The driver's action: flags without a verdict (a row without one is stored as `untag`).
    XCTAssertEqual(try tagRows(fourth), [["untag", "-", "1", "0", "-", "review"]])
    let files = try FileManager.default.contentsOfDirectory(atPath: previews).sorted()
    XCTAssertEqual(files.map { URL(fileURLWithPath: $0).pathExtension }, ["mp4", "png"], "\(files)")
    // The player runs on its own: give it time to write down what it was asked.
    for _ in 0..<400 where ((try? String(contentsOfFile: playerRecord, encoding: .utf8)) ?? "").hasSuffix("\n") == false {
      usleep(50_000)
    }
    let played = try String(contentsOfFile: playerRecord, encoding: .utf8)
    XCTAssertTrue(played.hasSuffix("-front.mp4\n") && Double(played.split(separator: " ")[0]) != nil, played)
  }

  func testCtrlCQuitsAndRestoresTheTerminal() throws {
    let session = try startReview()
    let total = try queueLength(session)
    try session.press("j")
    try session.waitFor("2 / \(total)")
    try session.press("C-c")
    let screen = try session.waitFor("TTY=")
    XCTAssertTrue(screen.contains("EXIT=0") && screen.contains("TTY=restored"), screen)
    XCTAssertEqual(try CLI.sqlite(database, "SELECT count(*) FROM tags WHERE verdict = 'justified'"), [["1"]])
  }

  func testSIGKILLMidReviewLosesNoTagGivenBefore() throws {
    let session = try startReview()
    let total = try queueLength(session)
    var given: [String] = []
    for (key, next) in [("p", "2 / \(total)"), ("j", "3 / \(total)"), ("p", "4 / \(total)")] {
      given.append(try eventID(on: try session.screen()))
      try session.press(key)
      try session.waitFor(next)
    }
    XCTAssertEqual(kill(try session.programPID(), SIGKILL), 0)
    try session.waitFor("EXIT=137")
    let stored = try CLI.sqlite(database, "SELECT event_id, verdict FROM tags ORDER BY id")
    XCTAssertEqual(stored, zip(given, ["phantom", "justified", "phantom"]).map { [$0, $1] })

    // The next review picks up the events left.
    let again = try startReview()
    try again.waitFor("1 / \(total - 3)")
    try again.press("q")
    XCTAssertTrue(try again.waitFor("TTY=").contains("EXIT=0"))
  }

  func testReviewWhileAnIngestWritesToTheSameDatabase() throws {
    let session = try startReview()
    let total = try queueLength(session)
    // Re-analyse every clip (seconds of writing) while tags are given.
    let ingestDone = LockedData()
    let database = self.database
    let ingest = Thread {
      let result = try? CLI.fsdlog(["ingest", "--force", CLI.packageRoot.appendingPathComponent("samples/TeslaCam").path,
                                    "--db", database])
      ingestDone.set(Data("\(result?.status ?? -1)\n\(result?.stderr ?? "")".utf8))
    }
    ingest.start()
    var given: [String] = []
    for (key, next) in [("p", "2 / \(total)"), ("j", "3 / \(total)")] {
      given.append(try eventID(on: try session.screen()))
      try session.press(key)
      try session.waitFor(next, timeoutS: 30)
    }
    try session.press("q")
    XCTAssertTrue(try session.waitFor("TTY=").contains("EXIT=0"))
    for _ in 0..<1200 where !ingestDone.isSet { usleep(50_000) }
    let ingestResult = String(decoding: ingestDone.value, as: UTF8.self)
    XCTAssertTrue(ingestResult.hasPrefix("1\n"), "the ingest finished (the no-moov clip fails on purpose): \(ingestResult)")
    XCTAssertEqual(try CLI.sqlite(database, "SELECT event_id, verdict FROM tags ORDER BY id"),
                   zip(given, ["phantom", "justified"]).map { [$0, $1] })
    // Re-detection kept the event ids, so the verdicts still belong to active events.
    XCTAssertEqual(try CLI.sqlite(database, "SELECT count(*) FROM tags JOIN events ON events.id = tags.event_id "
                                    + "WHERE events.superseded_at IS NULL"), [["2"]])
  }

  func testAnEmptyQueueSaysWhy() throws {
    // The samples' override is the driver's: nothing matches these filters at all.
    var screen = try startReview(["--kind", "override", "--initiator", "fsd"]).waitFor("TTY=")
    XCTAssertTrue(screen.contains("No events (override, initiated by fsd). `fsdlog events` lists what there is."), screen)
    XCTAssertTrue(screen.contains("EXIT=0"), screen)
    // Nothing is tagged yet, so there is nothing to retag.
    screen = try startReview(["--retag"]).waitFor("TTY=")
    XCTAssertTrue(screen.contains("No tagged events to change."), screen)
  }

  func testWithoutATerminalItPointsToTheScriptableForms() throws {
    let result = try CLI.fsdlog(["review", "--db", database])
    XCTAssertEqual(result.status, 2)
    XCTAssertTrue(result.stderr.contains("needs a terminal") && result.stderr.contains("fsdlog review --script"), result.stderr)
  }
}
