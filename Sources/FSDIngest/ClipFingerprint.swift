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
