import Foundation

/// Writes rendered frames as PGM (luma) and PNG (colour) so people can look at them.
/// The PNG writer stores deflate blocks uncompressed: valid PNG with no zlib dependency.
enum FrameImages {
  static let directory = URL(fileURLWithPath: "/tmp/synth-frames")

  static func writePGM(_ name: String, luma: [UInt8], width: Int, height: Int) throws {
    try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
    var data = Data("P5\n\(width) \(height)\n255\n".utf8)
    data.append(contentsOf: luma)
    try data.write(to: directory.appendingPathComponent(name + ".pgm"))
  }

  /// BT.601 full-range conversion (the renderer writes full-range values), integer arithmetic.
  static func rgb(y: [UInt8], u: [UInt8], v: [UInt8], width: Int, height: Int) -> [UInt8] {
    let cw = (width + 1) / 2
    var out = [UInt8](repeating: 0, count: width * height * 3)
    out.withUnsafeMutableBufferPointer { o in
      y.withUnsafeBufferPointer { yp in
        u.withUnsafeBufferPointer { up in
          v.withUnsafeBufferPointer { vp in
            for r in 0..<height {
              for c in 0..<width {
                let l = Int(yp[r * width + c]) << 10
                let cb = Int(up[(r / 2) * cw + c / 2]) - 128
                let cr = Int(vp[(r / 2) * cw + c / 2]) - 128
                let i = (r * width + c) * 3
                o[i] = UInt8(min(max((l + 1436 * cr) >> 10, 0), 255))
                o[i + 1] = UInt8(min(max((l - 352 * cb - 731 * cr) >> 10, 0), 255))
                o[i + 2] = UInt8(min(max((l + 1815 * cb) >> 10, 0), 255))
              }
            }
          }
        }
      }
    }
    return out
  }

  static func writePNG(_ name: String, y: [UInt8], u: [UInt8], v: [UInt8], width: Int, height: Int) throws {
    try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
    let pixels = rgb(y: y, u: u, v: v, width: width, height: height)
    var raw = [UInt8](repeating: 0, count: (width * 3 + 1) * height)
    let rowBytes = width * 3
    raw.withUnsafeMutableBufferPointer { out in
      pixels.withUnsafeBufferPointer { src in
        for r in 0..<height {
          let target: UnsafeMutablePointer<UInt8> = out.baseAddress! + r * (rowBytes + 1) + 1
          let source: UnsafePointer<UInt8> = src.baseAddress! + r * rowBytes
          target.update(from: source, count: rowBytes)
        }
      }
    }
    var zlib: [UInt8] = [0x78, 0x01]
    var offset = 0
    while offset < raw.count {
      let n = min(65535, raw.count - offset)
      zlib.append(offset + n == raw.count ? 1 : 0)
      zlib += [UInt8(n & 0xFF), UInt8(n >> 8), UInt8(~n & 0xFF), UInt8((~n >> 8) & 0xFF)]
      zlib.append(contentsOf: raw[offset..<(offset + n)])
      offset += n
    }
    var a: UInt32 = 1
    var b: UInt32 = 0
    raw.withUnsafeBufferPointer { bytes in
      // Adler-32, reducing every 5552 bytes as zlib does.
      var index = 0
      while index < bytes.count {
        let end = min(index + 5552, bytes.count)
        for k in index..<end {
          a &+= UInt32(bytes[k])
          b &+= a
        }
        a %= 65521
        b %= 65521
        index = end
      }
    }
    zlib += bigEndian((b << 16) | a)

    var png: [UInt8] = [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A]
    func chunk(_ type: String, _ body: [UInt8]) {
      png += bigEndian(UInt32(body.count))
      let typed = Array(type.utf8) + body
      png += typed
      png += bigEndian(crc32(typed))
    }
    chunk("IHDR", bigEndian(UInt32(width)) + bigEndian(UInt32(height)) + [8, 2, 0, 0, 0])
    chunk("IDAT", zlib)
    chunk("IEND", [])
    try Data(png).write(to: directory.appendingPathComponent(name + ".png"))
  }

  private static func bigEndian(_ value: UInt32) -> [UInt8] {
    [UInt8(value >> 24), UInt8((value >> 16) & 0xFF), UInt8((value >> 8) & 0xFF), UInt8(value & 0xFF)]
  }

  private static let crcTable: [UInt32] = (0..<256).map { n in
    var c = UInt32(n)
    for _ in 0..<8 { c = c & 1 != 0 ? 0xEDB8_8320 ^ (c >> 1) : c >> 1 }
    return c
  }

  private static func crc32(_ bytes: [UInt8]) -> UInt32 {
    var c: UInt32 = 0xFFFF_FFFF
    crcTable.withUnsafeBufferPointer { table in
      bytes.withUnsafeBufferPointer { data in
        for byte in data { c = table[Int((c ^ UInt32(byte)) & 0xFF)] ^ (c >> 8) }
      }
    }
    return c ^ 0xFFFF_FFFF
  }
}
