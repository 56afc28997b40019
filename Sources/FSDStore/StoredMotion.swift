import Foundation

/// The per-frame motion series of one clip as the `motion` table holds it: one row per clip,
/// each metric a little-endian array (pts_s float64, the others float32). That is 32 bytes a
/// frame instead of ~100 for a row per frame, which matters at 130,000 frames per driving hour.
/// Units are documented in docs/schema.md (and on `MotionSeries`).
public struct StoredMotion: Sendable, Equatable {
  public var ptsSeconds: [Double]
  public var mafd: [Float]
  /// Distant-scene shift since the previous frame, full-resolution pixels (+ right / down).
  public var dx: [Float]
  public var dy: [Float]
  /// Image scale change since the previous frame, per mille (forward motion).
  public var expansion: [Float]
  /// Mean luma, 0–255.
  public var brightness: [Float]
  /// 0–1.
  public var confidence: [Float]
  /// False for rows stored before the ego-motion columns existed (they read back as zeros).
  public var hasEgoMotion: Bool

  public init(ptsSeconds: [Double], mafd: [Float]) {
    precondition(ptsSeconds.count == mafd.count, "one value per frame in every column")
    self.ptsSeconds = ptsSeconds
    self.mafd = mafd
    let zeros = [Float](repeating: 0, count: mafd.count)
    dx = zeros; dy = zeros; expansion = zeros; brightness = zeros; confidence = zeros
    hasEgoMotion = false
  }

  public init(ptsSeconds: [Double], mafd: [Float], dx: [Float], dy: [Float], expansion: [Float],
              brightness: [Float], confidence: [Float]) {
    let count = ptsSeconds.count
    precondition([mafd.count, dx.count, dy.count, expansion.count, brightness.count, confidence.count]
      .allSatisfy { $0 == count }, "one value per frame in every column")
    self.ptsSeconds = ptsSeconds
    self.mafd = mafd
    self.dx = dx
    self.dy = dy
    self.expansion = expansion
    self.brightness = brightness
    self.confidence = confidence
    hasEgoMotion = true
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
