import Foundation
import XCTest

/// A clip is known by its content, not its path (issue 14, item 1), end to end with the real
/// `fsdlog` on a copy of the generated samples: the same TeslaCam tree ingested from another
/// mount path is not analysed again and `status` counts everything once.
final class MovedTreeTests: XCTestCase {
  static let teslaCam = CLI.packageRoot.appendingPathComponent("samples/TeslaCam").path
  var folder: URL!
  var database: String { folder.appendingPathComponent("fsdlog.sqlite").path }

  override func setUpWithError() throws { folder = try CLI.temporaryDirectory() }
  override func tearDownWithError() throws { try? FileManager.default.removeItem(at: folder) }

  /// A copy of the samples at `<folder>/<mount>/TeslaCam`, ingested; returns the TeslaCam path.
  private func ingestedStick(at mount: String) throws -> String {
    let stick = folder.appendingPathComponent(mount).path
    try FileManager.default.createDirectory(atPath: stick, withIntermediateDirectories: true)
    try FileManager.default.copyItem(atPath: Self.teslaCam, toPath: stick + "/TeslaCam")
    let ingest = try CLI.fsdlog(["ingest", stick + "/TeslaCam", "--db", database])
    XCTAssertEqual(ingest.status, 1, "the no-moov clip fails, on purpose: \(ingest.stderr)")
    return stick + "/TeslaCam"
  }

  /// `fsdlog status` without its line about the last run (which differs from run to run).
  private func status() throws -> String {
    let status = try CLI.fsdlog(["status", "--db", database])
    XCTAssertEqual(status.status, 0, status.stderr)
    return status.stdout.split(separator: "\n", omittingEmptySubsequences: false)
      .filter { !$0.hasPrefix("Last ingest") }.joined(separator: "\n")
  }

  /// Every clip row: id → path, ingest run, ingested_at, analysis mode.
  private func clipRows() throws -> [String: [String]] {
    Dictionary(uniqueKeysWithValues: try CLI.sqlite(database, """
      SELECT id, path, ingest_run_id, ingested_at, coalesce(analysis_mode, '-') FROM clips ORDER BY id
      """).map { ($0[0], Array($0.dropFirst())) })
  }

  func testATreeMovedToANewPathIsNotAnalysedAgainAndStatusCountsEverythingOnce() throws {
    let old = try ingestedStick(at: "media/TESLADRIVE")
    let event = try XCTUnwrap(try CLI.sqlite(database, "SELECT id FROM events WHERE superseded_at IS NULL ORDER BY id").first?[0])
    let tag = try CLI.fsdlog(["tag", event, "phantom", "--note", "braked for a shadow", "--db", database])
    XCTAssertEqual(tag.status, 0, tag.stderr)
    let rowsBefore = try clipRows()
    let foldersBefore = try CLI.sqlite(database, "SELECT id, path FROM event_folders ORDER BY id")
    let statusBefore = try status()
    XCTAssertEqual(foldersBefore.count, 2)

    // The stick mounted under another name: the same files, every path changed.
    let mount = folder.appendingPathComponent("media").path
    try FileManager.default.moveItem(atPath: mount + "/TESLADRIVE", toPath: mount + "/TESLADRIVE1")
    let new = mount + "/TESLADRIVE1/TeslaCam"
    let again = try CLI.fsdlog(["ingest", new, "--db", database])

    // The failed clip is a known problem now, not a new failure.
    XCTAssertEqual(again.status, 0, again.stdout + again.stderr)
    XCTAssertTrue(again.stdout.hasPrefix("0 clips ingested · \(rowsBefore.count - 1) unchanged · 1 known problem"), again.stdout)
    XCTAssertTrue(again.unwrappedStdout.contains(
      "\(rowsBefore.count) clips already known, found at a new path: the database points there now"), again.stdout)
    XCTAssertTrue(again.stdout.contains("0 frames analysed"), again.stdout)
    let summaryLines = again.stdout.components(separatedBy: "  database:")[0].split(separator: "\n")
    XCTAssertTrue(summaryLines.allSatisfy { $0.count <= 80 }, again.stdout)
    let run = try CLI.sqlite(database, "SELECT clips_ingested, frames_decoded FROM ingest_runs ORDER BY id DESC LIMIT 1")
    XCTAssertEqual(run, [["0", "0"]])

    // Every row kept its id and analysis (same run, same time), and took its new path.
    let rowsAfter = try clipRows()
    XCTAssertEqual(Set(rowsAfter.keys), Set(rowsBefore.keys))
    for (id, before) in rowsBefore {
      let after = try XCTUnwrap(rowsAfter[id])
      XCTAssertEqual(after[0], new + before[0].dropFirst(old.count), "clip \(id)")
      XCTAssertEqual(Array(after.dropFirst()), Array(before.dropFirst()), "clip \(id) analysed again")
      XCTAssertTrue(FileManager.default.fileExists(atPath: after[0]), after[0])
    }
    XCTAssertEqual(try CLI.sqlite(database, "SELECT id, path FROM event_folders ORDER BY id"),
                   foldersBefore.map { [$0[0], new + $0[1].dropFirst(old.count)] })
    XCTAssertEqual(try CLI.sqlite(database, """
      SELECT count(*) FROM event_folders WHERE thumbnail_path IS NOT NULL AND thumbnail_path NOT LIKE '\(new)/%'
      """), [["0"]])

    // Every count once, and the verdict is still on its event, whose clip is at the new path.
    XCTAssertEqual(try status(), statusBefore.replacingOccurrences(
      of: Self.relative(old), with: Self.relative(new)))
    let verdict = try CLI.sqlite(database, "SELECT verdict, note, clip FROM event_verdicts WHERE id = \(event)")
    XCTAssertEqual(verdict.first?[0], "phantom")
    XCTAssertEqual(verdict.first?[1], "braked for a shadow")
    XCTAssertTrue(verdict.first?[2].hasPrefix(new + "/") == true, "\(verdict)")
  }

