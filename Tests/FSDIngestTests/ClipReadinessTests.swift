import FSDDiscovery
import FSDTestSupport
import Foundation
import XCTest

@testable import FSDIngest

/// What `fsdlog watch` hands to ingest: whole clips, once, never a clip still being copied in.
/// Times are given, so the ten minutes an unfinished clip waits take no time here.
final class ClipReadinessTests: XCTestCase {
  /// A real clip of the car's layout (index last).
  let sample = packageRoot + "/samples/TeslaCam/RecentClips/2026-11-16/2026-11-16_07-58-02-front.mp4"
  var folder: TemporaryFolder!
  var clip: ClipFile!
  let start = Date(timeIntervalSince1970: 1_800_000_000)

  override func setUpWithError() throws {
    folder = try TemporaryFolder(prefix: "fsdlog-readiness")
    clip = ClipFile(path: folder.path("2026-11-16_07-58-02-front.mp4"), camera: .front, nameTime: nil,
                    source: .other, eventFolderPath: nil)
  }

  private func write(_ data: Data) throws { try data.write(to: URL(fileURLWithPath: clip.path)) }

  private func append(_ data: Data) throws {
    let handle = try FileHandle(forWritingTo: URL(fileURLWithPath: clip.path))
    defer { try? handle.close() }
    try handle.seekToEnd()
    try handle.write(contentsOf: data)
  }

  func testAWholeClipIsHandedOverAtItsSecondSightAndOnlyOnce() throws {
    try write(try Data(contentsOf: URL(fileURLWithPath: sample)))
    var readiness = ClipReadiness(incompleteAfterS: 600)
    XCTAssertEqual(readiness.poll([clip], now: start), [], "seen once: it may still be growing")
    XCTAssertEqual(readiness.waitingCount, 1)
    XCTAssertEqual(readiness.poll([clip], now: start + 3), [clip])
    XCTAssertEqual(readiness.waitingCount, 0)
    XCTAssertEqual(readiness.poll([clip], now: start + 6), [], "handed over already")
  }

  func testAHalfCopiedClipWaitsUntilItsLastByteIsThere() throws {
    let bytes = try Data(contentsOf: URL(fileURLWithPath: sample))
    try write(bytes.prefix(bytes.count / 2))
    var readiness = ClipReadiness(incompleteAfterS: 600)
    // The copy stalls (a slow stick): the size stays put, but the index is not there yet.
    for second in stride(from: 0.0, through: 60, by: 3) {
      XCTAssertEqual(readiness.poll([clip], now: start + second), [], "at \(second) s")
    }
    try append(bytes.suffix(from: bytes.count / 2))
    XCTAssertEqual(readiness.poll([clip], now: start + 63), [], "it just changed")
    XCTAssertEqual(readiness.poll([clip], now: start + 66), [clip])
  }

  func testAClipThatNeverBecomesWholeIsHandedOverAfterWaitingUnchanged() throws {
    let bytes = try Data(contentsOf: URL(fileURLWithPath: sample))
    try write(bytes.prefix(bytes.count / 2))  // cut off for good, as when the car lost power
    var readiness = ClipReadiness(incompleteAfterS: 600)
    XCTAssertEqual(readiness.poll([clip], now: start), [])
    XCTAssertEqual(readiness.poll([clip], now: start + 599), [])
    XCTAssertEqual(readiness.poll([clip], now: start + 600), [clip], "ingested, so its problem is recorded")
    XCTAssertEqual(readiness.poll([clip], now: start + 603), [])
  }

  func testAClipThatChangesOrComesBackIsHandedOverAgain() throws {
    let bytes = try Data(contentsOf: URL(fileURLWithPath: sample))
    try write(bytes)
    var readiness = ClipReadiness(incompleteAfterS: 600)
    _ = readiness.poll([clip], now: start)
    XCTAssertEqual(readiness.poll([clip], now: start + 3), [clip])

    // The stick is unplugged: the clip is not found, and forgotten.
    XCTAssertEqual(readiness.poll([], now: start + 6), [])
    XCTAssertEqual(readiness.waitingCount, 0)
    // Plugged in again: handed over again (ingest finds it unchanged, or at a new path).
    XCTAssertEqual(readiness.poll([clip], now: start + 9), [])
    XCTAssertEqual(readiness.poll([clip], now: start + 12), [clip])

    // Rewritten in place with other bytes: handed over again once it settles.
    try write(bytes.prefix(bytes.count / 2))
    XCTAssertEqual(readiness.poll([clip], now: start + 15), [])
    try write(bytes)
    XCTAssertEqual(readiness.poll([clip], now: start + 18), [], "changed since the last look")
    XCTAssertEqual(readiness.poll([clip], now: start + 21), [clip])
  }

  func testAClipGoneBetweenTheWalkAndTheLookIsSkipped() throws {
    var readiness = ClipReadiness(incompleteAfterS: 0)
    XCTAssertEqual(readiness.poll([clip], now: start), [])
    XCTAssertEqual(readiness.poll([clip], now: start + 3), [])
    XCTAssertEqual(readiness.waitingCount, 0)
  }
}
