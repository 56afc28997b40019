import Foundation

/// Where each sample of an MP4's one H.264 video track lies in the file and when it is shown,
/// read from the track's sample table (stsz, stco/co64, stsc, stts, ctts) and edit list.
///
/// It lets the telemetry-first scan read just the head of each sample (MediaFile+SampleHeads)
/// instead of demuxing the whole file. It accepts only what it can read exactly as FFmpeg's MP4
/// demuxer does; anything else (a fragmented file, another codec, an edit list other than one
/// plain shift, a table that contradicts another) is `Unusable`, and the caller demuxes instead.
struct MP4SampleTable {
  struct Sample: Equatable {
    let offset: UInt64
    let size: Int
    /// Decode time in track ticks, shifted by the edit list as FFmpeg shifts it.
    let dts: Int64
    /// Presentation time in track ticks (dts plus the ctts offset).
    let pts: Int64
  }

  /// Why the sample table cannot be used; the file itself may still be fine for the demuxer.
  struct Unusable: Error, CustomStringConvertible {
    let description: String
    init(_ description: String) { self.description = description }
  }

  /// Ticks per second of the track (mdhd).
  let timescale: Int64
  /// Bytes of each NAL unit's length prefix in a sample (avcC lengthSizeMinusOne + 1).
  let nalLengthSize: Int
  let samples: [Sample]
  /// Bytes of the file read to get here (the top-level box headers are not counted: a few dozen).
  let bytesRead: Int

  /// The largest moov this reader loads: an hour of 36 fps video is about 1.5 MB of tables.
  static let maxMoovBytes: UInt64 = 64 << 20

  /// Reads the table of `path`'s video track.
  /// - Parameter expectedSamples: the sample count FFmpeg's demuxer found; a table that
  ///   disagrees is not trusted (and nothing is allocated from a count before this check).
  static func read(path: String, fileDescriptor: Int32, fileSizeBytes: UInt64, expectedSamples: Int) throws(Unusable)
    -> MP4SampleTable
  {
    let top = MP4Boxes.topLevel(path: path)
    if top.contains(where: { $0.type == "moof" }) { throw Unusable("a fragmented MP4 (moof boxes)") }
    let moovs = top.filter { $0.type == "moov" }
    guard moovs.count == 1, let moovBox = moovs.first else { throw Unusable("\(moovs.count) moov boxes") }
    guard moovBox.size <= maxMoovBytes, moovBox.size <= fileSizeBytes - moovBox.offset else {
      throw Unusable("moov box of \(moovBox.size) bytes")
    }
    var moov = [UInt8](repeating: 0, count: Int(moovBox.size))
    let got = moov.withUnsafeMutableBytes { preadFully(fileDescriptor, $0, offset: moovBox.offset) }
    guard got == moov.count else { throw Unusable("moov could not be read") }
    let moovPayload = Int(moovBox.headerSize)..<moov.count

    let videoTracks = MP4Boxes.children(of: moov, in: moovPayload).filter { $0.type == "trak" }.filter { trak in
      guard let mdia = MP4Boxes.child("mdia", of: moov, in: trak.payload),
            let hdlr = MP4Boxes.child("hdlr", of: moov, in: mdia.payload),
            hdlr.payload.count >= 12 else { return false }
      return moov[(hdlr.payload.lowerBound + 8)..<(hdlr.payload.lowerBound + 12)].elementsEqual("vide".utf8)
    }
    guard videoTracks.count == 1, let trak = videoTracks.first else { throw Unusable("\(videoTracks.count) video tracks") }
    let reader = TableReader(bytes: moov)
    func box(_ path: [String], in start: MP4Boxes.Box) throws(Unusable) -> MP4Boxes.Box {
      var current = start
      for type in path {
        guard let next = MP4Boxes.child(type, of: moov, in: current.payload) else { throw Unusable("no '\(type)' box") }
        current = next
      }
      return current
    }
    let mdia = try box(["mdia"], in: trak)
    let stbl = try box(["minf", "stbl"], in: mdia)

    let timescale = try reader.timescale(box(["mdhd"], in: mdia))
    let lengthSize = try reader.nalLengthSize(box(["stsd"], in: stbl))
    let sizes = try reader.sampleSizes(box(["stsz"], in: stbl), expected: expectedSamples)
    let chunkOffsets: [UInt64]
    if let stco = MP4Boxes.child("stco", of: moov, in: stbl.payload) {
      chunkOffsets = try reader.table(stco, entryBytes: 4).map { UInt64(reader.uint32($0)) }
    } else if let co64 = MP4Boxes.child("co64", of: moov, in: stbl.payload) {
      chunkOffsets = try reader.table(co64, entryBytes: 8).map { reader.uint64($0) }
    } else {
      throw Unusable("no chunk offsets (stco/co64)")
    }
    let offsets = try reader.sampleOffsets(box(["stsc"], in: stbl), chunkOffsets: chunkOffsets, sizes: sizes)
    let deltas = try reader.runs(box(["stts"], in: stbl), samples: sizes.count, what: "stts")
    let compositionOffsets = try MP4Boxes.child("ctts", of: moov, in: stbl.payload)
      .map { ctts throws(Unusable) in try reader.runs(ctts, samples: sizes.count, what: "ctts") }
    let shift = try reader.editShift(MP4Boxes.child("edts", of: moov, in: trak.payload)
      .flatMap { MP4Boxes.child("elst", of: moov, in: $0.payload) })

    var samples: [Sample] = []
    samples.reserveCapacity(sizes.count)
    var decodeTime: Int64 = 0
    for index in sizes.indices {
      let (dts, dtsOverflow) = decodeTime.subtractingReportingOverflow(shift)
      let (pts, ptsOverflow) = dts.addingReportingOverflow(compositionOffsets?[index] ?? 0)
      guard !dtsOverflow, !ptsOverflow, offsets[index] <= fileSizeBytes,
            UInt64(sizes[index]) <= fileSizeBytes - offsets[index] else {
        throw Unusable("sample \(index) lies outside the file")
      }
      samples.append(Sample(offset: offsets[index], size: sizes[index], dts: dts, pts: pts))
      let (next, overflow) = decodeTime.addingReportingOverflow(deltas[index])
      guard !overflow else { throw Unusable("stts times overflow") }
      decodeTime = next
    }
    return MP4SampleTable(timescale: timescale, nalLengthSize: lengthSize, samples: samples, bytesRead: moov.count)
  }

