import FSDDomain
import FSDTestSupport
import Foundation
import XCTest

@testable import FSDStore

/// The sqlite3 command-line tool: a second reader and writer that shares no code with GRDB or
/// the Store, so what the tests see in the file is what any other SQLite client would see.
enum SQLiteCLI {
  struct Failure: Error, CustomStringConvertible {
    let description: String
  }

  /// Rows as JSON objects (`sqlite3 -json`); integers come back as NSNumber, NULL as NSNull.
  static func rows(_ database: String, _ sql: String) throws -> [[String: Any]] {
    let output = try run(["-json", database, sql])
    guard !output.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty else { return [] }
    guard let rows = try JSONSerialization.jsonObject(with: Data(output.utf8)) as? [[String: Any]] else {
      throw Failure(description: "sqlite3 -json printed something that is not an array of rows: \(output)")
    }
    return rows
  }

  /// The first column of the first row, as text (what `sqlite3 -list` prints).
  static func scalar(_ database: String, _ sql: String) throws -> String {
    try run(["-list", database, sql]).trimmingCharacters(in: .whitespacesAndNewlines)
  }

  static func execute(_ database: String, _ sql: String) throws {
    _ = try run([database, sql])
  }

  private static func run(_ arguments: [String]) throws -> String {
    // Wait for locks as any client should: closing the last GRDB connection checkpoints the
    // WAL, and a command arriving at that moment would otherwise fail at once.
    let result = try ProcessRunner.run("/usr/bin/sqlite3", ["-cmd", ".timeout 10000"] + arguments)
    guard result.status == 0 else {
      throw Failure(description: "sqlite3 \(arguments) failed: \(result.stderr)")
    }
    return result.stdout
  }
}

/// A clip row with every field a real ingest fills, so round trips cover every column.
func makeClip(
  _ path: String, camera: Camera = .front, source: String = "recent", nameTimeLocal: String? = "2026-11-02T08:14:31",
  status: ClipRecord.Status = .ok, durationS: Double? = 60, error: String? = nil
) -> ClipRecord {
  var clip = ClipRecord(
    path: path, sizeBytes: 12_345_678, mtimeS: 1_793_636_071.123_456, fingerprint: "fnv1a64:0123456789abcdef",
    camera: camera, source: source, status: status, analysisVersion: 1, ingestedAt: "2026-11-02T20:00:00Z")
  clip.nameTimeLocal = nameTimeLocal
  clip.startUtc = nameTimeLocal.map { _ in "2026-11-02T16:14:31Z" }
  clip.codec = "h264"
  clip.width = 1280
  clip.height = 960
  clip.timeBase = "1/18432"
  clip.durationS = durationS
  clip.frameCount = durationS.map { Int($0 * 36) }
  clip.decodeQuality = camera == "front" ? "analysis" : nil
  clip.error = error
  return clip
}
