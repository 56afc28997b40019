import CFFmpeg
import Foundation

/// Reads the head of each video sample, not the sample: the NAL units before its first slice.
///
/// A Tesla front-camera sample is an SEI NAL unit (the telemetry record, ~100 bytes) followed by
/// the slice (the picture, tens of kilobytes). The reader walks a sample's length-prefixed NAL
/// units from its start, keeps the SEI units whole, skips other units by their length and stops at
/// the first slice (types 1 and 5) without reading it.
///
/// Heads are read ahead in batches of samples, several reads in flight (ConcurrentPreads), each
/// the first `headGuessBytes` of a sample widened to whole blocks; heads whose blocks touch are one
/// read. The guess is what the heads of the previous batch needed (95 % of them), so on a clip of
/// 81-byte heads most samples cost one 512-byte block; a longer head costs one more read of its own.
///
/// The file is read with O_DIRECT where the file system allows it. Buffered reads of scattered
/// heads are not small: a page that an earlier sequential read (the fingerprint, FFmpeg's header
/// read) marked for read-ahead starts read-ahead on any descriptor, even one advised
/// POSIX_FADV_RANDOM, and each read-ahead marks the next window, so the kernel ended up reading the
/// whole 40 MB bench clip for 1.2 MB of preads (tools/bench sei-io). Direct reads fetch exactly the
/// aligned blocks asked for.
final class SampleHeadReader {
  /// What the first batch asks of each sample, before any head was seen: an access-unit
  /// delimiter and a Tesla SEI fit with room to spare.
  static let firstHeadGuessBytes = 256
  /// A guess never grows past this; longer heads are read on their own.
  static let maxHeadGuessBytes = 4096
  /// The share of a batch's heads (in %) the next batch's guess covers. A longer head costs a read
  /// of its own (one more wait); a guess made for rare long heads would cost every sample a second
  /// block (the first frame's encoder SEI and parameter sets, or a keyframe's, are such heads).
  static let guessPercentile = 95
  /// Samples read ahead at once: the first batch is one second of video (to learn the heads'
  /// size), the next ones half a minute (2,400 one-minute clips do 5 batches each).
  static let firstBatchSamples = 36
  static let batchSamples = 1024
  /// Reads in flight. On the test machine's virtual disk, from a cold cache, the bench clip's
  /// 2,160 heads took 133 ms with one, 78 ms with four, 61 with eight, 51 with sixteen and no less
  /// with 32 (fsdlog's own time for the clip; tools/bench sei-io).
  static let concurrentReads = 16

  struct ReadFailed: Error, CustomStringConvertible { let description: String }

  private var descriptor: Int32
  private let path: String
  let samples: [MP4SampleTable.Sample]
  let lengthSize: Int
  private let batchSamples: (first: Int, next: Int)
  private let threads: Int
  /// Bytes the walk asked for (the heads' bytes, before block alignment), bytes transferred from
  /// the file (aligned blocks), and the preads that transferred them.
  private(set) var bytesNeeded = 0
  private(set) var bytesRead = 0
  private(set) var reads = 0
  /// Block size direct reads are aligned to (offset, length, memory); 1 for buffered reads.
  private(set) var alignment: Int
  /// What a batch asks of each sample; learnt from the heads of the batch before.
  private(set) var headGuessBytes = firstHeadGuessBytes

  /// The samples read ahead, the file bytes read for them (`extents`, in `batchBuffer`), and for
  /// each sample of the batch the extent holding its head.
  private var batch = 0..<0
  private var extents: [ConcurrentPreads.Extent] = []
  private var extentOfSample: [Int] = []
  private var batchBuffer: UnsafeMutableRawBufferPointer
  /// Bytes of each walked sample of the batch that its walk needed (the next guess).
  private var headBytesSeen: [Int] = []
  /// A head longer than the guess: the file bytes `windowStart ..< windowStart + windowCount`.
  private var window: UnsafeMutableRawBufferPointer
  private var windowStart: UInt64 = 0
  private var windowCount = 0

