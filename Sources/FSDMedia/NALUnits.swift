/// Splits H.264 access units into NAL units.
public enum NALUnits {
  /// MP4 samples: each NAL unit preceded by its length (big-endian, `lengthSize` bytes, 4 in
  /// practice). A length running past the end stops the walk (a damaged sample).
  public static func lengthPrefixed(_ bytes: UnsafeBufferPointer<UInt8>, lengthSize: Int = 4) -> [Range<Int>] {
    var ranges: [Range<Int>] = []
    var offset = 0
    while offset + lengthSize <= bytes.count {
      var length = 0
      for byte in bytes[offset..<(offset + lengthSize)] { length = length << 8 | Int(byte) }
      offset += lengthSize
      guard length > 0, length <= bytes.count - offset else { break }
      ranges.append(offset..<(offset + length))
      offset += length
    }
    return ranges
  }

  /// Annex B streams (what encoders emit before muxing): NAL units separated by 00 00 01 or
  /// 00 00 00 01 start codes. Returns the ranges of the NAL units, start codes excluded.
  public static func annexB(_ bytes: UnsafeBufferPointer<UInt8>) -> [Range<Int>] {
    var starts: [(codeStart: Int, nalStart: Int)] = []
    var index = 0
    while index + 2 < bytes.count {
      if bytes[index] == 0, bytes[index + 1] == 0, bytes[index + 2] == 1 {
        let codeStart = index > 0 && bytes[index - 1] == 0 ? index - 1 : index
        starts.append((codeStart, index + 3))
        index += 3
      } else {
        index += 1
      }
    }
    return starts.indices.map { position in
      let end = position + 1 < starts.count ? starts[position + 1].codeStart : bytes.count
      return starts[position].nalStart..<end
    }
  }
}
