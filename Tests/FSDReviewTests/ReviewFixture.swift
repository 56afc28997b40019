import FSDDomain
import FSDStore
import Foundation
import XCTest

/// A real SQLite file in a fresh temporary folder, with one drive and four events, days apart (four
/// incidents): ids 1 brake/fsd 11-01, 2 swerve/driver 11-03 (FSD engaged: the driver took over),
/// 3 brake/fsd 11-02, 4 override/unknown 10-30. 1 and 3 are FSD maneuvers, asked a verdict; 2 and
/// 4 are the driver's own actions, recorded without one.
final class ReviewFixture {
  let folder: String
  let store: Store

  /// `events`: others than the four (ids follow their order).
  init(events given: [EventRecord]? = nil) throws {
    folder = NSTemporaryDirectory() + "/fsd-review-" + UUID().uuidString
    store = try Store(path: folder + "/fsdlog.sqlite")
    try store.replaceDrives([(drive: DriveRecord(startLocal: "2026-11-01T08:00:00", endLocal: "2026-11-03T09:00:00",
                                                 startUtc: nil, clipCount: 0, durationS: 0), clipIDs: [])])
    let driveID = try XCTUnwrap(store.driveIDs().first)
    let events = given ?? [
      Self.event(.brake, .fsd, "2026-11-01T10:00:00.000Z"),
      Self.event(.swerve, .driver, "2026-11-03T10:00:00.000Z", autopilot: .selfDriving),
      Self.event(.brake, .fsd, "2026-11-02T10:00:00.000Z"),
      Self.event(.override, .unknown, "2026-10-30T10:00:00.000Z"),
    ]
    try store.replaceEvents(driveID: driveID, with: events)
  }

  deinit { try? FileManager.default.removeItem(atPath: folder) }

  /// An event at `peakUtc`; `endUtc` when it lasts (onset = peak).
  static func event(_ kind: EventKind, _ initiator: Initiator, _ peakUtc: String, autopilot: AutopilotMode? = nil,
                    endUtc: String? = nil) -> EventRecord {
    var event = EventRecord(kind: kind, onsetUtc: peakUtc, peakUtc: peakUtc, endUtc: endUtc ?? peakUtc, initiator: initiator,
                            source: .telemetry, confidence: 1, detectedAt: "2026-11-04T00:00:00.000Z")
    event.autopilotState = autopilot
    return event
  }

  /// Every tag row in the file (append-only: this number never goes down).
  func tagRowCount() throws -> Int {
    try (1...Int(try store.events().count)).reduce(0) { $0 + (try store.tagHistory(eventID: Int64($1)).count) }
  }

  func verdict(_ eventID: Int64) throws -> Verdict? { try store.currentState(eventID: eventID).verdict }
}
