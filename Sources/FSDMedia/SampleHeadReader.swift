import Foundation

/// Reads the head of each video sample, not the sample: the NAL units before its first slice.
///
/// A Tesla front-camera sample is an SEI NAL unit (the telemetry record, ~100 bytes) followed by
/// the slice (the picture, tens of kilobytes). The reader walks a sample's length-prefixed NAL
/// units from its start, keeps the SEI units whole, skips other units by their length and stops at
/// the first slice (types 1 and 5) without reading it. Reads are small preads through one window:
/// the heads of samples that lie close together in the file are read in one request.
struct SampleHeadReader {
  /// What a first read of a sample asks for: an access-unit delimiter and a Tesla SEI fit with
  /// room to spare. A longer head costs one more read.
  static let headGuessBytes = 256
  /// Heads this close together are read in one request: the kernel reads whole pages anyway.
  static let coalesceGapBytes = 4096
  static let maxWindowBytes = 64 << 10

  struct ReadFailed: Error, CustomStringConvertible { let description: String }

  let descriptor: Int32
  let samples: [MP4SampleTable.Sample]
  let lengthSize: Int
  /// Bytes requested from the file, and the preads that asked for them.
  private(set) var bytesRead = 0
  private(set) var reads = 0
  private var window: [UInt8] = []
  private var windowStart: UInt64 = 0

  init(descriptor: Int32, table: MP4SampleTable) {
    self.descriptor = descriptor
    self.samples = table.samples
    self.lengthSize = table.nalLengthSize
  }

  /// The SEI NAL units at the head of sample `index`, each after a 4-byte big-endian length: the
  /// form of an MP4 sample, so SEICollector reads it as it reads a whole demuxed packet and finds
  /// the same records. Empty when the head holds no SEI.
  ///
  /// The walk follows NALUnits.lengthPrefixed exactly (a zero length or one running past the
  /// sample's end stops it), so the SEI units it keeps are those of the demuxed packet before its
  /// first slice: all SEICollector reads in a packet (H.264 has no SEI after a picture's slices).
  mutating func seiUnits(ofSample index: Int) throws(ReadFailed) -> [UInt8] {
    let sample = samples[index]
    var units: [UInt8] = []
    var position = 0
    while position + lengthSize <= sample.size {
      // The length and the unit's header byte (its type) in one go, when the sample has it.
      let prefix = try bytes(sampleIndex: index, at: position, count: min(lengthSize + 1, sample.size - position))
      let length = prefix.prefix(lengthSize).reduce(0) { $0 << 8 | Int($1) }
      guard length > 0, length <= sample.size - position - lengthSize else { break }
      let type = prefix[prefix.startIndex + lengthSize] & 0x1F
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
  private mutating func bytes(sampleIndex: Int, at position: Int, count: Int) throws(ReadFailed) -> ArraySlice<UInt8> {
    let sample = samples[sampleIndex]
    let offset = sample.offset + UInt64(position)
    if offset >= windowStart, offset + UInt64(count) <= windowStart + UInt64(window.count) {
      let start = Int(offset - windowStart)
      return window[start..<(start + count)]
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
    window = [UInt8](repeating: 0, count: Int(end - offset))
    windowStart = offset
    let got = window.withUnsafeMutableBytes { MP4SampleTable.preadFully(descriptor, $0, offset: offset) }
    reads += 1
    bytesRead += got
    guard got == window.count else {
      window = []
      throw ReadFailed(description: "read \(got) of \(end - offset) bytes at offset \(offset)")
    }
    return window[0..<count]
  }
}
