/// Reads fixed-width decimal fields out of file names and timestamps.
///
/// Works on UTF-8 bytes rather than `Int(String)` because `Int` accepts a leading "+" or "-",
/// which would let "2026-+1-02" pass as a date.
enum ASCIIDigits {
  static func value<Bytes: Collection>(_ bytes: Bytes) -> Int? where Bytes.Element == UInt8 {
    guard !bytes.isEmpty, bytes.count <= 18 else { return nil }
    var result = 0
    for byte in bytes {
      guard byte >= UInt8(ascii: "0"), byte <= UInt8(ascii: "9") else { return nil }
      result = result * 10 + Int(byte - UInt8(ascii: "0"))
    }
    return result
  }
}