  /// pread until `buffer` is full, the file ends or an error other than EINTR; returns the bytes
  /// read, or -1 (errno set) when the first read fails.
  static func preadFully(_ descriptor: Int32, _ buffer: UnsafeMutableRawBufferPointer, offset: UInt64) -> Int {
    var done = 0
    while done < buffer.count {
      let result = pread(descriptor, buffer.baseAddress! + done, buffer.count - done, off_t(offset) + off_t(done))
      if result < 0, errno == EINTR { continue }
      if result < 0, done == 0 { return -1 }
      guard result > 0 else { break }
      done += result
    }
    return done
  }
}

/// Big-endian fields of the boxes inside a moov held in memory. Every count is checked against
/// the bytes its box really holds before anything is sized from it.
private struct TableReader {
  let bytes: [UInt8]
  typealias Unusable = MP4SampleTable.Unusable

  func uint32(_ at: Int) -> UInt32 { bytes[at..<(at + 4)].reduce(UInt32(0)) { $0 << 8 | UInt32($1) } }
  func uint64(_ at: Int) -> UInt64 { bytes[at..<(at + 8)].reduce(UInt64(0)) { $0 << 8 | UInt64($1) } }

  /// The entry offsets of a full box holding version/flags, a 32-bit count and `count` entries
  /// of `entryBytes` each (stco, co64, stsc, stts, ctts, elst).
  func table(_ box: MP4Boxes.Box, entryBytes: Int, countAt: Int = 4) throws(Unusable) -> [Int] {
    let payload = box.payload
    guard payload.count >= countAt + 4 else { throw Unusable("'\(box.type)' too short") }
    let count = Int(uint32(payload.lowerBound + countAt))
    let first = payload.lowerBound + countAt + 4
    guard count <= (payload.upperBound - first) / entryBytes else {
      throw Unusable("'\(box.type)' lists \(count) entries, more than its \(box.size) bytes hold")
    }
    return (0..<count).map { first + $0 * entryBytes }
  }

  func timescale(_ mdhd: MP4Boxes.Box) throws(Unusable) -> Int64 {
    let payload = mdhd.payload
    guard payload.count >= 24 else { throw Unusable("'mdhd' too short") }
    // Version 1 has 64-bit creation and modification times before the timescale.
    let at = payload.lowerBound + (bytes[payload.lowerBound] == 1 ? 20 : 12)
    guard at + 4 <= payload.upperBound else { throw Unusable("'mdhd' too short") }
    let timescale = Int64(uint32(at))
    guard timescale > 0 else { throw Unusable("'mdhd' timescale 0") }
    return timescale
  }

  /// The one sample description must be avc1 (H.264, parameter sets in avcC); its avcC gives
  /// the size of the NAL length prefixes.
  func nalLengthSize(_ stsd: MP4Boxes.Box) throws(Unusable) -> Int {
    let payload = stsd.payload
    guard payload.count >= 8, uint32(payload.lowerBound + 4) == 1 else { throw Unusable("not one sample description") }
    let entries = MP4Boxes.children(of: bytes, in: (payload.lowerBound + 8)..<payload.upperBound)
    guard let entry = entries.first, entry.type == "avc1" else {
      throw Unusable("sample description '\(entries.first?.type ?? "?")' is not avc1")
    }
    // A visual sample entry has 78 bytes of fields before its child boxes.
    let childStart = entry.payload.lowerBound + 78
    guard childStart <= entry.payload.upperBound,
          let avcC = MP4Boxes.child("avcC", of: bytes, in: childStart..<entry.payload.upperBound),
          avcC.payload.count >= 5 else { throw Unusable("no avcC box") }
    return Int(bytes[avcC.payload.lowerBound + 4] & 0x03) + 1
  }

