import FSDTestSupport
import Foundation

/// Damages a real MP4 the way a failing USB stick or a hostile file would, one field at a time,
/// knowing the file's structure: box sizes, the sample tables (stts, ctts, stsc, stsz, stco,
/// co64, stss), header fields (mvhd, mdhd, tkhd, elst, avcC) and, in mdat, the length prefixes
/// and bytes of the SEI and slice NAL units. Blind byte flips mostly land in picture data; these
/// land on the numbers a reader sizes buffers and loops from.
struct MP4Mutator {
  /// One change, described so a failure can be reproduced by hand.
  struct Mutation: CustomStringConvertible {
    let offset: Int
    let bytes: [UInt8]
    let what: String
    var description: String {
      "\(what) at byte \(offset) ← 0x\(bytes.map { String(format: "%02x", $0) }.joined())"
    }
  }

  /// A box header: where its size field is, its type and its claimed size.
  struct Box { let offset: Int; let type: String; let size: Int; let payload: Range<Int> }
  /// A number field in a table or header box: where it is, how wide, and what it holds.
  struct Field {
    let offset: Int
    let width: Int
    let what: String
    /// The box type the field belongs to (the first word of `what`).
    var box: String { String(what.prefix { $0 != " " }) }
  }

  let original: [UInt8]
  private(set) var boxes: [Box] = []
  private(set) var fields: [Field] = []
  private(set) var seiUnits: [Range<Int>] = []
  private(set) var sliceUnits: [Range<Int>] = []
  /// The 4-byte length prefixes of every NAL unit in mdat.
  private(set) var lengthPrefixes: [Int] = []
  private(set) var moov: Range<Int>?

  private static let containers: Set<String> = ["moov", "trak", "mdia", "minf", "stbl", "dinf", "edts", "udta", "mvex"]

  init(clip: [UInt8]) {
    original = clip
    walk(0..<clip.count)
  }

  /// A copy of the clip with 1 to 3 structural mutations, and what they were.
  func mutated(using random: inout some RandomNumberGenerator) -> (bytes: [UInt8], mutations: [Mutation]) {
    var bytes = original
    var mutations: [Mutation] = []
    for _ in 0..<Int.random(in: 1...3, using: &random) {
      let mutation = pick(using: &random)
      for (index, byte) in mutation.bytes.enumerated() where mutation.offset + index < bytes.count {
        bytes[mutation.offset + index] = byte
      }
      mutations.append(mutation)
    }
    // Now and then the file is also cut short, as a copy interrupted by pulling the stick.
    if Int.random(in: 0..<10, using: &random) == 0 {
      let length = Int.random(in: 8..<bytes.count, using: &random)
      bytes.removeSubrange(length...)
      mutations.append(Mutation(offset: length, bytes: [], what: "file cut to \(length) bytes"))
    }
    return (bytes, mutations)
  }

