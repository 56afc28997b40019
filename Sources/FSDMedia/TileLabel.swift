/// Burns short upper-case labels ("FRONT", "LEFT REPEATER") into a picture's luma plane with a
/// built-in 5x7 pixel font: a contact sheet must say which camera is which, and a font library
/// would be a large dependency for 17 letters.
public enum TileLabel {
  /// Each glyph is 7 rows of 5 bits, most significant bit left.
  static let glyphs: [Character: [UInt8]] = [
    "A": [0x0E, 0x11, 0x11, 0x1F, 0x11, 0x11, 0x11], "B": [0x1E, 0x11, 0x11, 0x1E, 0x11, 0x11, 0x1E],
    "C": [0x0E, 0x11, 0x10, 0x10, 0x10, 0x11, 0x0E], "D": [0x1E, 0x11, 0x11, 0x11, 0x11, 0x11, 0x1E],
    "E": [0x1F, 0x10, 0x10, 0x1E, 0x10, 0x10, 0x1F], "F": [0x1F, 0x10, 0x10, 0x1E, 0x10, 0x10, 0x10],
    "G": [0x0E, 0x11, 0x10, 0x17, 0x11, 0x11, 0x0F], "H": [0x11, 0x11, 0x11, 0x1F, 0x11, 0x11, 0x11],
    "I": [0x0E, 0x04, 0x04, 0x04, 0x04, 0x04, 0x0E], "K": [0x11, 0x12, 0x14, 0x18, 0x14, 0x12, 0x11],
    "L": [0x10, 0x10, 0x10, 0x10, 0x10, 0x10, 0x1F], "N": [0x11, 0x19, 0x15, 0x13, 0x11, 0x11, 0x11],
    "O": [0x0E, 0x11, 0x11, 0x11, 0x11, 0x11, 0x0E], "P": [0x1E, 0x11, 0x11, 0x1E, 0x10, 0x10, 0x10],
    "R": [0x1E, 0x11, 0x11, 0x1E, 0x14, 0x12, 0x11], "T": [0x1F, 0x04, 0x04, 0x04, 0x04, 0x04, 0x04],
    "U": [0x11, 0x11, 0x11, 0x11, 0x11, 0x11, 0x0E], "M": [0x11, 0x1B, 0x15, 0x15, 0x11, 0x11, 0x11],
    "S": [0x0F, 0x10, 0x10, 0x0E, 0x01, 0x01, 0x1E], " ": [0, 0, 0, 0, 0, 0, 0], "-": [0, 0, 0, 0x1F, 0, 0, 0],
  ]

  /// Draws `text` at (x, y) in white on a black box, each font pixel `scale` x `scale` pixels.
  /// Characters without a glyph are drawn as spaces; whatever falls outside the picture is cut.
  public static func draw(_ text: String, on picture: inout Picture, x: Int, y: Int, scale: Int = 2) {
    let pad = scale * 2
    let boxWidth = text.count * 6 * scale - scale + 2 * pad, boxHeight = 7 * scale + 2 * pad
    fill(&picture, x: x, y: y, width: boxWidth, height: boxHeight, luma: 16)
    for (index, character) in text.uppercased().enumerated() {
      let rows = glyphs[character] ?? glyphs[" "]!
      for (row, bits) in rows.enumerated() {
        for column in 0..<5 where bits & (0x10 >> UInt8(column)) != 0 {
          fill(&picture, x: x + pad + (index * 6 + column) * scale, y: y + pad + row * scale,
               width: scale, height: scale, luma: 235)
        }
      }
    }
  }

  static func fill(_ picture: inout Picture, x: Int, y: Int, width: Int, height: Int, luma: UInt8) {
    let left = max(0, x), right = min(picture.width, x + width)
    guard left < right else { return }
    for row in max(0, y)..<min(picture.height, y + height) {
      for column in left..<right { picture.y[row * picture.width + column] = luma }
    }
    // Neutral chroma under the box, so the label is grey-white and not tinted by the scene.
    for row in max(0, y) / 2..<min(picture.chromaHeight, (y + height + 1) / 2) {
      for column in left / 2..<min(picture.chromaWidth, (right + 1) / 2) {
        picture.u[row * picture.chromaWidth + column] = 128
        picture.v[row * picture.chromaWidth + column] = 128
      }
    }
  }
}
