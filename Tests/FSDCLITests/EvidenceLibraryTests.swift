import FSDReview
import FSDStore
import Foundation
import XCTest

/// The evidence library (issue 14, item 2), end to end with the real `fsdlog` on a copy of the
/// generated samples: ingest keeps every event's footage beside the database; once the clips are
/// gone, `event`, the player, the preview and the report's thumbnail use it; `prune` bounds it.
final class EvidenceLibraryTests: XCTestCase {
  var folder: URL!
  var database: String { folder.appendingPathComponent("db/fsdlog.sqlite").path }
  var library: String { folder.appendingPathComponent("db/evidence").path }
  var stick: String { folder.appendingPathComponent("stick/TeslaCam").path }

  override func setUpWithError() throws {
    folder = try CLI.temporaryDirectory()
    try FileManager.default.createDirectory(atPath: folder.appendingPathComponent("stick").path, withIntermediateDirectories: true)
    try FileManager.default.copyItem(atPath: MovedTreeTests.teslaCam, toPath: stick)
  }

  override func tearDownWithError() throws { try? FileManager.default.removeItem(at: folder) }

  @discardableResult
  private func ingest(_ extra: [String] = [], again: Bool = false) throws -> CLI.Result {
    let ingest = try CLI.fsdlog(["ingest", stick, "--db", database] + extra)
    // The samples' no-moov clip fails on purpose; on a second run it is a known problem.
    XCTAssertEqual(ingest.status, again ? 0 : 1, ingest.stderr)
    return ingest
  }

  /// event id → (folder, cameras, snippet start) of every kept event.
  private func kept() throws -> [String: [String]] {
    Dictionary(uniqueKeysWithValues: try CLI.sqlite(database, "SELECT event_id, folder, cameras, snippet_start_s FROM evidence")
      .map { ($0[0], Array($0.dropFirst())) })
  }

  func testEveryEventsFootageIsKeptAndServesOnceTheClipsAreGone() throws {
    let summary = try ingest()
    let events = try CLI.sqlite(database, "SELECT id FROM events WHERE superseded_at IS NULL").map { $0[0] }
    XCTAssertFalse(events.isEmpty)
    let rows = try kept()
    XCTAssertEqual(Set(rows.keys), Set(events), "every event's footage is kept")
    XCTAssertTrue(summary.unwrappedStdout.contains("footage of \(events.count) events kept"), summary.stdout)
    for (id, row) in rows {
      let eventFolder = library + "/" + row[0]
      let files = try FileManager.default.contentsOfDirectory(atPath: eventFolder)
      XCTAssertEqual(files.filter { $0.hasSuffix(".mp4") }.count, Int(row[1]), "event \(id): \(files)")
      XCTAssertTrue(files.contains { $0.hasSuffix("-front.mp4") } && files.contains { $0.hasSuffix("-peak.png") }, "\(files)")
      // Real H.264 that FFmpeg reads: the stream copy of the front camera.
      let front = try XCTUnwrap(files.first { $0.hasSuffix("-front.mp4") })
      let probe = try CLI.tool("ffprobe", ["-v", "error", "-count_packets", "-select_streams", "v:0",
                                           "-show_entries", "stream=codec_name,nb_read_packets", "-of", "csv=p=0", eventFolder + "/" + front])
      XCTAssertEqual(probe.status, 0, probe.stderr)
      XCTAssertTrue(probe.stdout.hasPrefix("h264,"), probe.stdout)
      XCTAssertGreaterThan(Int(probe.stdout.split(separator: ",")[1].trimmingCharacters(in: .whitespacesAndNewlines)) ?? 0, 30)
    }
    XCTAssertFalse(try FileManager.default.contentsOfDirectory(atPath: library).contains { $0.hasPrefix(".partial-") })
    let status = try CLI.fsdlog(["status", "--db", database])
    XCTAssertTrue(status.stdout.contains("Evidence      \(events.count) events,"), status.stdout)

    // The stick is gone (unplugged, or the car overwrote the clips).
    try FileManager.default.removeItem(atPath: stick)
    let brake = try XCTUnwrap(try CLI.sqlite(database, "SELECT id FROM events WHERE kind = 'brake' ORDER BY id LIMIT 1").first?[0])
    let card = try CLI.fsdlog(["event", brake, "--db", database])
    XCTAssertEqual(card.status, 0, card.stderr)
    let keptFolder = try XCTUnwrap(rows[brake])[0]
    XCTAssertTrue(card.stdout.contains("(gone)") && card.stdout.contains("kept      \(keptFolder)"), card.stdout)

    let store = try Store(path: database, access: .readOnly)
    let event = try XCTUnwrap(try store.event(id: Int64(brake)!))
    let details = try EventDetails.load(event, from: store)
    let footage = try XCTUnwrap(details.footage, "the library stands in for the clip")
    XCTAssertTrue(footage.fromLibrary)
    XCTAssertTrue(footage.path.hasPrefix(library), footage.path)
    // The player gets the kept file, at the peak's place in it (the snippet starts earlier in the clip).
    let played = folder.appendingPathComponent("played.txt").path
    let player = folder.appendingPathComponent("player.sh").path
    try "#!/bin/sh\necho \"$@\" > \(played)\n".write(toFile: player, atomically: true, encoding: .utf8)
    try FileManager.default.setAttributes([.posixPermissions: 0o755], ofItemAtPath: player)
    let message = ClipPlayer(environment: ["FSDLOG_PLAYER": "\(player) {seconds} {file}", "PATH": "/usr/bin:/bin"]).play(details)
    XCTAssertTrue(message.contains("kept footage"), message)
    try waitForFile(played)
    let arguments = try String(contentsOfFile: played, encoding: .utf8).split(separator: " ").map(String.init)
    XCTAssertEqual(arguments.last?.trimmingCharacters(in: .whitespacesAndNewlines), footage.path)
    let snippetStart = try XCTUnwrap(Double(try XCTUnwrap(rows[brake])[2]))
    XCTAssertEqual(try XCTUnwrap(Double(arguments[0])), max(0, (event.offsetS ?? 0) - snippetStart - 2), accuracy: 0.06)

    // The preview sheet and MP4 come from the kept files too, every kept camera on the sheet.
    let preview = try PreviewExporter(directory: folder.appendingPathComponent("previews").path).export(details)
    XCTAssertEqual(preview.cameraCount, Int(try XCTUnwrap(rows[brake])[1]))
    XCTAssertTrue(FileManager.default.fileExists(atPath: preview.pngPath) && FileManager.default.fileExists(atPath: preview.mp4Path))

    // The report's thumbnails: the kept peak frame, not "the clip is no longer at".
    let out = folder.appendingPathComponent("report").path
    let report = try CLI.fsdlog(["report", "--month", "2026-11", "--db", database, "--out", out])
    XCTAssertEqual(report.status, 0, report.stderr)
    let html = try String(contentsOfFile: out + "/fsdlog-2026-11.html", encoding: .utf8)
    XCTAssertFalse(html.contains("no longer at"), "a thumbnail is missing")
    XCTAssertTrue(html.contains("from the footage kept in the evidence library"))
  }