  private func pick(using random: inout some RandomNumberGenerator) -> Mutation {
    switch Int.random(in: 0..<9, using: &random) {
    case 0:
      let box = boxes.randomElement(using: &random)!
      return Mutation(offset: box.offset, bytes: be32(interesting32(box.size, using: &random)), what: "'\(box.type)' box size")
    case 1, 2, 8:
      // A box's fields first, then one of them: a 64-entry ctts must not drown out the one-entry
      // stts whose count says how many frames there are. Early entries are likelier.
      let box = Set(fields.map(\.box)).sorted().randomElement(using: &random)!
      let inBox = fields.filter { $0.box == box }
      let field = inBox[min(Int.random(in: 0..<inBox.count, using: &random), Int.random(in: 0..<inBox.count, using: &random))]
      let value = interesting32(read(field), using: &random)
      var bytes: [UInt8]
      switch field.width {
      case 1: bytes = [randomByte(using: &random)]
      case 2: bytes = Array(be32(value).suffix(2))
      case 8: bytes = (Bool.random(using: &random) ? [0xFF, 0xFF, 0xFF, 0xFF] : be32(0)) + be32(value)
      default: bytes = be32(value)
      }
      return Mutation(offset: field.offset, bytes: bytes, what: field.what)
    case 3:
      let range = moov ?? 0..<original.count
      let offset = Int.random(in: range, using: &random)
      return Mutation(offset: offset, bytes: [UInt8.random(in: 0...255, using: &random)], what: "moov byte")
    case 4 where !seiUnits.isEmpty:
      let unit = seiUnits.randomElement(using: &random)!
      return Mutation(offset: Int.random(in: unit, using: &random), bytes: [randomByte(using: &random)], what: "SEI byte")
    case 5 where !sliceUnits.isEmpty:
      // The slice header (first bytes) is what the decoder parses before any pixel work.
      let unit = sliceUnits.randomElement(using: &random)!
      let end = min(unit.upperBound, unit.lowerBound + 24)
      return Mutation(offset: Int.random(in: unit.lowerBound..<end, using: &random), bytes: [randomByte(using: &random)],
                      what: "slice header byte")
    case 6 where !lengthPrefixes.isEmpty:
      let offset = lengthPrefixes.randomElement(using: &random)!
      let size = Int(read(Field(offset: offset, width: 4, what: "")))
      return Mutation(offset: offset, bytes: be32(interesting32(size, using: &random)), what: "NAL unit length")
    default:
      let offset = Int.random(in: 0..<original.count, using: &random)
      return Mutation(offset: offset, bytes: [randomByte(using: &random)], what: "byte")
    }
  }

  // MARK: - Structure

  private mutating func walk(_ range: Range<Int>) {
    var offset = range.lowerBound
    while offset + 8 <= range.upperBound {
      let size = Int(read(Field(offset: offset, width: 4, what: "")))
      let type = String(decoding: original[(offset + 4)..<(offset + 8)], as: UTF8.self)
      guard size >= 8, offset + size <= range.upperBound else { break }
      let payload = (offset + 8)..<(offset + size)
      boxes.append(Box(offset: offset, type: type, size: size, payload: payload))
      if Self.containers.contains(type) { walk(payload) }
      switch type {
      case "moov": moov = offset..<(offset + size)
      case "stsd": walkSampleDescriptions(payload)
      case "mdat": walkNALUnits(payload)
      default: addFields(type: type, payload)
      }
      offset += size
    }
  }

  /// stsd: version/flags, count, then sample entries; a visual entry (avc1) has 78 bytes before its
  /// child boxes (avcC, pasp, ...), whose bytes are the SPS and PPS.
  private mutating func walkSampleDescriptions(_ payload: Range<Int>) {
    fields.append(Field(offset: payload.lowerBound + 4, width: 4, what: "stsd entry count"))
    let entry = payload.lowerBound + 8
    guard entry + 8 + 78 <= payload.upperBound else { return }
    let size = Int(read(Field(offset: entry, width: 4, what: "")))
    boxes.append(Box(offset: entry, type: "avc1", size: size, payload: (entry + 8)..<min(payload.upperBound, entry + size)))
    fields.append(Field(offset: entry + 8 + 24, width: 2, what: "avc1 width"))
    fields.append(Field(offset: entry + 8 + 26, width: 2, what: "avc1 height"))
    walk((entry + 8 + 78)..<min(payload.upperBound, entry + max(size, 8)))
    for box in boxes where box.type == "avcC" {
      for offset in box.payload.prefix(16) { fields.append(Field(offset: offset, width: 1, what: "avcC byte")) }
    }
  }

