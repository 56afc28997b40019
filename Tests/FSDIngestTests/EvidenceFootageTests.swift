import FSDStore
import XCTest

@testable import FSDIngest

/// Which clips an event's kept footage comes from: the clip before or after the event's own when
/// the kept stretch reaches into it and it follows on without a gap; never a clip from another
/// moment, never one that is gone; each camera its own siblings.
final class EvidenceFootageTests: XCTestCase {
  /// Front clips of one drive starting at the given minutes past 08:00 (UTC, named by the same
  /// time), each `lengthS` long.
  func drive(_ startsS: [Double], lengthS: Double = 60) -> [ClipRecord] {
    startsS.enumerated().map { index, startS in
      let stamp = String(format: "2026-11-01_08-%02d-%02d", Int(startS) / 60, Int(startS) % 60)
      var clip = ClipRecord(path: "/usb/TeslaCam/RecentClips/\(stamp)-front.mp4", sizeBytes: 1, mtimeS: 0,
                            fingerprint: "\(index)", camera: "front", source: "recent", status: .ok, analysisVersion: 3,
                            ingestedAt: "2026-11-04T00:00:00Z")
      clip.id = Int64(index + 1)
      clip.durationS = lengthS
      clip.nameTimeLocal = String(format: "2026-11-01T08:%02d:%02d", Int(startS) / 60, Int(startS) % 60)
      clip.startUtc = clip.nameTimeLocal! + "Z"
      return clip
    }
  }

  func testTheKeptStretchRunsIntoTheNeighboursItReaches() {
    let clips = drive([0, 60, 120])
    // 7 s before the middle clip's start to 5 s into it.
    let early = EvidenceFootage(clip: clips[1], fromS: -7, toS: 5, driveClips: clips, exists: { _ in true })
    XCTAssertEqual(early.parts.map(\.path), [clips[0].path, clips[1].path])
    XCTAssertEqual(early.anchor, 1)
    XCTAssertEqual(early.parts[0].fromSeconds, 53, accuracy: 1e-9)
    XCTAssertEqual(early.parts[0].toSeconds, 60, accuracy: 1e-9)
    XCTAssertEqual(early.parts[1].fromSeconds, 0)
    // 55 s to 68 s: on into the next clip's first 8 s.
    let late = EvidenceFootage(clip: clips[1], fromS: 55, toS: 68, driveClips: clips, exists: { _ in true })
    XCTAssertEqual(late.parts.map(\.path), [clips[1].path, clips[2].path])
    XCTAssertEqual(late.anchor, 0)
    XCTAssertEqual(late.parts[1].toSeconds, 8, accuracy: 1e-9)
    // Well inside: the clip alone.
    XCTAssertEqual(EvidenceFootage(clip: clips[1], fromS: 10, toS: 20, driveClips: clips, exists: { _ in true }).parts.count, 1)
  }

  func testNoFootageFromAnotherMomentOrFromAClipThatIsGone() {
    // The clip before ended 30 s before this one began (RecentClips overwritten in between).
    let gapped = drive([0, 90])
    let footage = EvidenceFootage(clip: gapped[1], fromS: -7, toS: 5, driveClips: gapped, exists: { _ in true })
    XCTAssertEqual(footage.parts.map(\.path), [gapped[1].path])
    XCTAssertEqual(footage.parts[0].fromSeconds, 0)
    let clips = drive([0, 60])
    let gone = EvidenceFootage(clip: clips[1], fromS: -7, toS: 5, driveClips: clips, exists: { $0 != clips[0].path })
    XCTAssertEqual(gone.parts.map(\.path), [clips[1].path])
    XCTAssertEqual(gone.anchor, 0)
  }

  func testEachCameraTakesItsOwnSiblingsThatExist() throws {
    let clips = drive([0, 60])
    let footage = EvidenceFootage(clip: clips[1], fromS: -7, toS: 5, driveClips: clips, exists: { _ in true })
    let back = try XCTUnwrap(footage.sibling(.back, exists: { _ in true }))
    XCTAssertEqual(back.parts.map(\.path), clips.map { $0.path.replacingOccurrences(of: "-front.mp4", with: "-back.mp4") })
    XCTAssertEqual(back.anchor, 1)
    // The back camera's clip before is missing: the event's own minute alone.
    let ownOnly = try XCTUnwrap(footage.sibling(.back, exists: { !$0.contains("08-00-00") }))
    XCTAssertEqual(ownOnly.parts.count, 1)
    XCTAssertEqual(ownOnly.anchor, 0)
    // No back clip for the event's own minute: no back footage at all.
    XCTAssertNil(footage.sibling(.back, exists: { !$0.contains("08-01-00") }))
  }
}
