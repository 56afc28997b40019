/// H.264 emulation prevention: inside a NAL unit, the encoder inserts 0x03 after any two zero
/// bytes followed by a byte ≤ 0x03, so that no start code (00 00 01) can appear in the payload.
/// Readers must remove those bytes before parsing the payload (the protobuf included).
///
/// `@inlinable` so callers get a version specialised for their collection type: unspecialised
/// generic code over a buffer slice was 43 % of a telemetry-only ingest (measured with callgrind).
public enum EmulationPrevention {
  /// RBSP → NAL payload: inserts 0x03 where needed.
  @inlinable
  public static func add<Bytes: Collection>(_ rbsp: Bytes) -> [UInt8] where Bytes.Element == UInt8 {
    var out: [UInt8] = []
    out.reserveCapacity(rbsp.count + rbsp.count / 64 + 4)
    var zeros = 0
    for byte in rbsp {
      if zeros >= 2 && byte <= 3 {
        out.append(3)
        zeros = 0
      }
      out.append(byte)
      zeros = byte == 0 ? zeros + 1 : 0
    }
    return out
  }

  /// NAL payload → RBSP: drops each 0x03 that follows two zero bytes.
  @inlinable
  public static func remove<Bytes: Collection>(_ payload: Bytes) -> [UInt8] where Bytes.Element == UInt8 {
    var out: [UInt8] = []
    out.reserveCapacity(payload.count)
    var zeros = 0
    for byte in payload {
      if zeros >= 2 && byte == 3 {
        zeros = 0
        continue
      }
      out.append(byte)
      zeros = byte == 0 ? zeros + 1 : 0
    }
    return out
  }
}