  /// The number fields of the boxes whose numbers size tables and loops.
  private mutating func addFields(type: String, _ payload: Range<Int>) {
    let start = payload.lowerBound
    func table(countAt: Int, entryWidth: Int, columns: [String]) {
      guard countAt + 4 <= payload.upperBound else { return }
      fields.append(Field(offset: countAt, width: 4, what: "\(type) entry count"))
      var offset = countAt + 4, entry = 0
      while offset + entryWidth * columns.count <= payload.upperBound, entry < 64 {
        for (column, name) in columns.enumerated() {
          fields.append(Field(offset: offset + column * entryWidth, width: entryWidth, what: "\(type) entry \(entry) \(name)"))
        }
        offset += entryWidth * columns.count
        entry += 1
      }
    }
    switch type {
    case "stts", "ctts": table(countAt: start + 4, entryWidth: 4, columns: ["count", type == "stts" ? "delta" : "offset"])
    case "stsc": table(countAt: start + 4, entryWidth: 4, columns: ["first chunk", "samples per chunk", "description"])
    case "stsz":
      fields.append(Field(offset: start + 4, width: 4, what: "stsz sample size"))
      table(countAt: start + 8, entryWidth: 4, columns: ["size"])
    case "stco", "stss": table(countAt: start + 4, entryWidth: 4, columns: [type == "stco" ? "offset" : "sample"])
    case "co64": table(countAt: start + 4, entryWidth: 8, columns: ["offset"])
    case "elst": table(countAt: start + 4, entryWidth: 4, columns: ["duration", "media time", "rate"])
    case "mvhd", "mdhd":
      // Version 0: creation, modification, timescale, duration after version/flags.
      fields.append(Field(offset: start + 12, width: 4, what: "\(type) timescale"))
      fields.append(Field(offset: start + 16, width: 4, what: "\(type) duration"))
    case "tkhd":
      fields.append(Field(offset: start + 20, width: 4, what: "tkhd duration"))
      fields.append(Field(offset: start + 76, width: 4, what: "tkhd width"))
      fields.append(Field(offset: start + 80, width: 4, what: "tkhd height"))
    default: break
    }
  }

  /// mdat of a one-track clip is its samples back to back, each a run of length-prefixed NAL units.
  private mutating func walkNALUnits(_ payload: Range<Int>) {
    var offset = payload.lowerBound
    while offset + 5 <= payload.upperBound {
      let length = Int(read(Field(offset: offset, width: 4, what: "")))
      guard length > 0, offset + 4 + length <= payload.upperBound else { break }
      lengthPrefixes.append(offset)
      let unit = (offset + 4)..<(offset + 4 + length)
      switch original[unit.lowerBound] & 0x1F {
      case 6: seiUnits.append(unit)
      case 1, 5: sliceUnits.append(unit)
      default: break
      }
      offset = unit.upperBound
    }
  }

  // MARK: - Values

  private func read(_ field: Field) -> UInt32 {
    let end = min(field.offset + min(field.width, 4), original.count)
    return original[field.offset..<end].reduce(UInt32(0)) { $0 << 8 | UInt32($1) }
  }

  /// The values that break readers: zero, one, the edges of signed and unsigned 32-bit, the
  /// value one off, a thousand times too big, and anything at all.
  private func interesting32(_ current: some BinaryInteger, using random: inout some RandomNumberGenerator) -> UInt32 {
    let value = UInt32(truncatingIfNeeded: current)
    let choices: [UInt32] = [0, 1, 7, 8, 0xFFFF_FFFF, 0xFFFF_FFFD, 0x7FFF_FFFF, 0x8000_0000, 0xFFFF,
                             value &+ 1, value &- 1, value &* 1000, value << 8, UInt32(original.count),
                             UInt32.random(in: 0...UInt32.max, using: &random)]
    return choices.randomElement(using: &random)!
  }

  private func randomByte(using random: inout some RandomNumberGenerator) -> UInt8 {
    [0x00, 0xFF, 0x80, 0x03, UInt8.random(in: 0...255, using: &random)].randomElement(using: &random)!
  }

  private func be32(_ value: UInt32) -> [UInt8] { (0..<4).map { UInt8(truncatingIfNeeded: value >> (24 - 8 * $0)) } }
}

