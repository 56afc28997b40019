import CFFmpeg
import Foundation

/// What a sample-head scan read, besides the packets it visited.
public struct SampleHeadScan: Sendable, Equatable {
  public var outcome: DecodeOutcome
  /// Bytes the scan needed from the file (the moov box and every sample head), bytes it read
  /// (the heads widened to the direct-read block size), and the reads it took.
  public var bytesNeeded = 0
  public var bytesRead = 0
  public var reads = 0
}

/// Why a clip's SEI cannot be read from its sample heads; the demuxer still can.
public struct SampleHeadsUnusable: Error, CustomStringConvertible {
  public let description: String
}

extension MediaFile {
  /// Walks the video samples in file order like `forEachVideoPacket`, but reads only the head of
  /// each sample from the file (SampleHeadReader): `body` gets the sample's SEI NAL units in MP4
  /// sample form (4-byte lengths; empty when it has none) and its pts in seconds, the same pts the
  /// demuxer gives. Telemetry read this way equals telemetry read from the demuxed packets.
  ///
  /// - Throws: `SampleHeadsUnusable` when the file is not one this reader reads exactly as the
  ///   demuxer does: not a single avc1 track with a plain sample table, a table that disagrees
  ///   with FFmpeg's index (offset, size or time of any sample), a sample past the end of the
  ///   file, or a read that fails. It may throw after calling `body`: the caller then discards
  ///   what it collected and demuxes instead.
  public func forEachVideoSampleHead(
    _ body: (UnsafeBufferPointer<UInt8>, Double?) -> Bool
  ) throws(SampleHeadsUnusable) -> SampleHeadScan {
    let descriptor = open(path, O_RDONLY | O_CLOEXEC)
    guard descriptor >= 0 else { throw SampleHeadsUnusable(description: "cannot open: \(String(cString: strerror(errno)))") }
    defer { close(descriptor) }
    var status = stat()
    guard fstat(descriptor, &status) == 0 else { throw SampleHeadsUnusable(description: "cannot stat") }

    let table: MP4SampleTable
    do {
      table = try MP4SampleTable.read(path: path, fileDescriptor: descriptor, fileSizeBytes: UInt64(status.st_size),
                                      expectedSamples: info.indexedFrameCount)
    } catch {
      throw SampleHeadsUnusable(description: error.description)
    }
    guard table.nalLengthSize == 4 else {
      // SEICollector reads packets with 4-byte lengths, as the demux path hands them over.
      throw SampleHeadsUnusable(description: "NAL lengths of \(table.nalLengthSize) bytes")
    }
    guard info.timeBaseNumerator == 1, Int64(info.timeBaseDenominator) == table.timescale else {
      throw SampleHeadsUnusable(description: "timescale \(table.timescale) is not the stream's time base")
    }
    if let disagreement = disagreementWithIndex(table.samples) {
      throw SampleHeadsUnusable(description: "the sample table disagrees with FFmpeg's index: \(disagreement)")
    }

    let reader: SampleHeadReader
    do {
      reader = try SampleHeadReader(path: path, table: table)
    } catch {
      throw SampleHeadsUnusable(description: error.description)
    }
    var scan = SampleHeadScan(outcome: DecodeOutcome(packetsIndexed: info.indexedFrameCount))
    for (index, sample) in table.samples.enumerated() {
      let units: [UInt8]
      do {
        units = try reader.seiUnits(ofSample: index)
      } catch {
        throw SampleHeadsUnusable(description: "sample \(index): \(error.description)")
      }
      scan.outcome.packetsRead += 1
      let keepGoing = units.withUnsafeBufferPointer { body($0, seconds(sample.pts)) }
      if !keepGoing {
        scan.outcome.stoppedEarly = true
        break
      }
    }
    scan.bytesNeeded = table.bytesRead + reader.bytesNeeded
    scan.bytesRead = table.bytesRead + reader.bytesRead
    scan.reads = 1 + reader.reads
    return scan
  }

  /// The first sample whose offset, size or decode time differs from FFmpeg's index entry (or
  /// that FFmpeg marks to be discarded), described; nil when all agree. Two readers of the same
  /// table agreeing is what lets the head scan stand in for the demuxer.
  private func disagreementWithIndex(_ samples: [MP4SampleTable.Sample]) -> String? {
    guard let stream = formatContext?.pointee.streams[Int(videoStreamIndex)] else { return "no stream" }
    let entries = Int(avformat_index_get_entries_count(stream))
    guard entries == samples.count else { return "\(samples.count) samples, \(entries) index entries" }
    for (index, sample) in samples.enumerated() {
      guard let entry = avformat_index_get_entry(stream, Int32(index))?.pointee else { return "no entry \(index)" }
      if entry.pos != Int64(sample.offset) || Int(entry.size) != sample.size || entry.timestamp != sample.dts
        || sample.size == 0 || entry.flags & Int32(AVINDEX_DISCARD_FRAME) != 0 {
        return "sample \(index) at \(sample.offset) (\(sample.size) bytes, dts \(sample.dts)); "
          + "index entry at \(entry.pos) (\(entry.size) bytes, dts \(entry.timestamp), flags \(entry.flags))"
      }
    }
    return nil
  }
}
