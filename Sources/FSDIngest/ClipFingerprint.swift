import Foundation

#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

/// A cheap content fingerprint: FNV-1a 64 over the size, the first and the last 64 KiB.
///
/// Path, size and mtime alone miss a clip rewritten in place with the same size (an archiver
/// restoring a copy); hashing whole multi-megabyte clips would cost as much I/O as decoding
/// them. The ends of an MP4 hold its ftyp/moov boxes and first/last frames, which differ
/// between any two recordings. This detects change; it is not a security hash.
///
/// It is also what a clip is known by when it turns up under another path (`ClipRecognition`),
/// and strong enough for that without a sampled middle chunk: the car writes the `moov` index
/// last, and for a 60 s clip (about 2,200 frames: a 4-byte size each in `stsz`, plus offsets and
/// times, some 30 KB) it lies wholly in the last 64 KiB, so every frame's byte count and the
/// creation time are hashed; the first 64 KiB hold the first frame's picture and SEI telemetry
/// (time, position). Two recordings alike in all that and in size do not happen; a bit flipped in
/// a middle frame (storage damage, not another clip) goes unnoticed, as it always has. Keeping the
/// recipe also keeps every stored fingerprint valid: a new one would make existing databases
/// analyse every clip again.
public enum ClipFingerprint {
  static let sampleBytes = 64 * 1024

  public static func of(path: String, sizeBytes: Int64) throws -> String {
    // Opening a FIFO blocks until something writes to it, and no Ctrl-C reaches a blocked open:
    // discovery passes only regular files, and a file swapped for a FIFO since is refused here.
    // stat follows a symbolic link: a link to a clip is a clip.
    var status = stat()
    if stat(path, &status) == 0 && (status.st_mode & S_IFMT) != S_IFREG { throw NotARegularFile(path: path) }
    let handle = try FileHandle(forReadingFrom: URL(fileURLWithPath: path))
    defer { try? handle.close() }
    var hash = FNV1a64()
    hash.add(withUnsafeBytes(of: sizeBytes.littleEndian) { Array($0) })
    hash.add(try handle.read(upToCount: sampleBytes) ?? Data())
    if sizeBytes > Int64(sampleBytes) {
      try handle.seek(toOffset: UInt64(max(Int64(sampleBytes), sizeBytes - Int64(sampleBytes))))
      hash.add(try handle.read(upToCount: sampleBytes) ?? Data())
    }
    return String(format: "fnv1a64:%016llx", hash.value)
  }
}

/// A path that is no longer a regular file (a FIFO, socket or device): it is not opened.
struct NotARegularFile: Error, LocalizedError {
  let path: String
  var errorDescription: String? { "\(path) is not a regular file (a FIFO, socket or device): only regular files are clips" }
}

struct FNV1a64 {
  private(set) var value: UInt64 = 0xcbf2_9ce4_8422_2325

  mutating func add<Bytes: Sequence>(_ bytes: Bytes) where Bytes.Element == UInt8 {
    for byte in bytes {
      value ^= UInt64(byte)
      value = value &* 0x0000_0100_0000_01b3
    }
  }
}
