import FSDDomain
import FSDTestSupport
import Foundation
import XCTest

@testable import FSDStore

/// statusReport: the numbers `fsdlog status` prints, from rows saved through the Store.
final class StatusReportTests: XCTestCase {
  private var folder: TemporaryFolder!
  private var store: Store!

  override func setUpWithError() throws {
    folder = try TemporaryFolder()
    store = try Store(path: folder.path("fsdlog.sqlite"))
  }

  override func tearDown() {
    store = nil
    folder = nil
  }

  func testEmptyDatabaseReportsNothing() throws {
    let report = try store.statusReport()
    XCTAssertEqual(report, StatusReport())
    XCTAssertEqual(report.totalClips, 0)
    XCTAssertNil(report.lastRun)
  }

  func testCountsByStatusAndCameraSecondsFramesAndProblems() throws {
    // A small archive: what each clip contributes is decided here, so the expectations below
    // follow from these rows.
    struct Clip { let path, camera, source, time: String; let status: ClipRecord.Status; let seconds: Double?; let frames: Int? }
    let clips = [
      Clip(path: "/m/R/2026-11-02_08-14-31-front.mp4", camera: "front", source: "recent", time: "2026-11-02T08:14:31", status: .ok, seconds: 60.0, frames: 2160),
      Clip(path: "/m/R/2026-11-02_08-15-31-front.mp4", camera: "front", source: "recent", time: "2026-11-02T08:15:31", status: .partial, seconds: 4.25, frames: 153),
      Clip(path: "/m/R/2026-11-02_08-16-31-front.mp4", camera: "front", source: "recent", time: "2026-11-02T08:16:31", status: .failed, seconds: nil, frames: nil),
      Clip(path: "/m/R/2026-11-02_08-14-31-back.mp4", camera: "back", source: "recent", time: "2026-11-02T08:14:31", status: .ok, seconds: 60.0, frames: nil),
      Clip(path: "/m/R/2026-11-02_08-15-31-back.mp4", camera: "back", source: "recent", time: "2026-11-02T08:15:31", status: .ok, seconds: 60.0, frames: nil),
      Clip(path: "/m/R/2026-11-02_08-14-31-left_repeater.mp4", camera: "left_repeater", source: "recent", time: "2026-11-02T08:14:31", status: .ok, seconds: 60.0, frames: nil),
      Clip(path: "/m/R/2026-11-02_08-17-31-back.mp4", camera: "back", source: "recent", time: "2026-11-02T08:17:31", status: .notVideo, seconds: nil, frames: nil),
      Clip(path: "/m/S/e/2026-11-04_21-03-front.mp4", camera: "front", source: "sentry", time: "2026-11-04T21:03:00", status: .ok, seconds: 30.5, frames: 1098),
    ]
    for clip in clips {
      let record = makeClip(clip.path, camera: Camera(rawValue: clip.camera), source: clip.source, nameTimeLocal: clip.time, status: clip.status,
                            durationS: clip.seconds, error: clip.status == .ok ? nil : "why \(clip.status.rawValue)")
      let motion = clip.frames.map { n in StoredMotion(ptsSeconds: (0..<n).map { Double($0) / 36 }, mafd: Array(repeating: 1, count: n)) }
      try store.saveClip(record, motion: motion)
    }
    _ = try store.upsertEventFolder(EventFolderRecord(path: "/m/S/e", source: "sentry"))
    let ids = try clips.prefix(2).map { try XCTUnwrap(try store.clip(path: $0.path)?.id) }
    try store.replaceDrives([(DriveRecord(startLocal: "2026-11-02T08:14:31", endLocal: "2026-11-02T08:15:35", startUtc: nil, clipCount: 2, durationS: 64.25), ids)])
    _ = try store.beginRun(IngestRunRecord(startedAt: "2026-11-02T20:00:00Z", paths: "[]", jobs: 1, force: false, decodeQuality: "analysis", toolVersion: "t"))
    var last = try store.beginRun(IngestRunRecord(startedAt: "2026-11-02T21:00:00Z", paths: "[\"/m\"]", jobs: 2, force: true, decodeQuality: "exact", toolVersion: "t"))
    last.status = .completed
    try store.finishRun(last)

    let report = try store.statusReport()

    XCTAssertEqual(report.clipsByStatus, ["ok": 5, "partial": 1, "failed": 1, "not_video": 1])
    XCTAssertEqual(report.totalClips, clips.count)
    // Cameras count readable clips only, most first, ties by name.
    XCTAssertEqual(report.clipsByCamera.map(\.camera), ["front", "back", "left_repeater"])
    XCTAssertEqual(report.clipsByCamera.map(\.clips), [3, 2, 1])
    // Readable front clips, Sentry included: 60 + 4.25 + 30.5.
    XCTAssertEqual(report.frontVideoSeconds, 94.75, accuracy: 1e-9)
    XCTAssertEqual(report.framesAnalyzed, 2160 + 153 + 1098)
    XCTAssertEqual(report.firstClipLocal, "2026-11-02T08:14:31")
    XCTAssertEqual(report.lastClipLocal, "2026-11-04T21:03:00")
    XCTAssertEqual(report.drives, 1)
    XCTAssertEqual(report.eventFolders, 1)
    // Problems: ordered by status, then path, with the stored reason.
    XCTAssertEqual(report.problemClips, [
      StatusReport.FailedClip(path: clips[2].path, status: "failed", error: "why failed"),
      StatusReport.FailedClip(path: clips[6].path, status: "not_video", error: "why not_video"),
      StatusReport.FailedClip(path: clips[1].path, status: "partial", error: "why partial"),
    ])
    XCTAssertEqual(report.lastRun, last)
  }

  func testProblemListIsLimited() throws {
    for minute in 10..<20 {
      try store.saveClip(makeClip("/m/R/2026-11-02_08-\(minute)-31-front.mp4", status: .failed, durationS: nil), motion: nil)
    }
    let report = try store.statusReport(problemLimit: 3)
    XCTAssertEqual(report.problemClips.map(\.path), (10..<13).map { "/m/R/2026-11-02_08-\($0)-31-front.mp4" })
    // The counts still cover every clip.
    XCTAssertEqual(report.clipsByStatus["failed"], 10)
  }

  func testProblemWithoutReasonHasEmptyError() throws {
    try store.saveClip(makeClip("/m/x-front.mp4", status: .failed, durationS: nil, error: nil), motion: nil)
    XCTAssertEqual(try store.statusReport().problemClips, [StatusReport.FailedClip(path: "/m/x-front.mp4", status: "failed", error: "")])
  }
}
