import Foundation

/// Reads MP4 box headers (size, type): the top level of a file (ftyp, mdat, moov, ...) from
/// their 8-byte headers, and the child boxes of a box already read into memory (moov's tree).
///
/// FFmpeg's message for a clip cut off before its moov box is a generic "Invalid data found";
/// looking at the boxes ourselves lets us tell the user what actually happened. The sample-table
/// reader (MP4SampleTable) walks moov's children with the same header rules.
enum MP4Boxes {
  struct Box {
    let type: String
    let offset: UInt64
    let size: UInt64
    /// 8, or 16 when the size is in a 64-bit `largesize` field.
    var headerSize: UInt64 = 8

    /// Where the box's contents (after its header) lie, as offsets in the walked bytes.
    var payload: Range<Int> { Int(offset + headerSize)..<Int(offset + size) }
  }

  static func topLevel(path: String, maxBoxes: Int = 64) -> [Box] {
    guard let handle = FileHandle(forReadingAtPath: path) else { return [] }
    defer { try? handle.close() }
    let fileSize = (try? handle.seekToEnd()) ?? 0
    var boxes: [Box] = []
    var offset: UInt64 = 0
    while offset + 8 <= fileSize, boxes.count < maxBoxes {
      guard (try? handle.seek(toOffset: offset)) != nil,
            let header = try? handle.read(upToCount: 16),
            let box = Self.header([UInt8](header), at: offset, spaceLeft: fileSize - offset) else { break }
      boxes.append(box)
      // A size past the end of the file (up to 2^64 - 1 in a 64-bit size) ends the walk rather
      // than overflowing the offset.
      guard box.size <= fileSize - offset else { break }
      offset += box.size
    }
    return boxes
  }

  /// The boxes inside `range` of `bytes` (a box's payload, or a whole moov read into memory),
  /// with offsets into `bytes`. The walk stops at the first header that is damaged or does not
  /// fit inside `range`, so every box returned lies wholly inside it.
  static func children(of bytes: [UInt8], in range: Range<Int>) -> [Box] {
    var boxes: [Box] = []
    var offset = range.lowerBound
    while offset + 8 <= range.upperBound {
      let spaceLeft = UInt64(range.upperBound - offset)
      guard let box = header(bytes[offset..<min(offset + 16, range.upperBound)], at: UInt64(offset),
                             spaceLeft: spaceLeft),
            box.size <= spaceLeft else { break }
      boxes.append(box)
      offset += Int(box.size)
    }
    return boxes
  }

  /// The first child of type `type` inside `range` of `bytes`.
  static func child(_ type: String, of bytes: [UInt8], in range: Range<Int>) -> Box? {
    children(of: bytes, in: range).first { $0.type == type }
  }

  /// A box header read from its first 8 (or, with a 64-bit size, 16) bytes; nil when it is too
  /// short or claims less than a header. Size 0 means "to the end of the enclosing space".
  private static func header(_ header: some Collection<UInt8>, at offset: UInt64, spaceLeft: UInt64) -> Box? {
    let bytes = [UInt8](header)
    guard bytes.count >= 8 else { return nil }
    var size = bytes[0..<4].reduce(UInt64(0)) { $0 << 8 | UInt64($1) }
    let type = String(decoding: bytes[4..<8], as: UTF8.self)
    var headerSize: UInt64 = 8
    if size == 1 {
      guard bytes.count >= 16 else { return nil }
      size = bytes[8..<16].reduce(UInt64(0)) { $0 << 8 | UInt64($1) }
      headerSize = 16
    } else if size == 0 {
      size = spaceLeft  // "extends to end of file"
    }
    guard size >= headerSize else { return nil }
    return Box(type: type, offset: offset, size: size, headerSize: headerSize)
  }
}
