import FSDTestSupport
import Foundation
import XCTest

@testable import FSDStore

/// `events --month` counts an event in its car-local month, as the report does: a brake at 21:00
/// on 30 November in California is 05:00 UTC on 1 December.
final class StoreEventMonthTests: XCTestCase {
  func testMonthIsCarLocalWhenTheClipTellsElseUTC() throws {
    let folder = try TemporaryFolder()
    let store = try Store(path: folder.path("fsdlog.sqlite"))
    let clip = try store.saveClip(makeClip("/usb/TeslaCam/RecentClips/2026-11-30_20-59-50-front.mp4",
                                           nameTimeLocal: "2026-11-30T20:59:50"), motion: nil)
    try store.replaceDrives([(drive: DriveRecord(startLocal: "2026-11-30T20:59:50", endLocal: "2026-11-30T21:00:50",
                                                 startUtc: nil, clipCount: 1, durationS: 60), clipIDs: [clip.id!])])
    let driveID = try XCTUnwrap(store.driveIDs().first)
    func event(_ peakUtc: String, clipID: Int64?, offsetS: Double?) -> EventRecord {
      var event = EventRecord(kind: .brake, onsetUtc: peakUtc, peakUtc: peakUtc, endUtc: peakUtc, initiator: .fsd,
                              source: .telemetry, confidence: 1, detectedAt: "2026-12-02T00:00:00.000Z")
      event.clipId = clipID
      event.offsetS = offsetS
      return event
    }
    try store.replaceEvents(driveID: driveID, with: [
      event("2026-12-01T05:00:05.000Z", clipID: clip.id, offsetS: 15),  // car-local 2026-11-30 21:00:05
      event("2026-12-01T06:00:00.000Z", clipID: nil, offsetS: nil),     // no clip: UTC month
    ])
    XCTAssertEqual(try store.events(EventFilter(month: "2026-11")).map(\.peakUtc), ["2026-12-01T05:00:05.000Z"])
    XCTAssertEqual(try store.events(EventFilter(month: "2026-12")).map(\.peakUtc), ["2026-12-01T06:00:00.000Z"])
  }
}