  func sampleSizes(_ stsz: MP4Boxes.Box, expected: Int) throws(Unusable) -> [Int] {
    let payload = stsz.payload
    guard payload.count >= 12 else { throw Unusable("'stsz' too short") }
    let uniform = Int(uint32(payload.lowerBound + 4))
    let count = Int(uint32(payload.lowerBound + 8))
    guard count == expected, count > 0 else {
      throw Unusable("'stsz' lists \(count) samples, the demuxer \(expected)")
    }
    if uniform != 0 { return Array(repeating: uniform, count: count) }
    return try table(stsz, entryBytes: 4, countAt: 8).map { Int(uint32($0)) }
  }

  /// Each sample's file offset: chunks hold runs of consecutive samples (stsc says how many per
  /// chunk, from which chunk on), a chunk starts at its stco/co64 offset.
  func sampleOffsets(_ stsc: MP4Boxes.Box, chunkOffsets: [UInt64], sizes: [Int]) throws(Unusable) -> [UInt64] {
    let entries = try table(stsc, entryBytes: 12).map { (firstChunk: Int(uint32($0)), samplesPerChunk: Int(uint32($0 + 4))) }
    guard let first = entries.first, first.firstChunk == 1 else { throw Unusable("'stsc' does not start at chunk 1") }
    var offsets: [UInt64] = []
    offsets.reserveCapacity(sizes.count)
    for (index, entry) in entries.enumerated() {
      let lastChunk = index + 1 < entries.count ? entries[index + 1].firstChunk - 1 : chunkOffsets.count
      guard entry.samplesPerChunk > 0, entry.firstChunk <= lastChunk, lastChunk <= chunkOffsets.count else {
        throw Unusable("'stsc' entry \(index) does not fit the \(chunkOffsets.count) chunks")
      }
      for chunk in entry.firstChunk...lastChunk {
        var offset = chunkOffsets[chunk - 1]
        for _ in 0..<entry.samplesPerChunk {
          guard offsets.count < sizes.count else { throw Unusable("'stsc' places more samples than 'stsz' lists") }
          offsets.append(offset)
          let (next, overflow) = offset.addingReportingOverflow(UInt64(sizes[offsets.count - 1]))
          guard !overflow else { throw Unusable("chunk offsets overflow") }
          offset = next
        }
      }
    }
    guard offsets.count == sizes.count else {
      throw Unusable("'stsc' places \(offsets.count) samples, 'stsz' lists \(sizes.count)")
    }
    return offsets
  }

  /// A run-length table (stts deltas, ctts offsets) expanded to one value per sample; its runs
  /// must cover exactly the samples. ctts offsets below zero make FFmpeg shift every time, which
  /// this reader does not copy.
  func runs(_ box: MP4Boxes.Box, samples: Int, what: String) throws(Unusable) -> [Int64] {
    var values: [Int64] = []
    values.reserveCapacity(samples)
    for entry in try table(box, entryBytes: 8) {
      let count = Int(uint32(entry))
      let value = Int64(Int32(bitPattern: uint32(entry + 4)))
      guard count <= samples - values.count else { throw Unusable("'\(what)' covers more than \(samples) samples") }
      guard value >= 0 else { throw Unusable("'\(what)' holds a negative value") }
      values += repeatElement(value, count: count)
    }
    guard values.count == samples else { throw Unusable("'\(what)' covers \(values.count) of \(samples) samples") }
    return values
  }

  /// The ticks FFmpeg subtracts from every time for an edit list of one plain edit (rate 1,
  /// starting at `media_time`); none without an edit list. Other edit lists (empty edits, several
  /// edits) make FFmpeg rebuild its index, which this reader does not copy.
  func editShift(_ elst: MP4Boxes.Box?) throws(Unusable) -> Int64 {
    guard let elst else { return 0 }
    let version = elst.payload.isEmpty ? 0 : bytes[elst.payload.lowerBound]
    let entries = try table(elst, entryBytes: version == 1 ? 20 : 12)
    guard entries.count == 1, let entry = entries.first else { throw Unusable("an edit list of \(entries.count) edits") }
    let mediaTime = version == 1 ? Int64(bitPattern: uint64(entry + 8)) : Int64(Int32(bitPattern: uint32(entry + 4)))
    let rate = uint32(entry + (version == 1 ? 16 : 8))
    guard mediaTime >= 0, rate == 0x0001_0000 else { throw Unusable("an edit that is not a plain shift") }
    return mediaTime
  }
}
