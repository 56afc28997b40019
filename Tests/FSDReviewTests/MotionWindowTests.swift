import FSDReview
import FSDStore
import XCTest

/// A vision-only event's card plots the clip's stored motion series: a 1 s nose dip of 2 % of
/// the picture height at the peak shows as a 2.0 % dip there, and nothing before it.
final class MotionWindowTests: XCTestCase {
  /// A vision brake's details whose clip's scene also drifts `driftPercentPerS` of the height a
  /// second nose-down (the integrated pitch's drift while the scene looms).
  func details(driftPercentPerS: Double = 0) throws -> EventDetails {
    let fixture = try ReviewFixture()
    var clip = ClipRecord(path: "/usb/TeslaCam/RecentClips/2026-11-01_09-59-50-front.mp4", sizeBytes: 1, mtimeS: 0,
                          fingerprint: "x", camera: "front", source: "recent", status: .ok, analysisVersion: 3,
                          ingestedAt: "2026-11-04T00:00:00Z")
    clip.width = 640
    clip.height = 480
    clip.nameTimeLocal = "2026-11-01T09:59:50"
    // 36 fps for 20 s; the scene moves up (dy < 0) by 9.6 rows (2 % of 480) over the second
    // before the peak at 10 s, as it does when the nose dips under braking.
    let pts = (0..<720).map { Double($0) / 36 }
    let drift = Float(-4.8 * driftPercentPerS / 36)
    let dy = pts.map { ($0 > 9 && $0 <= 10 ? Float(-9.6 / 36) : 0) + drift }
    let motion = StoredMotion(ptsSeconds: pts, mafd: pts.map { _ in 1 }, dx: pts.map { _ in 0 }, dy: dy,
                              expansion: pts.map { _ in 2 }, brightness: pts.map { _ in 120 }, confidence: pts.map { _ in 1 })
    clip = try fixture.store.saveClip(clip, motion: motion)
    var event = try XCTUnwrap(fixture.store.event(id: 3))
    event.clipId = clip.id
    event.offsetS = 10
    event.source = .vision
    event.rule = "vision: nose-down pitch>=0.9% of height for 0.3s (peak 2.0%)"
    return try EventDetails.load(event, from: fixture.store) { _, _ in nil }
  }

  func testAVisionBrakeShowsItsNoseDipFromTheStoredMotion() throws {
    let details = try details()
    XCTAssertTrue(details.window.samples.isEmpty, "no telemetry")
    let window = try XCTUnwrap(details.motion)
    XCTAssertEqual(window.samples.last?.pitchPercent ?? 0, 2.0, accuracy: 0.01)
    XCTAssertEqual(window.samples.first { $0.tS > -1.01 }?.pitchPercent ?? 1, 0, accuracy: 0.01, "flat before the dip")

    let card = ReviewCard.lines(details, state: .untagged, style: TerminalStyle(usesColor: false))
    XCTAssertTrue(card.contains("  seen      nose-down pitch>=0.9% of height for 0.3s (peak 2.0%)"),
                  "what the camera measured: " + card.joined(separator: "\n"))
    let dip = try XCTUnwrap(card.first { $0.contains("nose dip") && $0.contains("│") }, card.joined(separator: "\n"))
    XCTAssertTrue(dip.contains("2.0"), dip)
    let bars = Array(dip.split(separator: "│")[1])
    XCTAssertEqual(bars[10], " ", "before the dip")
    XCTAssertEqual(bars[30], "█", "after it")
  }

  func testTheDipIsPlottedAgainstThePitchsDriftBeforeIt() throws {
    // The scene looms and the integrated pitch drifts 1 % of the height a second: 10 % over the
    // window. The plot shows the 2 % dip the detector judged, not dip and drift together.
    let window = try XCTUnwrap(try details(driftPercentPerS: 1).motion)
    XCTAssertEqual(window.samples.last?.pitchPercent ?? 0, 2.0, accuracy: 0.05)
    XCTAssertEqual(window.samples.first { $0.tS > -1.01 }?.pitchPercent ?? 1, 0, accuracy: 0.05, "flat before the dip")
  }
}
