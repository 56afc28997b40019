import FSDTestSupport
import Foundation
import XCTest

@testable import FSDIngest

/// ClipFingerprint: FNV-1a 64 over the size and the first and last 64 KiB of a file.
final class ClipFingerprintTests: XCTestCase {
  private let kib64 = 64 * 1024
  private var folder: TemporaryFolder!

  override func setUpWithError() throws {
    folder = try TemporaryFolder()
  }

  override func tearDown() {
    folder = nil
  }

  /// Deterministic pseudo-random bytes (xorshift), so files differ everywhere but reproducibly.
  private func bytes(_ count: Int, seed: UInt64 = 0x9E37_79B9_7F4A_7C15) -> [UInt8] {
    var state = seed
    return (0..<count).map { _ in
      state ^= state << 13
      state ^= state >> 7
      state ^= state << 17
      return UInt8(truncatingIfNeeded: state)
    }
  }

  private func write(_ name: String, _ content: [UInt8]) throws -> String {
    let path = folder.path(name)
    try Data(content).write(to: URL(fileURLWithPath: path))
    return path
  }

  private func fingerprint(_ path: String) throws -> String {
    try ClipFingerprint.of(path: path, sizeBytes: fileSize(path))
  }

  private func fingerprint(of content: [UInt8]) throws -> String {
    try fingerprint(write(UUID().uuidString, content))
  }

  private func flipped(_ content: [UInt8], at offset: Int) -> [UInt8] {
    var copy = content
    copy[offset] ^= 0x01
    return copy
  }

  func testFNV1a64MatchesThePublishedTestVectors() {
    // From the FNV reference (Fowler/Noll/Vo): the basis and two short strings.
    for (text, expected) in [("", 0xcbf2_9ce4_8422_2325 as UInt64), ("a", 0xaf63_dc4c_8601_ec8c), ("foobar", 0x8594_4171_f739_67e8)] {
      var hash = FNV1a64()
      hash.add(Array(text.utf8))
      XCTAssertEqual(hash.value, expected, "FNV-1a 64 of \"\(text)\"")
    }
  }

  func testFingerprintIsTheHashOfSizeThenContentForASmallFile() throws {
    let content = bytes(1000)
    var hash = FNV1a64()
    hash.add(withUnsafeBytes(of: Int64(content.count).littleEndian) { Array($0) })
    hash.add(content)
    XCTAssertEqual(try fingerprint(of: content), "fnv1a64:" + String(hash.value, radix: 16).leftPadded(to: 16))
  }

  func testSameBytesGiveTheSameFingerprintWhateverThePath() throws {
    let content = bytes(300_000)
    XCTAssertEqual(try fingerprint(write("a.mp4", content)), try fingerprint(write("b.mp4", content)))
  }

  func testOneByteChangedInTheFirst64KiBChangesIt() throws {
    let content = bytes(300_000)
    let original = try fingerprint(of: content)
    for offset in [0, 4, 30_000, kib64 - 1] {
      XCTAssertNotEqual(try fingerprint(of: flipped(content, at: offset)), original, "byte \(offset)")
    }
  }

  func testOneByteChangedInTheLast64KiBChangesIt() throws {
    let content = bytes(300_000)
    let original = try fingerprint(of: content)
    for offset in [content.count - kib64, content.count - 1] {
      XCTAssertNotEqual(try fingerprint(of: flipped(content, at: offset)), original, "byte \(offset)")
    }
  }

  func testMiddleOfALargeFileIsNotHashed() throws {
    // Documents the trade-off: hashing whole clips would cost as much I/O as decoding them. A
    // change between the two sampled ends goes unseen by the fingerprint alone; ingest also
    // compares size and mtime, which any real rewrite changes.
    let content = bytes(300_000)
    let original = try fingerprint(of: content)
    for offset in [kib64, content.count / 2, content.count - kib64 - 1] {
      XCTAssertEqual(try fingerprint(of: flipped(content, at: offset)), original, "byte \(offset)")
    }
  }

  func testSizeIsPartOfIt() throws {
    // Same first and last 64 KiB, one byte more in between: only the size tells them apart.
    let head = bytes(kib64, seed: 1), middle = bytes(50_000, seed: 2), tail = bytes(kib64, seed: 3)
    let shorter = head + middle + tail, longer = head + middle + [0x42] + tail
    XCTAssertNotEqual(try fingerprint(of: shorter), try fingerprint(of: longer))
  }

  func testFileBetween64And128KiBIsHashedWhole() throws {
    // The tail sample starts where the head sample ends, so no byte is left out or read twice.
    let content = bytes(kib64 + 5_000)
    let original = try fingerprint(of: content)
    for offset in [0, kib64 - 1, kib64, content.count - 1] {
      XCTAssertNotEqual(try fingerprint(of: flipped(content, at: offset)), original, "byte \(offset)")
    }
  }

  func testEmptyFileHasAFingerprint() throws {
    // Zero-byte clips exist (the car stopped before writing): they still get an identity.
    var hash = FNV1a64()
    hash.add([UInt8](repeating: 0, count: 8))
    XCTAssertEqual(try fingerprint(of: []), "fnv1a64:" + String(hash.value, radix: 16).leftPadded(to: 16))
  }

  func testMissingFileThrows() {
    XCTAssertThrowsError(try ClipFingerprint.of(path: folder.path("gone.mp4"), sizeBytes: 10))
  }

  func testRealClipsWithTheSameSizeDiffer() throws {
    // The two back clips of the sample drive hold the same generated pictures and are the same
    // size; only their recording time (in the moov box) differs, and that must be enough.
    let day = sampleTeslaCam + "/RecentClips/2026-11-02/"
    let a = day + "2026-11-02_08-14-31-back.mp4", b = day + "2026-11-02_08-15-31-back.mp4"
    try XCTSkipUnless(try fileSize(a) == fileSize(b), "sample back clips no longer share a size")
    XCTAssertNotEqual(try fingerprint(a), try fingerprint(b))
  }
}

private extension String {
  func leftPadded(to width: Int) -> String { String(repeating: "0", count: max(0, width - count)) + self }
}
