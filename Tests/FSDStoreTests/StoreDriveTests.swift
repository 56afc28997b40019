import FSDDomain
import FSDTestSupport
import Foundation
import XCTest

@testable import FSDStore

/// replaceDrives: the drive table is rebuilt after every ingest, but ids people have noted down
/// (or linked in Grafana) must survive when a drive only grows.
final class StoreDriveTests: XCTestCase {
  private var folder: TemporaryFolder!
  private var store: Store!
  private var databasePath: String { store.path }

  override func setUpWithError() throws {
    folder = try TemporaryFolder()
    store = try Store(path: folder.path("fsdlog.sqlite"))
  }

  override func tearDown() {
    store = nil
    folder = nil
  }

  private func front(_ time: String, source: String = "recent") throws -> Int64 {
    let name = time.replacingOccurrences(of: "T", with: "_").replacingOccurrences(of: ":", with: "-")
    return try XCTUnwrap(try store.saveClip(
      makeClip("/m/\(source)/\(name)-front.mp4", source: source, nameTimeLocal: time), motion: nil).id)
  }

  private func other(_ camera: String, _ time: String, source: String = "recent") throws -> Int64 {
    let name = time.replacingOccurrences(of: "T", with: "_").replacingOccurrences(of: ":", with: "-")
    return try XCTUnwrap(try store.saveClip(
      makeClip("/m/\(source)/\(name)-\(camera).mp4", camera: Camera(rawValue: camera), source: source, nameTimeLocal: time), motion: nil).id)
  }

  private func drive(_ start: String, clips: Int) -> DriveRecord {
    DriveRecord(startLocal: start, endLocal: start, startUtc: nil, clipCount: clips, durationS: Double(clips) * 60)
  }

  /// drive_id of a clip as stored, nil for NULL.
  private func driveID(ofClip id: Int64) throws -> Int64? {
    let text = try SQLiteCLI.scalar(databasePath, "SELECT drive_id FROM clips WHERE id = \(id)")
    return text.isEmpty ? nil : Int64(text)
  }

  private func driveIDs() throws -> [Int64] {
    try SQLiteCLI.rows(databasePath, "SELECT id FROM drives ORDER BY id").compactMap { ($0["id"] as? NSNumber)?.int64Value }
  }

  /// A drive without telemetry has no known distance or time: NULL in the file, not 0.0 (a
  /// `sum()` in sqlite3 or Grafana then says "unknown" instead of "0 km of FSD").
  func testADriveWithoutTelemetryStoresUnknownDistancesAsNull() throws {
    let first = try front("2026-11-01T08:00:00"), second = try front("2026-11-02T08:00:00")
    try store.replaceDrives([(drive("2026-11-01T08:00:00", clips: 1), [first]),
                             (drive("2026-11-02T08:00:00", clips: 1), [second])])
    let ids = try driveIDs()
    XCTAssertEqual(ids.count, 2)
    var measured = DriveTelemetrySummary()
    measured.fsdDistanceM = 1234.5
    measured.fsdTimeS = 60
    measured.telemetrySource = "sei"
    try store.updateDriveTelemetry(driveID: ids[0], measured)
    try store.updateDriveTelemetry(driveID: ids[1], DriveTelemetrySummary())
    let rows = try SQLiteCLI.rows(databasePath, "SELECT quote(fsd_distance_m) AS d, quote(fsd_time_s) AS t, "
                                    + "quote(manual_distance_m) AS m FROM drives ORDER BY id")
    XCTAssertEqual(rows.map { [$0["d"] as? String, $0["t"] as? String, $0["m"] as? String] },
                   [["1234.5", "60.0", "0.0"], ["NULL", "NULL", "NULL"]])
    XCTAssertEqual(try SQLiteCLI.scalar(databasePath, "SELECT quote(fsd_km) FROM monthly_figures"), "1.2345")
  }

  func testFrontClipsAndTheirOtherCamerasJoinTheDrive() throws {
    let f1 = try front("2026-11-02T08:14:31"), f2 = try front("2026-11-02T08:15:31")
    let back1 = try other("back", "2026-11-02T08:14:31"), repeater2 = try other("left_repeater", "2026-11-02T08:15:31")
    // Same minute, other folder: a SavedClips copy follows its own front clip, not RecentClips'.
    let savedBack = try other("back", "2026-11-02T08:14:31", source: "saved")
    // No front clip at this time: belongs to no drive.
    let orphan = try other("back", "2026-11-02T08:16:31")

    try store.replaceDrives([(drive("2026-11-02T08:14:31", clips: 2), [f1, f2])])

    let ids = try driveIDs()
    XCTAssertEqual(ids.count, 1)
    let id = try XCTUnwrap(ids.first)
    for clip in [f1, f2, back1, repeater2] {
      XCTAssertEqual(try driveID(ofClip: clip), id, "clip \(clip)")
    }
    XCTAssertNil(try driveID(ofClip: savedBack))
    XCTAssertNil(try driveID(ofClip: orphan))
    let row = try XCTUnwrap(try SQLiteCLI.rows(databasePath, "SELECT * FROM drives").first)
    XCTAssertEqual(row["start_local"] as? String, "2026-11-02T08:14:31")
    XCTAssertEqual(row["clip_count"] as? Int, 2)
    XCTAssertEqual(row["duration_s"] as? Double, 120)
  }

