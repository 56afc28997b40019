import Foundation
import XCTest

/// Text fsdlog did not write (event.json strings, file names, notes) reaches every output escaped
/// for it: no raw escape sequence on the terminal, no formula in a spreadsheet cell, no markup in
/// the Markdown report, and nothing after a NUL byte lost.
final class HostileTextTests: XCTestCase {
  static let samples = CLI.packageRoot.appendingPathComponent("samples").path
  static let escape = "\u{1B}"
  var folder: URL!
  var database: String { folder.appendingPathComponent("fsdlog.sqlite").path }

  override func setUpWithError() throws {
    folder = try CLI.temporaryDirectory()
    // One saved folder of the samples, with a hostile event.json and a clip whose name clears the screen.
    let saved = folder.appendingPathComponent("TeslaCam/SavedClips/2026-11-02_08-14-55")
    try FileManager.default.createDirectory(at: saved.deletingLastPathComponent(), withIntermediateDirectories: true)
    try FileManager.default.copyItem(atPath: Self.samples + "/TeslaCam/SavedClips/2026-11-02_08-14-55", toPath: saved.path)
    let eventJSON: [String: String] = [
      "timestamp": "2026-11-02T08:14:55", "camera": "0", "est_lat": "37.3947", "est_lon": "-122.1425",
      "city": "Palo\(Self.escape)]0;owned\u{07}\(Self.escape)[2J Alto\u{0}North",
      "street": "=HYPERLINK(\"http://example.invalid\")",
      "reason": "<script>alert(1)</script>\n# not a heading",
    ]
    try JSONSerialization.data(withJSONObject: eventJSON).write(to: saved.appendingPathComponent("event.json"))
    try FileManager.default.moveItem(at: saved.appendingPathComponent("2026-11-02_08-14-46-back.mp4"),
                                     to: saved.appendingPathComponent("2026-11-02_08-14-46-back\(Self.escape)[2J.mp4"))
  }

  override func tearDownWithError() throws { try? FileManager.default.removeItem(at: folder) }

  func fsdlog(_ arguments: [String]) throws -> CLI.Result {
    try CLI.fsdlog(arguments + ["--db", database])
  }

  func assertNoRawEscape(_ result: CLI.Result, _ what: String, file: StaticString = #filePath, line: UInt = #line) {
    for (stream, text) in [("stdout", result.stdout), ("stderr", result.stderr)] {
      XCTAssertFalse(text.contains(Self.escape) || text.contains("\u{07}"), "\(what) \(stream) sends a raw escape: \(text)",
                     file: file, line: line)
    }
  }

  func testHostileTextIsEscapedInEveryOutput() throws {
    let ingest = try fsdlog(["ingest", folder.appendingPathComponent("TeslaCam").path])
    XCTAssertEqual(ingest.status, 0, ingest.stderr)
    assertNoRawEscape(ingest, "ingest")
    XCTAssertTrue(ingest.stderr.contains("back\\e[2J.mp4"), "the file name is shown, escaped: \(ingest.stderr)")
    assertNoRawEscape(try fsdlog(["status"]), "status")
    assertNoRawEscape(try fsdlog(["events"]), "events")

    let events = try JSONSerialization.jsonObject(with: Data(try fsdlog(["events", "--format", "json"]).stdout.utf8))
      as! [[String: Any]]
    let brake = try XCTUnwrap(events.first { $0["kind"] as? String == "brake" }?["id"] as? Int)
    // (A NUL cannot travel in a command-line argument; StoreTagTests checks a note holding one.)
    let note = "=cmd|' /C calc'!A0\n# not a heading <b>bold</b> \u{1B}[2J and the rest"
    XCTAssertEqual(try fsdlog(["tag", "\(brake)", "phantom", "--note", note]).status, 0)

    let details = try fsdlog(["event", "\(brake)"])
    XCTAssertEqual(details.status, 0, details.stderr)
    assertNoRawEscape(details, "event")
    XCTAssertTrue(details.stdout.contains("North"), "the city after the NUL is kept: \(details.stdout)")
    XCTAssertTrue(details.stdout.contains("\\e[2J and the rest"), "the note is shown, escaped: \(details.stdout)")

    let csv = try fsdlog(["export", "--format", "csv"])
    let phantom = try XCTUnwrap(csv.stdout.split(separator: "\n").first { $0.contains(",phantom,") })
    XCTAssertTrue(phantom.contains(",\"'=cmd|' /C calc'!A0"), "the note cannot start a formula: \(phantom)")
    let eventsCSV = try fsdlog(["events", "--format", "csv"])
    XCTAssertFalse(eventsCSV.stdout.split(separator: "\n").contains { $0.contains(",=") || $0.contains(",\"=") })

    let out = folder.appendingPathComponent("reports").path
    XCTAssertEqual(try fsdlog(["report", "--month", "2026-11", "--out", out]).status, 0)
    let markdown = try String(contentsOfFile: out + "/fsdlog-2026-11.md", encoding: .utf8)
    XCTAssertFalse(markdown.contains("<b>") || markdown.contains("<script>"), "raw HTML in the Markdown report")
    XCTAssertFalse(markdown.split(separator: "\n").contains { $0.hasPrefix("# not a heading") }, "a note made a heading")
    XCTAssertTrue(markdown.contains("and the rest"), "the whole note is in the report")
    XCTAssertFalse(markdown.contains(Self.escape))
  }
}
