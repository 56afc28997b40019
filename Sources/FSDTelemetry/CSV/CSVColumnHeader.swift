/// A header cell split into the quantity it names and the unit it states, so that `Speed (MPH)`,
/// `speed_kmh` and ` SPEED_MPS ` can all be recognised: case, spaces and punctuation are ignored.
struct CSVColumnHeader: Sendable, Equatable {
  /// The cell as written (trimmed, BOM removed): what messages quote.
  let text: String
  /// The name without its unit, lower-case letters and digits only: "Speed (MPH)" → "speed",
  /// "accel_long_mps2" → "accellong", "carState.vEgo" → "carstatevego".
  let key: String
  /// The whole cell the same way: "speedmps". Matches names whose unit is part of the name.
  let fullKey: String
  /// The unit as written, trimmed ("MPH", "m/s^2", "PDT"), from parentheses, brackets or a unit
  /// suffix after `_`; nil when the header gives none.
  let unitText: String?

  /// Suffixes read as units in snake_case names (`speed_kmh`, `accel_long_g`, `time_ms`).
  static let unitSuffixes: Set<String> = [
    "mps", "kmh", "kph", "mph", "kn", "knots", "mps2", "ms2", "g", "deg", "rad", "pct", "percent",
    "bar", "kpa", "psi", "s", "sec", "ms", "us", "ns",
  ]

  init(_ raw: Substring) {
    // Index loops over bytes, not Characters: every file's header comes through here, and ASCII
    // punctuation is all that matters.
    (text, key, fullKey, unitText) = Array(raw.utf8).withUnsafeBufferPointer { cell in
      var start = 0
      var end = cell.count
      while start < end {
        let byte = cell[start]
        if byte == 0x20 || byte == 0x09 || byte == 0x0D || byte == 0x0A {
          start += 1
        } else if byte == 0xEF, end - start >= 3, cell[start + 1] == 0xBB, cell[start + 2] == 0xBF {  // BOM
          start += 3
        } else if byte == 0xC2, end - start >= 2, cell[start + 1] == 0xA0 {  // no-break space
          start += 2
        } else {
          break
        }
      }
      while end > start {
        let byte = cell[end - 1]
        if byte == 0x20 || byte == 0x09 || byte == 0x0D || byte == 0x0A {
          end -= 1
        } else if byte == 0xA0, end - start >= 2, cell[end - 2] == 0xC2 {
          end -= 2
        } else {
          break
        }
      }
      func text(_ from: Int, _ to: Int) -> String {
        String(decoding: UnsafeBufferPointer(rebasing: cell[from..<to]), as: UTF8.self)
      }
      func key(_ from: Int, _ to: Int) -> String { Self.normalized(UnsafeBufferPointer(rebasing: cell[from..<to])) }
      let whole = text(start, end)
      let fullKey = key(start, end)

      var open = start
      while open < end, cell[open] != UInt8(ascii: "("), cell[open] != UInt8(ascii: "[") { open += 1 }
      if open < end {
        let closer = cell[open] == UInt8(ascii: "(") ? UInt8(ascii: ")") : UInt8(ascii: "]")
        var unitStart = open + 1
        var unitEnd = open + 1
        while unitEnd < end, cell[unitEnd] != closer { unitEnd += 1 }
        while unitStart < unitEnd, cell[unitStart] == 0x20 || cell[unitStart] == 0x09 { unitStart += 1 }
        while unitEnd > unitStart, cell[unitEnd - 1] == 0x20 || cell[unitEnd - 1] == 0x09 { unitEnd -= 1 }
        return (whole, key(start, open), fullKey, unitStart < unitEnd ? text(unitStart, unitEnd) : nil)
      }
      var cut = end - 1
      while cut > start, cell[cut] != UInt8(ascii: "_"), cell[cut] != UInt8(ascii: " ") { cut -= 1 }
      if cut > start, end - cut - 1 <= 8, Self.unitSuffixes.contains(key(cut + 1, end)) {
        let name = key(start, cut)
        if !name.isEmpty { return (whole, name, fullKey, text(cut + 1, end)) }
      }
      return (whole, fullKey, fullKey, nil)
    }
  }

  /// Lower-case ASCII letters and digits only.
  static func normalized(_ text: some StringProtocol) -> String {
    var text = String(text)
    return text.withUTF8 { normalized($0) }
  }

  static func normalized(_ bytes: UnsafeBufferPointer<UInt8>) -> String {
    String(unsafeUninitializedCapacity: bytes.count) { output in
      var count = 0
      for index in 0..<bytes.count {
        let byte = bytes[index]
        switch byte {
        case 0x30...0x39, 0x61...0x7A:
          output[count] = byte
          count += 1
        case 0x41...0x5A:
          output[count] = byte | 0x20
          count += 1
        default:
          break
        }
      }
      return count
    }
  }
}

extension StringProtocol {
  /// Without leading and trailing spaces and tabs (CSV cells are often padded: `1, 2, 3`).
  func trimmingSpaces() -> SubSequence {
    var start = startIndex
    var end = endIndex
    while start < end, self[start] == " " || self[start] == "\t" { start = index(after: start) }
    while end > start, self[index(before: end)] == " " || self[index(before: end)] == "\t" { end = index(before: end) }
    return self[start..<end]
  }
}