  func testDriveKeepsItsIDWhenItsFirstClipStaysFirst() throws {
    let f1 = try front("2026-11-02T08:14:31"), f2 = try front("2026-11-02T08:15:31")
    try store.replaceDrives([(drive("2026-11-02T08:14:31", clips: 1), [f1])])
    let before = try XCTUnwrap(try driveID(ofClip: f1))

    // A later clip arrives: same first clip, one more clip.
    try store.replaceDrives([(drive("2026-11-02T08:14:31", clips: 2), [f1, f2])])

    XCTAssertEqual(try driveIDs(), [before])
    XCTAssertEqual(try driveID(ofClip: f2), before)
    XCTAssertEqual(try SQLiteCLI.scalar(databasePath, "SELECT clip_count FROM drives WHERE id = \(before)"), "2")
  }

  func testMergedDrivesKeepTheFirstDrivesIDAndDeleteTheOther() throws {
    let f1 = try front("2026-11-02T08:14:31"), f2 = try front("2026-11-02T08:20:31")
    try store.replaceDrives([
      (drive("2026-11-02T08:14:31", clips: 1), [f1]), (drive("2026-11-02T08:20:31", clips: 1), [f2]),
    ])
    let first = try XCTUnwrap(try driveID(ofClip: f1)), second = try XCTUnwrap(try driveID(ofClip: f2))
    XCTAssertNotEqual(first, second)
    let bridge = try front("2026-11-02T08:17:31")

    try store.replaceDrives([(drive("2026-11-02T08:14:31", clips: 3), [f1, bridge, f2])])

    XCTAssertEqual(try driveIDs(), [first])
    for clip in [f1, bridge, f2] { XCTAssertEqual(try driveID(ofClip: clip), first) }
  }

  func testSplitDriveGivesTheSecondPartANewID() throws {
    // Both parts' first clips used to be in one drive: only one of them may keep that id.
    let f1 = try front("2026-11-02T08:14:31"), f2 = try front("2026-11-02T08:15:31")
    try store.replaceDrives([(drive("2026-11-02T08:14:31", clips: 2), [f1, f2])])
    let original = try XCTUnwrap(try driveID(ofClip: f1))

    try store.replaceDrives([
      (drive("2026-11-02T08:14:31", clips: 1), [f1]), (drive("2026-11-02T08:15:31", clips: 1), [f2]),
    ])

    XCTAssertEqual(try driveID(ofClip: f1), original)
    let newID = try XCTUnwrap(try driveID(ofClip: f2))
    XCTAssertNotEqual(newID, original)
    XCTAssertEqual(Set(try driveIDs()), [original, newID])
  }

  func testDrivesLeftWithoutClipsAreDeletedAndTheirClipsUnlinked() throws {
    let f1 = try front("2026-11-02T08:14:31"), f2 = try front("2026-11-03T17:40:05")
    let back2 = try other("back", "2026-11-03T17:40:05")
    try store.replaceDrives([
      (drive("2026-11-02T08:14:31", clips: 1), [f1]), (drive("2026-11-03T17:40:05", clips: 1), [f2]),
    ])
    let kept = try XCTUnwrap(try driveID(ofClip: f1))
    XCTAssertNotNil(try driveID(ofClip: back2))

    // f2 is no longer a drive candidate (say it was re-ingested as failed).
    try store.replaceDrives([(drive("2026-11-02T08:14:31", clips: 1), [f1])])

    XCTAssertEqual(try driveIDs(), [kept])
    // No clip may point at a drive that no longer exists.
    XCTAssertNil(try driveID(ofClip: f2))
    XCTAssertNil(try driveID(ofClip: back2))
    XCTAssertEqual(try SQLiteCLI.scalar(databasePath, "SELECT count(*) FROM clips WHERE drive_id NOT IN (SELECT id FROM drives)"), "0")
  }

  func testNoDrivesEmptiesTheTable() throws {
    let f1 = try front("2026-11-02T08:14:31")
    let back1 = try other("back", "2026-11-02T08:14:31")
    try store.replaceDrives([(drive("2026-11-02T08:14:31", clips: 1), [f1])])

    try store.replaceDrives([])

    XCTAssertEqual(try driveIDs(), [])
    XCTAssertNil(try driveID(ofClip: f1))
    XCTAssertNil(try driveID(ofClip: back1))
  }

  func testDriveCandidatesAreReadableNonSentryFrontClipsInTimeOrder() throws {
    let late = try front("2026-11-02T09:00:00")
    let early = try front("2026-11-02T08:00:00")
    _ = try front("2026-11-02T08:30:00", source: "sentry")
    _ = try other("back", "2026-11-02T08:00:00")
    let partial = try XCTUnwrap(try store.saveClip(
      makeClip("/m/p-front.mp4", nameTimeLocal: "2026-11-02T08:10:00", status: .partial), motion: nil).id)
    try store.saveClip(makeClip("/m/f-front.mp4", nameTimeLocal: "2026-11-02T08:20:00", status: .failed), motion: nil)
    try store.saveClip(makeClip("/m/n-front.mp4", nameTimeLocal: "2026-11-02T08:21:00", status: .notVideo), motion: nil)

    XCTAssertEqual(try store.driveCandidateClips().map(\.id), [early, partial, late])
  }
}
