import CFFmpeg
import Foundation

/// Reads the head of each video sample, not the sample: the NAL units before its first slice.
///
/// A Tesla front-camera sample is an SEI NAL unit (the telemetry record, ~100 bytes) followed by
/// the slice (the picture, tens of kilobytes). The reader walks a sample's length-prefixed NAL
/// units from its start, keeps the SEI units whole, skips other units by their length and stops at
/// the first slice (types 1 and 5) without reading it. Reads are small preads through one window:
/// the heads of samples that lie close together in the file are read in one request.
///
/// The file is read with O_DIRECT where the file system allows it. Buffered reads of scattered
/// heads are not small: a page that an earlier sequential read (the fingerprint, FFmpeg's header
/// read) marked for read-ahead starts read-ahead on any descriptor, even one advised
/// POSIX_FADV_RANDOM, and each read-ahead marks the next window, so the kernel ended up reading the
/// whole 40 MB bench clip for 1.2 MB of preads (tools/bench sei-io). Direct reads fetch exactly the
/// aligned blocks asked for.
final class SampleHeadReader {
  /// What a first read of a sample asks for: an access-unit delimiter and a Tesla SEI fit with
  /// room to spare. A longer head costs one more read.
  static let headGuessBytes = 256
  /// Heads this close together are read in one request.
  static let coalesceGapBytes = 4096
  static let maxWindowBytes = 64 << 10

  struct ReadFailed: Error, CustomStringConvertible { let description: String }

  private var descriptor: Int32
  private let path: String
  let samples: [MP4SampleTable.Sample]
  let lengthSize: Int
  /// Bytes the walk needed (the heads' bytes, before block alignment), bytes transferred from the
  /// file (aligned blocks), and the preads that transferred them.
  private(set) var bytesNeeded = 0
  private(set) var bytesRead = 0
  private(set) var reads = 0
  /// Block size direct reads are aligned to (offset, length, memory); 1 for buffered reads.
  private(set) var alignment: Int
  private var buffer: UnsafeMutableRawBufferPointer
  /// The file bytes the buffer holds: `windowStart ..< windowStart + windowCount`.
  private var windowStart: UInt64 = 0
  private var windowCount = 0

  /// Opens `path` for direct reads (buffered, advised random, where O_DIRECT is refused).
  init(path: String, table: MP4SampleTable) throws(ReadFailed) {
    self.path = path
    samples = table.samples
    lengthSize = table.nalLengthSize
    let direct = fsd_o_direct()
    descriptor = direct != 0 ? open(path, O_RDONLY | O_CLOEXEC | direct) : -1
    alignment = 512
    if descriptor < 0 {
      descriptor = open(path, O_RDONLY | O_CLOEXEC)
      alignment = 1
    }
    guard descriptor >= 0 else { throw ReadFailed(description: "cannot open: \(String(cString: strerror(errno)))") }
    _ = posix_fadvise(descriptor, 0, 0, Int32(POSIX_FADV_RANDOM))
    buffer = .allocate(byteCount: Self.maxWindowBytes + 2 * 4096, alignment: 4096)
  }

  deinit {
    close(descriptor)
    buffer.deallocate()
  }

  /// The SEI NAL units at the head of sample `index`, each after a 4-byte big-endian length: the
  /// form of an MP4 sample, so SEICollector reads it as it reads a whole demuxed packet and finds
  /// the same records. Empty when the head holds no SEI.
  ///
  /// The walk follows NALUnits.lengthPrefixed exactly (a zero length or one running past the
  /// sample's end stops it), so the SEI units it keeps are those of the demuxed packet before its
  /// first slice: all SEICollector reads in a packet (H.264 has no SEI after a picture's slices).
  func seiUnits(ofSample index: Int) throws(ReadFailed) -> [UInt8] {
    let sample = samples[index]
    var units: [UInt8] = []
    var position = 0
    while position + lengthSize <= sample.size {
      // The length and the unit's header byte (its type) in one go, when the sample has it.
      let prefix = try bytes(sampleIndex: index, at: position, count: min(lengthSize + 1, sample.size - position))
      let length = prefix.prefix(lengthSize).reduce(0) { $0 << 8 | Int($1) }
      guard length > 0, length <= sample.size - position - lengthSize else { break }
      let type = prefix[lengthSize] & 0x1F
      if type == 1 || type == 5 { break }
      if type == 6 {
        let unit = try bytes(sampleIndex: index, at: position + lengthSize, count: length)
        units += [UInt8(truncatingIfNeeded: length >> 24), UInt8(truncatingIfNeeded: length >> 16),
                  UInt8(truncatingIfNeeded: length >> 8), UInt8(truncatingIfNeeded: length)]
        units += unit
      }
      position += lengthSize + length
    }
    return units
  }