  func testAFolderLeftByAnInterruptedRunIsNeverCountedAndIsMadeAgain() throws {
    try ingest()
    let rows = try kept()
    let (id, row) = try XCTUnwrap(rows.first)
    // A run killed between writing a folder and recording it: a temporary folder, and a
    // finished folder with no row.
    let leftover = library + "/.partial-\(id)-dead"
    try FileManager.default.createDirectory(atPath: leftover, withIntermediateDirectories: true)
    try Data("half".utf8).write(to: URL(fileURLWithPath: leftover + "/half-front.mp4"))
    _ = try CLI.sqlite(database, "DELETE FROM evidence WHERE event_id = \(id)")
    try Data("stale".utf8).write(to: URL(fileURLWithPath: library + "/" + row[0] + "/stale.txt"))

    try ingest(again: true)
    XCTAssertFalse(FileManager.default.fileExists(atPath: leftover), "a temporary folder is never evidence")
    XCTAssertEqual(try kept()[id], row, "the event's footage is kept again")
    XCTAssertFalse(FileManager.default.fileExists(atPath: library + "/" + row[0] + "/stale.txt"), "the unrecorded folder was replaced")
  }

  func testPruneRemovesFootageByAgeAndSizeButKeepsTaggedEventsUnlessAsked() throws {
    try ingest()
    let all = try kept()
    let tagged = try XCTUnwrap(all.keys.sorted().first)
    XCTAssertEqual(try CLI.fsdlog(["tag", tagged, "phantom", "--db", database]).status, 0)

    let dry = try CLI.fsdlog(["prune", "--older-than", "0", "--dry-run", "--db", database])
    XCTAssertEqual(dry.status, 0, dry.stderr)
    XCTAssertTrue(dry.stdout.contains("Would remove the footage of \(all.count - 1) events"), dry.stdout)
    XCTAssertEqual(try kept().count, all.count, "a dry run removes nothing")
    let both = try CLI.fsdlog(["prune", "--older-than", "0", "--max-size", "0", "--dry-run", "--db", database])
    XCTAssertTrue(both.stdout.contains("Kept the footage of 1 event with a verdict"),
                  "the tagged event is counted once although both limits reach it: \(both.stdout)")

    let prune = try CLI.fsdlog(["prune", "--max-size", "0MB", "--db", database])
    XCTAssertEqual(prune.status, 0, prune.stderr)
    XCTAssertTrue(prune.stdout.contains("Kept the footage of 1 event with a verdict"), prune.stdout)
    XCTAssertEqual(Array(try kept().keys), [tagged], "only the tagged event's footage stays")
    for (id, row) in all where id != tagged {
      XCTAssertFalse(FileManager.default.fileExists(atPath: library + "/" + row[0]), "event \(id)'s folder is gone")
    }
    XCTAssertEqual(try CLI.sqlite(database, "SELECT count(*) FROM events").first?[0], "\(all.count)", "events are never pruned")

    XCTAssertEqual(try CLI.fsdlog(["prune", "--older-than", "0", "--include-tagged", "--db", database]).status, 0)
    XCTAssertTrue(try kept().isEmpty)
    XCTAssertEqual(try CLI.sqlite(database, "SELECT verdict FROM tags").map { $0[0] }, ["phantom"], "the verdict stays")

    let refused = try CLI.fsdlog(["prune", "--max-size", "lots", "--db", database])
    XCTAssertEqual(refused.status, 64)
    XCTAssertTrue(refused.stderr.contains("--max-size takes a size such as 500MB"), refused.stderr)
  }

  func testNoEvidenceKeepsNothing() throws {
    let summary = try ingest(["--no-evidence"])
    XCTAssertTrue(try kept().isEmpty)
    XCTAssertFalse(FileManager.default.fileExists(atPath: library))
    XCTAssertFalse(summary.stdout.contains("footage of"), summary.stdout)
  }

  private func waitForFile(_ path: String) throws {
    let deadline = Date().addingTimeInterval(30)
    while !FileManager.default.fileExists(atPath: path) && Date() < deadline { Thread.sleep(forTimeInterval: 0.05) }
    Thread.sleep(forTimeInterval: 0.1)
    XCTAssertTrue(FileManager.default.fileExists(atPath: path), "the player never ran")
  }
}
