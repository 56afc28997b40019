import FSDReview
import FSDStore
import XCTest

/// `fsdlog event` and the review card say which clock an event's time came from when it is not
/// the TeslaCam file name, and claim no UTC time the clip does not have.
final class ClockLineTests: XCTestCase {
  private func card(_ clip: ClipRecord, localTime: String?) throws -> [String] {
    let fixture = try ReviewFixture()
    let saved = try fixture.store.saveClip(clip, motion: nil)
    var event = try XCTUnwrap(fixture.store.event(id: 1))
    event.clipId = saved.id
    event.offsetS = 2
    let details = try EventDetails.load(event, from: fixture.store) { _, _ in localTime }
    return ReviewCard.lines(details, state: .untagged, style: TerminalStyle(usesColor: false))
  }

  private func clip(_ name: String) -> ClipRecord {
    ClipRecord(path: "/sd/" + name, sizeBytes: 1, mtimeS: 1_793_613_598, fingerprint: "x", camera: "front",
               source: "other", status: .ok, analysisVersion: 3, ingestedAt: "2026-11-04T00:00:00Z")
  }

  func testClipTimedByItsModificationTimeSaysSo() throws {
    var record = clip("clip.mp4")
    record.durationS = 3
    record.timeSource = .fileModified
    let lines = try card(record, localTime: nil)
    let clock = try XCTUnwrap(lines.first { $0.contains("clock") }, lines.joined(separator: "\n"))
    XCTAssertTrue(clock.hasSuffix("time from the file's modification time minus the clip's length (no time in the name or the MP4)"), clock)
    XCTAssertTrue(try XCTUnwrap(lines.first { $0.contains("when") }).hasSuffix("Sun 1 Nov 2026 10:00:00 UTC"))
  }

  func testDashcamNameWithoutCreationTimeClaimsNoUTC() throws {
    var record = clip("20261101_095958.mp4")
    record.nameTimeLocal = "2026-11-01T09:59:58"
    record.timeSource = .dashcamFileName
    let lines = try card(record, localTime: "2026-11-01T10:00:00")
    XCTAssertTrue(lines.contains { $0.hasSuffix("clock     time from the file name (the dashcam's own clock, no time zone)") },
                  lines.joined(separator: "\n"))
    XCTAssertTrue(lines.contains { $0.hasSuffix("when      Sun 1 Nov 2026 10:00:00 car time  (UTC unknown)") },
                  lines.joined(separator: "\n"))
  }

  func testTeslaCamNameNeedsNoClockLine() throws {
    var record = clip("2026-11-01_09-59-58-front.mp4")
    record.nameTimeLocal = "2026-11-01T09:59:58"
    record.startUtc = "2026-11-01T17:59:58Z"
    record.timeSource = .fileName
    let lines = try card(record, localTime: "2026-11-01T10:00:00")
    XCTAssertFalse(lines.contains { $0.contains("clock ") }, lines.joined(separator: "\n"))
    XCTAssertTrue(lines.contains { $0.hasSuffix("car time  (10:00:00 UTC)") }, lines.joined(separator: "\n"))
  }
}
