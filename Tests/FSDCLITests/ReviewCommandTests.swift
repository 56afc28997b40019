import Foundation
import XCTest

/// `fsdlog tag`, `untag`, `event`, `review --script` and the verdict of `fsdlog events`, end to end
/// on the generated samples (5 events), against the real executable and a real SQLite file.
final class ReviewCommandTests: XCTestCase {
  static let generated = CLI.packageRoot.appendingPathComponent("samples").path
  var folder: URL!
  var database: String { folder.appendingPathComponent("fsdlog.sqlite").path }

  override func setUpWithError() throws {
    folder = try CLI.temporaryDirectory()
    // Ingested once for the class (the samples take seconds); each test works on a copy.
    let result = try IngestedOnce.copy([Self.generated + "/TeslaCam"], into: folder)
    XCTAssertEqual(result.status, 1, "the no-moov clip fails, on purpose: \(result.stderr)")
  }

  override func tearDownWithError() throws { try? FileManager.default.removeItem(at: folder) }

  private func events(_ extra: [String] = []) throws -> [[String: Any]] {
    let result = try CLI.fsdlog(["events", "--db", database, "--format", "json"] + extra)
    XCTAssertEqual(result.status, 0, result.stderr)
    return try JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as! [[String: Any]]
  }

  private func eventIDs() throws -> [Int] {
    let ids = try events().map { $0["id"] as! Int }
    // 5 from telemetry; the front-camera-only drive may add vision events.
    XCTAssertGreaterThanOrEqual(ids.count, 5, "the generated samples give at least 5 events")
    return ids
  }

  /// Runs fsdlog with `input` on its standard input (a file, not a terminal).
  private func fsdlog(_ arguments: [String], stdin input: String) throws -> CLI.Result {
    try CLI.run(CLI.executable, arguments, stdin: input)
  }

  func testTagUntagAndTheVerdictFilter() throws {
    let ids = try eventIDs()
    let (phantom, justified) = (ids[0], ids[1])
    let tagged = try CLI.fsdlog(["tag", "\(phantom)", "phantom", "--note", "shadow under the bridge", "--intervened",
                                 "--db", database])
    XCTAssertEqual(tagged.status, 0, tagged.stderr)
    XCTAssertTrue(tagged.stdout.contains("phantom (intervened) — shadow under the bridge"), tagged.stdout)
    XCTAssertEqual(try CLI.fsdlog(["tag", "\(justified)", "justified", "--critical", "--db", database]).status, 0)
    let untagged = try CLI.fsdlog(["untag", "\(justified)", "--db", database])
    XCTAssertEqual(untagged.status, 0, untagged.stderr)

    let phantoms = try events(["--verdict", "phantom"])
    XCTAssertEqual(phantoms.map { $0["id"] as! Int }, [phantom])
    XCTAssertEqual(phantoms.first?["verdict"] as? String, "phantom")
    XCTAssertEqual(try events(["--verdict", "justified"]).count, 0, "the untag wins")
    XCTAssertEqual(try events(["--verdict", "untagged"]).count, ids.count - 1)
    XCTAssertTrue(try events().allSatisfy { ($0["id"] as! Int == phantom) == ($0["verdict"] as? String == "phantom") })
    let table = try CLI.fsdlog(["events", "--db", database, "--verdict", "phantom"]).stdout
    XCTAssertTrue(table.contains("phantom") && table.contains("1 event"), table)

    XCTAssertEqual(try CLI.sqlite(database, "SELECT count(*) FROM tags")[0][0], "3", "append-only")
    XCTAssertEqual(try CLI.sqlite(database, "SELECT DISTINCT source FROM tags")[0][0], "cli")

    let card = try CLI.fsdlog(["event", "\(justified)", "--db", database])
    XCTAssertEqual(card.status, 0, card.stderr)
    XCTAssertTrue(card.stdout.hasPrefix("Event \(justified)  "), card.stdout)
    XCTAssertTrue(card.stdout.contains("▲ peak"), "the card has the plot: \(card.stdout)")
    XCTAssertFalse(card.stdout.contains("\u{1B}"), "no colour into a pipe")
    let history = card.stdout.components(separatedBy: "Tag history (oldest first):\n").last ?? ""
    let rows = history.split(separator: "\n")
    XCTAssertEqual(rows.count, 2, card.stdout)
    XCTAssertTrue(rows.first?.contains("tag     cli      justified (critical)") ?? false, card.stdout)
    XCTAssertTrue(rows.last?.contains("untag   cli      untagged") ?? false, card.stdout)
    XCTAssertTrue(try CLI.fsdlog(["event", "\(phantom)", "--db", database]).stdout
      .contains("verdict   phantom   intervened ✓  critical ✗   note: \"shadow under the bridge\""))
  }