  /// Opens `path` for direct reads (buffered, advised random, where O_DIRECT is refused).
  init(path: String, table: MP4SampleTable, batchSamples: (first: Int, next: Int) = (firstBatchSamples, batchSamples),
       threads: Int = concurrentReads) throws(ReadFailed) {
    self.path = path
    samples = table.samples
    lengthSize = table.nalLengthSize
    self.batchSamples = batchSamples
    self.threads = threads
    let direct = fsd_o_direct()
    descriptor = direct != 0 ? open(path, O_RDONLY | O_CLOEXEC | direct) : -1
    alignment = 512
    if descriptor < 0 {
      descriptor = open(path, O_RDONLY | O_CLOEXEC)
      alignment = 1
    }
    guard descriptor >= 0 else { throw ReadFailed(description: "cannot open: \(String(cString: strerror(errno)))") }
    _ = posix_fadvise(descriptor, 0, 0, Int32(POSIX_FADV_RANDOM))
    batchBuffer = .allocate(byteCount: 64 << 10, alignment: 4096)
    window = .allocate(byteCount: 16 << 10, alignment: 4096)
  }

  deinit {
    close(descriptor)
    batchBuffer.deallocate()
    window.deallocate()
  }

  /// The SEI NAL units at the head of sample `index`, each after a 4-byte big-endian length: the
  /// form of an MP4 sample, so SEICollector reads it as it reads a whole demuxed packet and finds
  /// the same records. Empty when the head holds no SEI.
  ///
  /// The walk follows NALUnits.lengthPrefixed exactly (a zero length or one running past the
  /// sample's end stops it), so the SEI units it keeps are those of the demuxed packet before its
  /// first slice: all SEICollector reads in a packet (H.264 has no SEI after a picture's slices).
  func seiUnits(ofSample index: Int) throws(ReadFailed) -> [UInt8] {
    if !batch.contains(index) { try readAhead(from: index) }
    let sample = samples[index]
    var units: [UInt8] = []
    var position = 0
    var reach = 0
    defer { headBytesSeen.append(reach) }
    while position + lengthSize <= sample.size {
      // The length and the unit's header byte (its type) in one go, when the sample has it.
      let prefixCount = min(lengthSize + 1, sample.size - position)
      let prefix = try bytes(sampleIndex: index, at: position, count: prefixCount)
      reach = position + prefixCount
      let length = prefix.prefix(lengthSize).reduce(0) { $0 << 8 | Int($1) }
      guard length > 0, length <= sample.size - position - lengthSize else { break }
      let type = prefix[lengthSize] & 0x1F
      if type == 1 || type == 5 { break }
      if type == 6 {
        let unit = try bytes(sampleIndex: index, at: position + lengthSize, count: length)
        reach = position + lengthSize + length
        units += [UInt8(truncatingIfNeeded: length >> 24), UInt8(truncatingIfNeeded: length >> 16),
                  UInt8(truncatingIfNeeded: length >> 8), UInt8(truncatingIfNeeded: length)]
        units += unit
      }
      position += lengthSize + length
    }
    return units
  }

  /// `count` bytes at `position` within sample `sampleIndex`: from the batch, else from the
  /// window, else from a read of their own.
  private func bytes(sampleIndex: Int, at position: Int, count: Int) throws(ReadFailed) -> [UInt8] {
    let sample = samples[sampleIndex]
    let offset = sample.offset + UInt64(position)
    let extent = extents[extentOfSample[sampleIndex - batch.lowerBound]]
    if offset >= extent.offset, offset + UInt64(count) <= extent.offset + UInt64(extent.count) {
      let start = extent.bufferOffset + Int(offset - extent.offset)
      return Array(UnsafeRawBufferPointer(rebasing: batchBuffer[start..<(start + count)]))
    }
    if offset >= windowStart, offset + UInt64(count) <= windowStart + UInt64(windowCount) {
      let start = Int(offset - windowStart)
      return Array(UnsafeRawBufferPointer(rebasing: window[start..<(start + count)]))
    }
    // Past the guess: what is asked and as much again as the guess, within this sample.
    let end = offset + UInt64(max(count, min(headGuessBytes, sample.size - position)))
    try readWindow(from: offset, to: end)
    bytesNeeded += Int(end - offset)
    let start = Int(offset - windowStart)
    return Array(UnsafeRawBufferPointer(rebasing: window[start..<(start + count)]))
  }

