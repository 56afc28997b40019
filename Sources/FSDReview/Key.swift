/// One key press, as the review prompt understands it.
public enum Key: Equatable, Sendable {
  case character(Character)
  case enter, backspace, delete, escape, tab
  case left, right, up, down, home, end
  /// Ctrl-C: in raw mode it arrives as a byte, not a signal.
  case interrupt
  /// Ctrl-D.
  case endOfInput
  /// Anything else (other control keys, unknown escape sequences).
  case other
  /// Not a key: the terminal was resized, draw the screen again.
  case redraw
}

/// Turns the bytes a terminal sends into keys: plain characters (UTF-8), control bytes and the
/// ANSI/xterm escape sequences for arrows, Home, End and Delete.
///
/// A terminal delivers an escape sequence in one read, so decoding works on the chunk a read
/// returned: a lone ESC at the end of a chunk is the Escape key.
public enum KeyDecoder {
  public static func keys(in bytes: [UInt8]) -> [Key] {
    var keys: [Key] = []
    var index = 0
    while index < bytes.count {
      let byte = bytes[index]
      switch byte {
      case 0x1B:
        let (key, length) = escapeSequence(bytes, at: index)
        keys.append(key)
        index += length
        continue
      case 0x0D, 0x0A: keys.append(.enter)
      case 0x7F, 0x08: keys.append(.backspace)
      case 0x09: keys.append(.tab)
      case 0x03: keys.append(.interrupt)
      case 0x04: keys.append(.endOfInput)
      case 0x01: keys.append(.home)  // Ctrl-A, as in readline
      case 0x05: keys.append(.end)   // Ctrl-E
      case 0x00..<0x20: keys.append(.other)
      default:
        let length = utf8Length(byte)
        let end = min(index + length, bytes.count)
        if let text = String(validating: bytes[index..<end], as: UTF8.self), let character = text.first {
          keys.append(.character(character))
        } else {
          keys.append(.other)
        }
        index = end
        continue
      }
      index += 1
    }
    return keys
  }

  /// The key an escape sequence starting at `start` stands for, and how many bytes it takes.
  static func escapeSequence(_ bytes: [UInt8], at start: Int) -> (Key, Int) {
    guard start + 1 < bytes.count else { return (.escape, 1) }
    let introducer = bytes[start + 1]
    guard introducer == UInt8(ascii: "[") || introducer == UInt8(ascii: "O") else { return (.escape, 1) }
    // CSI: parameters and intermediates, then one final byte in 0x40...0x7E.
    var end = start + 2
    while end < bytes.count, !(0x40...0x7E).contains(bytes[end]) { end += 1 }
    guard end < bytes.count else { return (.other, bytes.count - start) }
    let parameters = String(decoding: bytes[(start + 2)..<end], as: UTF8.self)
    let key: Key
    switch bytes[end] {
    case UInt8(ascii: "A"): key = .up
    case UInt8(ascii: "B"): key = .down
    case UInt8(ascii: "C"): key = .right
    case UInt8(ascii: "D"): key = .left
    case UInt8(ascii: "H"): key = .home
    case UInt8(ascii: "F"): key = .end
    case UInt8(ascii: "~"):
      switch parameters {
      case "1", "7": key = .home
      case "4", "8": key = .end
      case "3": key = .delete
      default: key = .other
      }
    default: key = .other
    }
    return (key, end - start + 1)
  }

  static func utf8Length(_ leadByte: UInt8) -> Int {
    switch leadByte {
    case 0xF0...: return 4
    case 0xE0...: return 3
    case 0xC0...: return 2
    default: return 1
    }
  }
}