  func testReviewScriptFromStdin() throws {
    let ids = try eventIDs()
    let script = "# weekly\n\(ids[0]) phantom\n\n\(ids[1]) justified cyclist crossing\n99999 phantom\n\(ids[2]) maybe\n\(ids[3]) unsure"
    let result = try fsdlog(["review", "--script", "-", "--db", database], stdin: script)
    XCTAssertEqual(result.status, 0, result.stderr)
    XCTAssertTrue(result.stdout.hasSuffix("3 tagged, 2 skipped (see messages)\n"), result.stdout)
    XCTAssertTrue(result.stderr.contains("line 5: no event 99999"), result.stderr)
    XCTAssertTrue(result.stderr.contains("line 6: unknown verdict \"maybe\""), result.stderr)
    XCTAssertEqual(try events(["--verdict", "justified"]).map { $0["id"] as! Int }, [ids[1]])
    XCTAssertEqual(try CLI.sqlite(database, "SELECT note, source FROM tags WHERE event_id = \(ids[1])"),
                   [["cyclist crossing", "script"]])
    let empty = try fsdlog(["review", "--script", "-", "--db", database], stdin: "")
    XCTAssertEqual(empty.status, 0, empty.stderr)
    XCTAssertEqual(empty.stdout, "0 tagged, 0 skipped\n")
  }

  func testReviewWithoutATerminalPointsToTheScriptableForms() throws {
    let result = try CLI.fsdlog(["review", "--db", database])
    XCTAssertEqual(result.status, 2)
    XCTAssertTrue(result.stderr.contains("needs a terminal"), result.stderr)
    for form in ["fsdlog tag EVENT phantom|justified|unsure", "fsdlog untag EVENT", "fsdlog review --script FILE|-"] {
      XCTAssertTrue(result.stderr.contains(form), result.stderr)
    }
    XCTAssertEqual(try CLI.sqlite(database, "SELECT count(*) FROM tags")[0][0], "0")
  }

  func testUnknownEventIsNamed() throws {
    for arguments in [["tag", "4242", "phantom"], ["untag", "4242"], ["event", "4242"]] {
      let result = try CLI.fsdlog(arguments + ["--db", database])
      XCTAssertEqual(result.status, 1, "\(arguments)")
      XCTAssertTrue(result.stderr.contains("no event 4242"), result.stderr)
    }
    let missing = try CLI.fsdlog(["review", "--script", folder.appendingPathComponent("nope.txt").path, "--db", database])
    XCTAssertEqual(missing.status, 1)
    XCTAssertTrue(missing.stderr.contains("nope.txt"), missing.stderr)
  }