  /// Reads the heads of the samples from `first` on (a batch of them), several reads at once.
  private func readAhead(from first: Int) throws(ReadFailed) {
    if !headBytesSeen.isEmpty {
      let sorted = headBytesSeen.sorted()
      headGuessBytes = max(lengthSize + 1, min(Self.maxHeadGuessBytes, sorted[(sorted.count - 1) * Self.guessPercentile / 100]))
      headBytesSeen.removeAll(keepingCapacity: true)
    }
    let end = min(samples.count, first + (first == 0 ? batchSamples.first : batchSamples.next))
    while true {
      // Each sample's first `headGuessBytes`, widened to blocks; blocks that touch are one read.
      var planned: [ConcurrentPreads.Extent] = []
      var neededEnds: [UInt64] = []
      var ofSample: [Int] = []
      var asked = 0
      for sample in samples[first..<end] {
        let count = min(headGuessBytes, sample.size)
        asked += count
        let (start, stop) = blocks(from: sample.offset, to: sample.offset + UInt64(count))
        if let last = planned.last, start >= last.offset, start <= last.offset + UInt64(last.count) {
          let merged = max(stop, last.offset + UInt64(last.count))
          planned[planned.count - 1] = .init(offset: last.offset, count: Int(merged - last.offset), bufferOffset: last.bufferOffset)
          neededEnds[neededEnds.count - 1] = max(neededEnds[neededEnds.count - 1], sample.offset + UInt64(count))
        } else {
          let bufferOffset = planned.last.map { $0.bufferOffset + $0.count } ?? 0
          planned.append(.init(offset: start, count: Int(stop - start), bufferOffset: bufferOffset))
          neededEnds.append(sample.offset + UInt64(count))
        }
        ofSample.append(planned.count - 1)
      }
      let total = planned.last.map { $0.bufferOffset + $0.count } ?? 0
      if total > batchBuffer.count {
        batchBuffer.deallocate()
        batchBuffer = .allocate(byteCount: total, alignment: 4096)
      }
      let results = ConcurrentPreads.read(planned, descriptor: descriptor, into: batchBuffer, threads: threads)
      if let failed = results.firstIndex(where: { $0 < 0 }) {
        if results[failed] == -Int(EINVAL), alignment > 1 { try fallBack(); continue }
        throw ReadFailed(description: "read at offset \(planned[failed].offset): \(String(cString: strerror(Int32(-results[failed]))))")
      }
      // An aligned end may lie past the end of the file; the bytes asked for may not.
      for (index, got) in results.enumerated() where UInt64(got) < neededEnds[index] - planned[index].offset {
        throw ReadFailed(description: "read \(got) of \(neededEnds[index] - planned[index].offset) bytes at offset \(planned[index].offset)")
      }
      extents = zip(planned, results).map { .init(offset: $0.offset, count: $1, bufferOffset: $0.bufferOffset) }
      extentOfSample = ofSample
      batch = first..<end
      reads += planned.count
      bytesRead += results.reduce(0, +)
      bytesNeeded += asked
      return
    }
  }

  /// Reads file bytes `start ..< end` into the window, widened to the alignment.
  private func readWindow(from start: UInt64, to end: UInt64) throws(ReadFailed) {
    let (alignedStart, alignedEnd) = blocks(from: start, to: end)
    let length = Int(alignedEnd - alignedStart)
    if length > window.count {
      window.deallocate()
      window = .allocate(byteCount: length, alignment: 4096)
    }
    windowCount = 0
    let got = MP4SampleTable.preadFully(descriptor, UnsafeMutableRawBufferPointer(rebasing: window[0..<length]),
                                         offset: alignedStart)
    guard got >= 0 else { throw ReadFailed(description: "read at offset \(alignedStart): \(String(cString: strerror(errno)))") }
    reads += 1
    bytesRead += got
    // The aligned end may lie past the end of the file; the bytes asked for may not.
    guard UInt64(got) >= end - alignedStart else {
      throw ReadFailed(description: "read \(got) of \(end - alignedStart) bytes at offset \(alignedStart)")
    }
    windowStart = alignedStart
    windowCount = got
  }

  /// File bytes `start ..< end` widened to whole blocks of the reads' alignment.
  private func blocks(from start: UInt64, to end: UInt64) -> (start: UInt64, end: UInt64) {
    let block = UInt64(alignment)
    return (start / block * block, (end + block - 1) / block * block)
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
