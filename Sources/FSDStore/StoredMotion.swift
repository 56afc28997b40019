import Foundation

/// The per-frame motion series of one clip as the `motion` table holds it: one row per clip,
/// each metric a little-endian array (pts_s float64, mafd float32). That is 12 bytes a frame
/// instead of ~40 for a row per frame, which matters at 130,000 frames per driving hour.
public struct StoredMotion: Sendable, Equatable {
  public var ptsSeconds: [Double]
  public var mafd: [Float]

  public init(ptsSeconds: [Double], mafd: [Float]) {
    precondition(ptsSeconds.count == mafd.count, "one value per frame in every column")
    self.ptsSeconds = ptsSeconds
    self.mafd = mafd
  }

  public var frameCount: Int { ptsSeconds.count }
}

/// Little-endian packing of numeric columns into blobs.
enum BlobColumn {
  static func pack<T: FixedWidthInteger>(_ values: [T]) -> Data {
    values.map(\.littleEndian).withUnsafeBytes { Data($0) }
  }

  static func pack(_ values: [Double]) -> Data { pack(values.map(\.bitPattern)) }
  static func pack(_ values: [Float]) -> Data { pack(values.map(\.bitPattern)) }

  static func unpack<T: FixedWidthInteger>(_ data: Data, as: T.Type) -> [T]? {
    guard data.count % MemoryLayout<T>.size == 0 else { return nil }
    return data.withUnsafeBytes { raw in
      (0..<data.count / MemoryLayout<T>.size).map {
        T(littleEndian: raw.loadUnaligned(fromByteOffset: $0 * MemoryLayout<T>.size, as: T.self))
      }
    }
  }

  static func unpackDoubles(_ data: Data) -> [Double]? { unpack(data, as: UInt64.self)?.map(Double.init(bitPattern:)) }
  static func unpackFloats(_ data: Data) -> [Float]? { unpack(data, as: UInt32.self)?.map(Float.init(bitPattern:)) }
}