  /// Kills `review --script` mid-way: every tag it reported before dying is in the database.
  func testSIGKILLLosesNoReportedTag() throws {
    let ids = try eventIDs()
    let verdicts = ["phantom", "justified", "unsure", "untag"]
    let lineCount = 5000
    let script = (0..<lineCount).map { "\(ids[$0 % ids.count]) \(verdicts[$0 % verdicts.count]) pass \($0)" }
    let file = folder.appendingPathComponent("long.review")
    try script.joined(separator: "\n").write(to: file, atomically: true, encoding: .utf8)

    let process = Process()
    process.executableURL = CLI.executable
    process.arguments = ["review", "--script", file.path, "--db", database]
    let output = Pipe()
    process.standardOutput = output
    process.standardError = FileHandle.nullDevice
    process.standardInput = FileHandle.nullDevice
    try process.run()
    var received = Data()
    while received.filter({ $0 == UInt8(ascii: "\n") }).count < 40 {
      let chunk = output.fileHandleForReading.availableData
      if chunk.isEmpty { break }
      received.append(chunk)
    }
    kill(process.processIdentifier, SIGKILL)
    // What it wrote before dying is still in the pipe.
    received.append(output.fileHandleForReading.readDataToEndOfFile())
    process.waitUntilExit()
    XCTAssertEqual(process.terminationReason, .uncaughtSignal)

    let text = String(decoding: received, as: UTF8.self)
    // Only whole lines: each is one write after its commit.
    let reported = text.split(separator: "\n", omittingEmptySubsequences: false).dropLast().map(String.init)
    XCTAssertGreaterThanOrEqual(reported.count, 40)
    XCTAssertLessThan(reported.count, lineCount, "killed mid-way")
    let rows = try CLI.sqlite(database, "SELECT id, event_id, coalesce(verdict, 'untag') FROM tags")
    let stored = Dictionary(uniqueKeysWithValues: rows.map { ($0[0], "\($0[1]) \($0[2])") })
    for line in reported {
      // "tagged EVENT VERDICT (tag row ID)", or "(tag row ID; event N belongs to its incident)" when
      // the line named another event of the FSD maneuver's incident (the samples' override).
      let fields = line.split(separator: " ")
      XCTAssertTrue(fields.count == 6 || line.hasSuffix("belongs to its incident)"), line)
      guard fields.count >= 6 else { continue }
      let rowID = String(fields[5].dropLast())
      XCTAssertEqual(stored[rowID], "\(fields[1]) \(fields[2])", "reported but not stored: \(line)")
    }
    XCTAssertGreaterThanOrEqual(rows.count, reported.count)
  }

  /// The samples' first drive is one takeover: FSD brakes (2026-11-02_08-14-31) and the driver
  /// overrides at once (2026-11-02_08-14-46). The id of that drive's event of `kind`.
  private func takeoverEvent(_ kind: String) throws -> Int {
    try XCTUnwrap(events().first { $0["kind"] as? String == kind && ($0["clip"] as? String)?.contains("2026-11-02_08-14") == true }?["id"]
      as? Int)
  }

  func testATakeoverTaggedCriticalTwiceCountsOnceInStats() throws {
    // Tagged the old way, each event on its own: the brake and the override critical + intervened.
    let brake = try takeoverEvent("brake"), override = try takeoverEvent("override")
    for (id, verdict) in [(brake, "phantom"), (override, "justified")] {
      let result = try CLI.fsdlog(["tag", "\(id)", verdict, "--critical", "--intervened", "--db", database])
      XCTAssertEqual(result.status, 0, result.stderr)
      // `tag` tags the event named, and says when its verdict judges no maneuver.
      XCTAssertEqual(result.stdout.contains("belongs to the incident of FSD maneuver \(brake)"), id == override, result.stdout)
    }
    let stats = try CLI.fsdlog(["stats", "--json", "--db", database])
    XCTAssertEqual(stats.status, 0, stats.stderr)
    let periods = try XCTUnwrap(try JSONSerialization.jsonObject(with: Data(stats.stdout.utf8)) as? [[String: Any]])
    let november = try XCTUnwrap(periods.first { $0["period"] as? String == "2026-11" })
    XCTAssertEqual(november["critical_interventions"] as? Int, 1, "one takeover: \(november)")
    XCTAssertEqual(november["phantom"] as? Int, 1)
    XCTAssertEqual(november["justified"] as? Int, 0, "the override's verdict judges no FSD maneuver")
    // The events listing stays per event: each keeps the tag it was given.
    XCTAssertEqual(try events(["--verdict", "justified"]).map { $0["id"] as! Int }, [override])
  }

  func testAScriptLineNamingTheOverrideTagsTheFSDBrake() throws {
    let brake = try takeoverEvent("brake"), override = try takeoverEvent("override")
    let result = try fsdlog(["review", "--script", "-", "--db", database], stdin: "\(override) phantom shadow\n")
    XCTAssertEqual(result.status, 0, result.stderr)
    XCTAssertTrue(result.stdout.hasPrefix("tagged \(brake) phantom (tag row 1; event \(override) belongs to its incident)\n"),
                  result.stdout)
    XCTAssertEqual(try CLI.sqlite(database, "SELECT event_id, verdict, note FROM tags"), [["\(brake)", "phantom", "shadow"]])
  }
}