  /// `count` bytes at `position` within sample `sampleIndex`, from the window or a new read.
  private func bytes(sampleIndex: Int, at position: Int, count: Int) throws(ReadFailed) -> [UInt8] {
    let sample = samples[sampleIndex]
    let offset = sample.offset + UInt64(position)
    if offset >= windowStart, offset + UInt64(count) <= windowStart + UInt64(windowCount) {
      let start = Int(offset - windowStart)
      return Array(UnsafeRawBufferPointer(rebasing: buffer[start..<(start + count)]))
    }
    // A new window from here: at least what is asked and the usual head, within this sample;
    // then the heads of the next samples while they follow closely.
    var end = offset + UInt64(max(count, min(Self.headGuessBytes, sample.size - position)))
    var next = sampleIndex + 1
    while next < samples.count {
      let candidate = samples[next]
      let headEnd = candidate.offset + UInt64(min(Self.headGuessBytes, candidate.size))
      guard candidate.offset >= end, candidate.offset - end <= UInt64(Self.coalesceGapBytes),
            headEnd - offset <= UInt64(Self.maxWindowBytes) else { break }
      end = headEnd
      next += 1
    }
    try fill(from: offset, to: end)
    bytesNeeded += Int(end - offset)
    let start = Int(offset - windowStart)
    return Array(UnsafeRawBufferPointer(rebasing: buffer[start..<(start + count)]))
  }

  /// Reads file bytes `start ..< end` into the buffer, widened to the alignment. A file system
  /// that refuses direct reads of this alignment gets 4096-byte blocks, then buffered reads.
  private func fill(from start: UInt64, to end: UInt64) throws(ReadFailed) {
    while true {
      let block = UInt64(alignment)
      let alignedStart = start / block * block
      let alignedEnd = (end + block - 1) / block * block
      let length = Int(alignedEnd - alignedStart)
      if length > buffer.count {
        buffer.deallocate()
        buffer = .allocate(byteCount: length, alignment: 4096)
      }
      let got = MP4SampleTable.preadFully(descriptor, UnsafeMutableRawBufferPointer(rebasing: buffer[0..<length]),
                                           offset: alignedStart)
      if got < 0 {
        if errno == EINVAL, alignment > 1 { try fallBack(); continue }
        throw ReadFailed(description: "read at offset \(alignedStart): \(String(cString: strerror(errno)))")
      }
      reads += 1
      bytesRead += got
      windowStart = alignedStart
      windowCount = got
      // The aligned end may lie past the end of the file; the bytes asked for may not.
      guard UInt64(got) >= end - alignedStart else {
        windowCount = 0
        throw ReadFailed(description: "read \(got) of \(end - alignedStart) bytes at offset \(alignedStart)")
      }
      return
    }
  }

  /// The next way of reading after EINVAL: 4096-byte direct reads, then buffered ones.
  private func fallBack() throws(ReadFailed) {
    if alignment == 512 {
      alignment = 4096
      return
    }
    close(descriptor)
    descriptor = open(path, O_RDONLY | O_CLOEXEC)
    guard descriptor >= 0 else { throw ReadFailed(description: "cannot open: \(String(cString: strerror(errno)))") }
    _ = posix_fadvise(descriptor, 0, 0, Int32(POSIX_FADV_RANDOM))
    alignment = 1
  }
}
