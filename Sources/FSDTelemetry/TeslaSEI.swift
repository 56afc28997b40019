/// Tesla's per-frame telemetry SEI: nal_unit_type 6, an SEI message of payload type 5
/// (user_data_unregistered) whose 16-byte identifier is fifteen 0x42 bytes and a 0x69, followed
/// by a protobuf `SeiMetadata`, then the RBSP trailing byte 0x80.
public enum TeslaSEI {
  public static let nalUnitType: UInt8 = 6
  public static let userDataUnregistered = 5
  public static let identifier: [UInt8] = Array(repeating: 0x42, count: 15) + [0x69]

  /// A complete SEI NAL unit (header byte + emulation-prevented RBSP) carrying `protobuf`.
  /// Payload type and size use the general H.264 coding (runs of 0xFF), so records of any size
  /// are valid.
  public static func nalUnit(protobuf: [UInt8]) -> [UInt8] {
    var rbsp: [UInt8] = []
    appendSEINumber(userDataUnregistered, to: &rbsp)
    appendSEINumber(identifier.count + protobuf.count, to: &rbsp)
    rbsp += identifier
    rbsp += protobuf
    rbsp.append(0x80)  // rbsp_stop_one_bit + alignment
    return [nalUnitType] + EmulationPrevention.add(rbsp)  // forbidden 0, nal_ref_idc 0, type 6
  }

  /// The Tesla protobuf payloads in one NAL unit (header byte first), or [] when it is not an SEI
  /// or carries no Tesla record. Damaged SEI syntax ends the walk: what was read is returned.
  @inlinable
  public static func protobufPayloads<Bytes: Collection>(inNALUnit nal: Bytes) -> [[UInt8]]
  where Bytes.Element == UInt8 {
    guard let header = nal.first, header & 0x1F == nalUnitType else { return [] }
    let rbsp = EmulationPrevention.remove(nal.dropFirst())
    var payloads: [[UInt8]] = []
    var index = 0
    // sei_message()s until the trailing bits (a lone 0x80 at the end).
    while index < rbsp.count, !(rbsp[index] == 0x80 && index == rbsp.count - 1) {
      guard let type = readSEINumber(rbsp, &index), let size = readSEINumber(rbsp, &index),
            size <= rbsp.count - index else { break }
      let payload = rbsp[index..<(index + size)]
      index += size
      if type == userDataUnregistered, payload.count >= identifier.count,
         payload.prefix(identifier.count).elementsEqual(identifier) {
        payloads.append(Array(payload.dropFirst(identifier.count)))
      }
    }
    return payloads
  }

  static func appendSEINumber(_ value: Int, to bytes: inout [UInt8]) {
    var remaining = value
    while remaining >= 255 {
      bytes.append(0xFF)
      remaining -= 255
    }
    bytes.append(UInt8(remaining))
  }

  @usableFromInline
  static func readSEINumber(_ bytes: [UInt8], _ index: inout Int) -> Int? {
    var value = 0
    while index < bytes.count {
      let byte = bytes[index]
      index += 1
      value += Int(byte)
      if byte != 0xFF { return value }
    }
    return nil
  }
}