  func testACopyBesideTheOriginalIsCountedOnceWhetherIngestedAfterOrTogether() throws {
    let original = try ingestedStick(at: "stick")
    let rowsBefore = try clipRows()
    let statusBefore = try status()
    // Named to sort after the original: of copies found in one run, the path that sorts first is kept.
    let copy = folder.appendingPathComponent("usb-copy/TeslaCam").path
    try FileManager.default.createDirectory(atPath: folder.appendingPathComponent("usb-copy").path,
                                            withIntermediateDirectories: true)
    // cp without -p: the copies have new modification times, the same bytes.
    let copied = try CLI.tool("cp", ["-R", original, copy])
    XCTAssertEqual(copied.status, 0, copied.stderr)

    let second = try CLI.fsdlog(["ingest", copy, "--db", database])

    XCTAssertEqual(second.status, 0, second.stdout + second.stderr)
    XCTAssertTrue(second.unwrappedStdout.contains(
      "\(rowsBefore.count) copies of clips already in the database under another path: counted once, not read"),
      second.stdout)
    XCTAssertTrue(second.stdout.hasPrefix("0 clips ingested in"), second.stdout)
    // The original paths are kept: they still hold the clips.
    XCTAssertEqual(try clipRows(), rowsBefore)
    XCTAssertEqual(try CLI.sqlite(database, "SELECT count(*) FROM event_folders WHERE path LIKE '\(original)/%'"), [["2"]])
    XCTAssertEqual(try CLI.sqlite(database, "SELECT count(*) FROM event_folders"), [["2"]])
    XCTAssertEqual(try status(), statusBefore)

    // Both trees in one command, into a new database: the same counts as one tree.
    let both = folder.appendingPathComponent("both.sqlite").path
    let together = try CLI.fsdlog(["ingest", original, copy, "--db", both])
    XCTAssertEqual(together.status, 1, together.stderr)
    XCTAssertTrue(together.unwrappedStdout.contains("\(rowsBefore.count) copies of clips"), together.stdout)
    XCTAssertEqual(try CLI.sqlite(both, "SELECT count(*) FROM clips WHERE path LIKE '\(copy)/%'"), [["0"]])
    let statusBoth = try CLI.fsdlog(["status", "--db", both])
    XCTAssertEqual(statusBoth.stdout.split(separator: "\n").filter { !$0.hasPrefix("Last ingest") && !$0.hasPrefix("Database") },
                   statusBefore.split(separator: "\n").filter { !$0.hasPrefix("Database") })
  }

  /// A path as `status` shows it: relative to the working folder when under it.
  static func relative(_ path: String) -> String {
    let cwd = FileManager.default.currentDirectoryPath + "/"
    return path.hasPrefix(cwd) ? String(path.dropFirst(cwd.count)) : path
  }
}
