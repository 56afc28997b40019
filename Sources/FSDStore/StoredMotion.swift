import FSDMotion
import Foundation

/// The per-frame motion series of one clip as the `motion` table holds it: one row per clip,
/// each metric a little-endian array (pts_s float64, the others float32). That is 32 bytes a
/// frame instead of ~100 for a row per frame, which matters at 130,000 frames per driving hour.
/// The columns are the motion core's `MotionSeries` (its units, documented there and in
/// docs/schema.md), read through as `motion.dx`; the store adds only whether the row has them.
@dynamicMemberLookup
public struct StoredMotion: Sendable, Equatable {
  public var series: MotionSeries
  /// False for rows stored before the ego-motion columns existed (they read back as zeros).
  public var hasEgoMotion: Bool

  public init(_ series: MotionSeries, hasEgoMotion: Bool = true) {
    self.series = series
    self.hasEgoMotion = hasEgoMotion
  }

  /// A row from before "v5: motion ego-motion": time and mafd, the ego-motion columns zero.
  public init(ptsSeconds: [Double], mafd: [Float]) {
    self.init(MotionSeries(ptsSeconds: ptsSeconds, mafd: mafd), hasEgoMotion: false)
  }

  public init(ptsSeconds: [Double], mafd: [Float], dx: [Float], dy: [Float], expansion: [Float],
              brightness: [Float], confidence: [Float]) {
    self.init(MotionSeries(ptsSeconds: ptsSeconds, mafd: mafd, dx: dx, dy: dy, expansion: expansion,
                           brightness: brightness, confidence: confidence))
  }

  public subscript<Value>(dynamicMember column: KeyPath<MotionSeries, Value>) -> Value { series[keyPath: column] }
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
