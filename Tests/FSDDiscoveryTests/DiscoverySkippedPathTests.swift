import Foundation
import XCTest

#if canImport(Glibc)
  import Glibc
#endif

@testable import FSDDiscovery

/// Only regular files are clips; every other path the walk meets is kept with its reason
/// (issue 12, defects 4 and 5). These cases all exist for root too.
final class DiscoverySkippedPathTests: XCTestCase {
  private func skipped(_ result: DiscoveryResult) -> [String: SkippedPath] {
    Dictionary(uniqueKeysWithValues: result.skippedPaths.map { ($0.path, $0) })
  }

  func testFIFOAndSocketNamedLikeClipsAreNotClips() throws {
    let tree = try TemporaryTree()
    let clip = try tree.file("TeslaCam/RecentClips/2026-11-02_08-14-31-front.mp4")
    let fifo = tree.path("TeslaCam/RecentClips/2026-11-02_08-15-31-front.mp4")
    XCTAssertEqual(mkfifo(fifo, 0o644), 0)
    let socketPath = tree.path("TeslaCam/RecentClips/2026-11-02_08-16-31-front.mp4")
    let socket = try BoundSocket(path: socketPath)
    defer { socket.close() }

    let result = try Discovery.discover(paths: [tree.path("TeslaCam")])
    XCTAssertEqual(result.clips.map(\.path), [clip], "only the regular file is a clip")
    let found = skipped(result)
    XCTAssertEqual(found[fifo]?.kind, .notAClip)
    XCTAssertTrue(found[fifo]?.reason.contains("FIFO") ?? false, "\(String(describing: found[fifo]))")
    XCTAssertEqual(found[fifo]?.camera, "front")
    XCTAssertEqual(found[fifo]?.source, .recent)
    XCTAssertEqual(found[socketPath]?.kind, .notAClip)
    XCTAssertTrue(found[socketPath]?.reason.contains("socket") ?? false)

    // Given as the argument itself, a FIFO is not opened either.
    let direct = try Discovery.discover(paths: [fifo])
    XCTAssertEqual(direct.clips, [])
    XCTAssertEqual(direct.skippedPaths.map(\.path), [fifo])
  }

  func testDanglingSymlinkAndNonUTF8NameAreReported() throws {
    let tree = try TemporaryTree()
    try tree.file("TeslaCam/RecentClips/2026-11-02_08-14-31-front.mp4")
    try tree.symlink("TeslaCam/RecentClips/2026-11-02_08-15-31-front.mp4", to: tree.path("unmounted/clip.mp4"))
    try tree.symlink("TeslaCam/SavedClips", to: "/no/such/usb/SavedClips")
    // "café-front.mp4" in Latin-1: 0xE9 alone is not UTF-8.
    let rawName = Array("TeslaCam/RecentClips/caf".utf8) + [0xE9] + Array("-front.mp4".utf8)
    let rawPath = Array(tree.root.utf8) + [UInt8(ascii: "/")] + rawName
    let descriptor = (rawPath + [0]).withUnsafeBufferPointer { buffer in
      buffer.withMemoryRebound(to: CChar.self) { open($0.baseAddress!, O_CREAT | O_WRONLY, 0o644) }
    }
    XCTAssertGreaterThanOrEqual(descriptor, 0)
    close(descriptor)

    let result = try Discovery.discover(paths: [tree.path("TeslaCam")])
    XCTAssertEqual(result.clips.count, 1)
    let found = skipped(result)
    let link = tree.path("TeslaCam/RecentClips/2026-11-02_08-15-31-front.mp4")
    XCTAssertEqual(found[link]?.kind, .unreadable)
    XCTAssertTrue(found[link]?.reason.contains("unmounted/clip.mp4") ?? false, "\(String(describing: found[link]))")
    XCTAssertEqual(found[tree.path("TeslaCam/SavedClips")]?.kind, .unreadable, "a link to a folder that is not there")
    let escaped = tree.path("TeslaCam/RecentClips/caf\\xE9-front.mp4")
    XCTAssertEqual(found[escaped]?.kind, .unreadable, "\(found.keys.sorted())")
    XCTAssertTrue(found[escaped]?.reason.contains("UTF-8") ?? false)
    XCTAssertEqual(result.skippedPaths.count, 3)
  }

  func testLinkToAFolderIsStillNotFollowedAndHiddenNamesStaySilent() throws {
    let tree = try TemporaryTree()
    try tree.file("TeslaCam/RecentClips/2026-11-02_08-14-31-front.mp4")
    try tree.file("TeslaCam/RecentClips/._2026-11-02_08-14-31-front.mp4")
    try tree.symlink("TeslaCam/RecentClips/loop", to: tree.path("TeslaCam"))
    let result = try Discovery.discover(paths: [tree.path("TeslaCam")])
    XCTAssertEqual(result.clips.count, 1)
    XCTAssertEqual(result.skippedPaths, [])
  }

  func testImpossibleDateKeepsTheCameraAndSaysWhy() throws {
    let tree = try TemporaryTree()
    let back = try tree.file("TeslaCam/RecentClips/2025-02-30_08-14-31-back.mp4")
    let result = try Discovery.discover(paths: [tree.path("TeslaCam")])
    let clip = try XCTUnwrap(result.clips.first)
    XCTAssertEqual(clip.path, back)
    XCTAssertEqual(clip.camera, "back", "a back clip with a bad date was taken for a front clip")
    XCTAssertNil(clip.nameTime)
    XCTAssertTrue(clip.nameProblem?.contains("2025-02-30_08-14-31") ?? false, String(describing: clip.nameProblem))
    XCTAssertNil(TeslaClipName.impossibleStamp(fileName: "2025-02-28_08-14-31-back.mp4"))
    XCTAssertEqual(TeslaClipName.impossibleStamp(fileName: "2026-11-02_24-00-00-front.mp4")?.camera, "front")
  }
}

/// A listening Unix socket at a path, as a running program leaves one.
private final class BoundSocket {
  private let descriptor: Int32

  init(path: String) throws {
    descriptor = socket(AF_UNIX, Int32(SOCK_STREAM.rawValue), 0)
    var address = sockaddr_un()
    address.sun_family = sa_family_t(AF_UNIX)
    let bytes = Array(path.utf8)
    guard descriptor >= 0, bytes.count < MemoryLayout.size(ofValue: address.sun_path) else { throw CocoaError(.fileWriteUnknown) }
    withUnsafeMutableBytes(of: &address.sun_path) { buffer in
      for (index, byte) in bytes.enumerated() { buffer[index] = byte }
    }
    let bound = withUnsafePointer(to: &address) {
      $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { bind(descriptor, $0, socklen_t(MemoryLayout<sockaddr_un>.size)) }
    }
    guard bound == 0 else { throw CocoaError(.fileWriteUnknown) }
  }

  func close() { Glibc.close(descriptor) }
}
