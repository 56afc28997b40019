import FSDDomain
import FSDTestSupport
import Foundation
import XCTest

@testable import FSDStore

/// Re-detection (`replaceEvents`): an event found again keeps its id and so its verdict, however
/// the new settings move its times; a verdict whose event is no longer found is listed, not lost.
final class StoreRedetectionTests: XCTestCase {
  var folder: TemporaryFolder!
  var store: Store!
  var driveID: Int64!
  var path: String { folder.path("fsdlog.sqlite") }

  override func setUpWithError() throws {
    folder = try TemporaryFolder()
    store = try Store(path: path)
    try store.replaceDrives([(drive: DriveRecord(startLocal: "2026-11-16T07:58:00", endLocal: "2026-11-16T07:59:00",
                                                 startUtc: nil, clipCount: 0, durationS: 60), clipIDs: [])])
    driveID = try XCTUnwrap(store.driveIDs().first)
  }

  /// An event from `onsetS` to `endS` seconds after 15:58:00 UTC, peaking halfway.
  func event(_ kind: EventKind, _ onsetS: Double, _ endS: Double, source: EventSource = .telemetry) -> EventRecord {
    func iso(_ s: Double) -> String { String(format: "2026-11-16T15:58:%06.3fZ", s) }
    return EventRecord(kind: kind, onsetUtc: iso(onsetS), peakUtc: iso((onsetS + endS) / 2), endUtc: iso(endS),
                       initiator: .fsd, source: source, confidence: 1, detectedAt: "2026-12-01T00:00:00.000Z")
  }

  func current() throws -> [Int64: EventSource] {
    Dictionary(uniqueKeysWithValues: try store.events().map { ($0.id!, $0.source) })
  }

  func testAnEventWhoseOnsetMovesMoreThanTheOldWindowKeepsItsIdWhileItOverlaps() throws {
    // Vision sees a brake 1.4 s before telemetry does and ends it earlier: the old rule (onset
    // within 1 s) gave it a new id and left the verdict on a superseded row.
    try store.replaceEvents(driveID: driveID, with: [event(.brake, 22.0, 25.0)])
    try store.addTag(eventID: 1, verdict: .phantom, note: "shadow", source: .cli)

    try store.replaceEvents(driveID: driveID, with: [event(.brake, 20.6, 23.0, source: .vision)])

    XCTAssertEqual(try current(), [1: .vision], "same id, new measurements")
    XCTAssertEqual(try store.currentState(eventID: 1), TagState(verdict: .phantom, note: "shadow"))
    XCTAssertEqual(try store.lostVerdicts(), [])
  }

  func testASupersededTaggedEventComesBackWhenFoundAgain() throws {
    // `--config` with high thresholds drops the swerve, the defaults find it again.
    try store.replaceEvents(driveID: driveID, with: [event(.brake, 10, 12), event(.swerve, 30, 32)])
    try store.addTag(eventID: 2, verdict: .justified, critical: true, source: .cli)

    try store.replaceEvents(driveID: driveID, with: [event(.brake, 10, 12)])
    XCTAssertEqual(try current().keys.sorted(), [1])
    let lost = try store.lostVerdicts()
    XCTAssertEqual(lost.map(\.event.id), [2], "listed while its event is gone")
    XCTAssertEqual(lost.first?.tag.verdict, .justified)
    XCTAssertNotNil(lost.first?.event.supersededAt)
    XCTAssertEqual(try store.statusReport().lostVerdicts.map(\.event.id), [2], "status shows it")

    try store.replaceEvents(driveID: driveID, with: [event(.brake, 10.1, 12), event(.swerve, 30.2, 31.5)])
    XCTAssertEqual(try current().keys.sorted(), [1, 2], "no new id")
    XCTAssertEqual(try store.currentState(eventID: 2), TagState(verdict: .justified, critical: true))
    XCTAssertEqual(try store.lostVerdicts(), [])
    XCTAssertEqual(try SQLiteCLI.scalar(path, "SELECT count(*) FROM events"), "2", "nothing duplicated")
  }

  func testTheTaggedEventIsPreferredOverAnUntaggedTwin() throws {
    // A vision-only run left an untagged brake beside the superseded tagged one; when both
    // overlap the brake found now, the verdict's event is the one that comes back.
    try store.replaceEvents(driveID: driveID, with: [event(.brake, 10, 12)])
    try store.addTag(eventID: 1, verdict: .phantom, source: .cli)
    try store.replaceEvents(driveID: driveID, with: [event(.brake, 14, 16, source: .vision)])
    XCTAssertEqual(try current(), [2: .vision], "no overlap: a new event, the tagged one superseded")

    try store.replaceEvents(driveID: driveID, with: [event(.brake, 11, 15.5)])
    XCTAssertEqual(try current(), [1: .telemetry])
    XCTAssertEqual(try store.currentState(eventID: 1).verdict, .phantom)
    XCTAssertNotNil(try store.event(id: 2)?.supersededAt, "the untagged twin is superseded, not deleted")
  }

  func testKindAndTimeMustBothMatch() throws {
    try store.replaceEvents(driveID: driveID, with: [event(.brake, 10, 12)])
    try store.addTag(eventID: 1, verdict: .phantom, source: .cli)
    // A swerve at the same moment is another event; a brake 1.5 s after the end is too.
    try store.replaceEvents(driveID: driveID, with: [event(.swerve, 10, 12), event(.brake, 13.5, 15)])
    XCTAssertEqual(try current().keys.sorted(), [2, 3])
    XCTAssertEqual(try store.lostVerdicts().map(\.event.id), [1])
  }

  func testEachStoredEventIsFoundAgainAtMostOnce() throws {
    // One long brake split into two by new thresholds: one keeps the id, the other is new.
    try store.replaceEvents(driveID: driveID, with: [event(.brake, 10, 20)])
    try store.addTag(eventID: 1, verdict: .unsure, source: .cli)
    try store.replaceEvents(driveID: driveID, with: [event(.brake, 10, 13), event(.brake, 14, 20)])
    XCTAssertEqual(try current().keys.sorted(), [1, 2])
    XCTAssertEqual(try store.event(id: 1)?.onsetUtc, "2026-11-16T15:58:14.000Z", "the longer overlap keeps the id")
  }
}
