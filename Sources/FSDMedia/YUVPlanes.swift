/// Writable 8-bit YUV 4:2:0 planes of one frame, owned by an encoder. Valid only during the
/// callback that receives them.
public struct YUVPlanes {
  public let width: Int
  public let height: Int
  public let y: UnsafeMutablePointer<UInt8>
  public let yStride: Int
  public let u: UnsafeMutablePointer<UInt8>
  public let v: UnsafeMutablePointer<UInt8>
  public let uvStride: Int

  public init(width: Int, height: Int, y: UnsafeMutablePointer<UInt8>, yStride: Int,
              u: UnsafeMutablePointer<UInt8>, v: UnsafeMutablePointer<UInt8>, uvStride: Int) {
    self.width = width
    self.height = height
    self.y = y
    self.yStride = yStride
    self.u = u
    self.v = v
    self.uvStride = uvStride
  }

  public var chromaWidth: Int { (width + 1) / 2 }
  public var chromaHeight: Int { (height + 1) / 2 }
}
