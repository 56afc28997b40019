/// An owned copy of one 8-bit YUV 4:2:0 picture: what a preview keeps after the decoder's frame
/// is gone (a contact sheet needs one picture from each camera at once).
public struct Picture: Sendable {
  public let width: Int
  public let height: Int
  /// Rows packed without padding: `width` bytes per luma row, `chromaWidth` per chroma row.
  public var y: [UInt8]
  public var u: [UInt8]
  public var v: [UInt8]
  /// Presentation time of the frame in its clip, seconds.
  public let ptsSeconds: Double

  public var chromaWidth: Int { (width + 1) / 2 }
  public var chromaHeight: Int { (height + 1) / 2 }

  /// A mid-grey picture (the empty tiles of a contact sheet).
  public init(width: Int, height: Int, luma: UInt8 = 16, ptsSeconds: Double = 0) {
    self.width = width
    self.height = height
    self.ptsSeconds = ptsSeconds
    y = [UInt8](repeating: luma, count: width * height)
    let chromaCount = ((width + 1) / 2) * ((height + 1) / 2)
    u = [UInt8](repeating: 128, count: chromaCount)
    v = [UInt8](repeating: 128, count: chromaCount)
  }

  /// Copies the three planes of a decoded frame (strides may be padded).
  init(width: Int, height: Int, ptsSeconds: Double,
       planes: (UnsafePointer<UInt8>, UnsafePointer<UInt8>, UnsafePointer<UInt8>), strides: (Int, Int, Int)) {
    self.init(width: width, height: height, ptsSeconds: ptsSeconds)
    let chromaWidth = self.chromaWidth
    for row in 0..<height {
      y.withUnsafeMutableBufferPointer { $0.baseAddress!.advanced(by: row * width).update(from: planes.0 + row * strides.0, count: width) }
    }
    for row in 0..<chromaHeight {
      u.withUnsafeMutableBufferPointer { $0.baseAddress!.advanced(by: row * chromaWidth).update(from: planes.1 + row * strides.1, count: chromaWidth) }
      v.withUnsafeMutableBufferPointer { $0.baseAddress!.advanced(by: row * chromaWidth).update(from: planes.2 + row * strides.2, count: chromaWidth) }
    }
  }

  /// Writes the picture as a PNG, scaled to `width` x `height` (its own size by default).
  public func writePNG(to path: String, width outputWidth: Int? = nil, height outputHeight: Int? = nil) throws {
    var y = self.y, u = self.u, v = self.v
    try y.withUnsafeMutableBufferPointer { yBuffer in
      try u.withUnsafeMutableBufferPointer { uBuffer in
        try v.withUnsafeMutableBufferPointer { vBuffer in
          let planes = YUVPlanes(width: width, height: height, y: yBuffer.baseAddress!, yStride: width,
                                 u: uBuffer.baseAddress!, v: vBuffer.baseAddress!, uvStride: chromaWidth)
          try PNGWriter.write(planes, to: path, width: outputWidth ?? width, height: outputHeight ?? height)
        }
      }
    }
  }
}
