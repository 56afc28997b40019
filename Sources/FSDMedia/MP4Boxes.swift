import Foundation

/// Reads the top-level box types of an MP4 file (ftyp, mdat, moov, ...) from their 8-byte headers.
///
/// FFmpeg's message for a clip cut off before its moov box is a generic "Invalid data found";
/// looking at the boxes ourselves lets us tell the user what actually happened.
enum MP4Boxes {
  struct Box { let type: String; let offset: UInt64; let size: UInt64 }

  static func topLevel(path: String, maxBoxes: Int = 64) -> [Box] {
    guard let handle = FileHandle(forReadingAtPath: path) else { return [] }
    defer { try? handle.close() }
    let fileSize = (try? handle.seekToEnd()) ?? 0
    var boxes: [Box] = []
    var offset: UInt64 = 0
    while offset + 8 <= fileSize, boxes.count < maxBoxes {
      guard (try? handle.seek(toOffset: offset)) != nil,
            let header = try? handle.read(upToCount: 16), header.count >= 8 else { break }
      let bytes = [UInt8](header)
      var size = bytes[0..<4].reduce(UInt64(0)) { $0 << 8 | UInt64($1) }
      let type = String(decoding: bytes[4..<8], as: UTF8.self)
      if size == 1, bytes.count >= 16 {
        size = bytes[8..<16].reduce(UInt64(0)) { $0 << 8 | UInt64($1) }
      } else if size == 0 {
        size = fileSize - offset  // "extends to end of file"
      }
      guard size >= 8 else { break }
      boxes.append(Box(type: type, offset: offset, size: size))
      // A size past the end of the file (up to 2^64 - 1 in a 64-bit size) ends the walk rather
      // than overflowing the offset.
      guard size <= fileSize - offset else { break }
      offset += size
    }
    return boxes
  }
}
