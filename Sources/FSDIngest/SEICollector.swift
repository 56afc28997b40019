import FSDMedia
import FSDTelemetry

/// Collects the Tesla SEI telemetry records of a clip's packets, in file order.
///
/// Works on packets only (no decoding): from `MediaFile.forEachVideoPacket` for a telemetry-only
/// scan, or from the decode pass's packet callback. A record that does not decode is counted
/// and skipped, never fatal.
struct SEICollector {
  private(set) var samples: [TelemetrySample] = []
  private(set) var undecodable = 0
  private(set) var packets = 0

  mutating func add(packet bytes: UnsafeBufferPointer<UInt8>, ptsS: Double?) {
    packets += 1
    let found = Self.records(inPacket: bytes)
    undecodable += found.undecodable
    for record in found.records {
      // A record's time is its frame's pts; without one, the packet order at 36 fps.
      samples.append(TelemetrySample(sei: record, timeS: ptsS ?? Double(packets - 1) / 36))
    }
  }

  /// The Tesla records in one MP4 sample (length-prefixed NAL units), and how many failed to decode.
  ///
  /// Only the SEI before the sample's first slice counts: H.264 puts a picture's SEI before its
  /// first slice (7.4.1.2.3), so an SEI unit after one is damage, typically a sample table whose
  /// boundaries moved and made this sample end in the next frame's record. Stopping there also
  /// lets the sample-head reader stop at the first slice and still find exactly these records.
  static func records(inPacket bytes: UnsafeBufferPointer<UInt8>) -> (records: [SeiMetadata], undecodable: Int) {
    var records: [SeiMetadata] = []
    var undecodable = 0
    for range in NALUnits.lengthPrefixed(bytes) {
      let type = bytes[range.lowerBound] & 0x1F
      if type == 1 || type == 5 { break }
      guard type == TeslaSEI.nalUnitType else { continue }
      for payload in TeslaSEI.protobufPayloads(inNALUnit: bytes[range]) {
        if let record = try? SeiMetadata(serializedBytes: payload) { records.append(record) } else { undecodable += 1 }
      }
    }
    return (records, undecodable)
  }

  /// SEI covers the clip when at least half its frames carry a readable record: that is still
  /// 18 records a second, more than the 10 Hz the store keeps. Less means older firmware or a
  /// badly damaged file, and the motion core must look at the frames instead.
  var coversClip: Bool { packets > 0 && Double(samples.count) >= 0.5 * Double(packets) }
}
