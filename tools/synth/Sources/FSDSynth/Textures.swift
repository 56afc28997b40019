import Foundation

/// Heap bytes with a stable address, freed with their owner. Immutable after setup, so it is
/// safe to share between threads.
final class ByteBuffer: @unchecked Sendable {
  let pointer: UnsafeMutablePointer<UInt8>
  let count: Int

  init(count: Int, value: UInt8 = 0) {
    self.count = count
    pointer = .allocate(capacity: max(count, 1))
    pointer.initialize(repeating: value, count: max(count, 1))
  }

  deinit { pointer.deallocate() }
}

/// A square, tileable 8-bit texture with rip-maps: every combination of halving the rows (u, along
/// the road) and the columns (w, across it). Far road rows are long in u and short in w, so they
/// need different filtering per axis; without it distant asphalt sparkles from frame to frame and
/// the frame difference sees noise that is not motion.
final class RipMap: @unchecked Sendable {
  let log2Size: Int
  let levelCount: Int
  private let buffers: [ByteBuffer]
  /// The same as raw pointers, so taking a level costs no reference counting.
  private let pointers: [UnsafeMutablePointer<UInt8>]

  struct Level {
    let pixels: UnsafeMutablePointer<UInt8>
    let log2Cols: Int
    let rowMask: Int
    let colMask: Int
  }

  init(base: [UInt8], log2Size: Int, levelCount: Int) {
    self.log2Size = log2Size
    self.levelCount = levelCount
    let size = 1 << log2Size
    var buffers = [ByteBuffer?](repeating: nil, count: levelCount * levelCount)
    let first = ByteBuffer(count: size * size)
    base.withUnsafeBufferPointer { first.pointer.update(from: $0.baseAddress!, count: size * size) }
    buffers[0] = first
    for lu in 0..<levelCount {
      if lu > 0 {
        // Halve the rows of (lu - 1, 0).
        let source = buffers[(lu - 1) * levelCount]!
        let rows = size >> lu
        let cols = size
        let target = ByteBuffer(count: rows * cols)
        for r in 0..<rows {
          let a = source.pointer + (2 * r) * cols
          let b = a + cols
          let out = target.pointer + r * cols
          for c in 0..<cols { out[c] = UInt8((Int(a[c]) + Int(b[c]) + 1) >> 1) }
        }
        buffers[lu * levelCount] = target
      }
      for lw in 1..<levelCount {
        let source = buffers[lu * levelCount + lw - 1]!
        let rows = size >> lu
        let cols = size >> lw
        let target = ByteBuffer(count: rows * cols)
        for r in 0..<rows {
          let a = source.pointer + r * (cols * 2)
          let out = target.pointer + r * cols
          for c in 0..<cols { out[c] = UInt8((Int(a[2 * c]) + Int(a[2 * c + 1]) + 1) >> 1) }
        }
        buffers[lu * levelCount + lw] = target
      }
    }
    self.buffers = buffers.map { $0! }
    pointers = self.buffers.map(\.pointer)
  }

  @inline(__always)
  func level(_ lu: Int, _ lw: Int) -> Level {
    let u = min(max(lu, 0), levelCount - 1)
    let w = min(max(lw, 0), levelCount - 1)
    return Level(
      pixels: pointers[u * levelCount + w], log2Cols: log2Size - w,
      rowMask: (1 << (log2Size - u)) - 1, colMask: (1 << (log2Size - w)) - 1)
  }

  /// Nearest texel of the full-resolution level, wrapping.
  @inline(__always)
  func texel(row: Int, col: Int) -> UInt8 {
    let mask = (1 << log2Size) - 1
    return buffers[0].pointer[((row & mask) << log2Size) | (col & mask)]
  }
}

/// Tileable multi-octave value noise, normalised to mean 128 and the given standard deviation.
enum NoiseSynthesis {
  static func tileable(
    log2Size: Int, octaves: [(cells: Int, amplitude: Float)], speckle: Float, sd: Float,
    seed: UInt64
  ) -> [UInt8] {
    let n = 1 << log2Size
    var field = [Float](repeating: 0, count: n * n)
    var rng = SeededRandom(seed: seed)
    for octave in octaves {
      let p = octave.cells
      let lattice = (0..<(p * p)).map { _ in Float(rng.unit() * 2 - 1) }
      // Column weights and lattice columns are the same for every row.
      var c0 = [Int](repeating: 0, count: n)
      var c1 = c0
      var wc = [Float](repeating: 0, count: n)
      for j in 0..<n {
        let x = Double(j) * Double(p) / Double(n)
        let i = Int(x)
        let f = Float(x - Double(i))
        c0[j] = i % p
        c1[j] = (i + 1) % p
        wc[j] = f * f * (3 - 2 * f)
      }
      field.withUnsafeMutableBufferPointer { out in
        lattice.withUnsafeBufferPointer { lat in
          for r in 0..<n {
            let y = Double(r) * Double(p) / Double(n)
            let iy = Int(y)
            let fy = Float(y - Double(iy))
            let wy = fy * fy * (3 - 2 * fy)
            let row0 = (iy % p) * p
            let row1 = ((iy + 1) % p) * p
            let base = r * n
            for j in 0..<n {
              let a = lat[row0 + c0[j]]
              let b = lat[row0 + c1[j]]
              let c = lat[row1 + c0[j]]
              let d = lat[row1 + c1[j]]
              let top = a + (b - a) * wc[j]
              let bottom = c + (d - c) * wc[j]
              out[base + j] += octave.amplitude * (top + (bottom - top) * wy)
            }
          }
        }
      }
    }
    if speckle > 0 {
      // Aggregate stones: sparse single texels much brighter or darker than the binder.
      let count = Int(Float(n * n) * 0.012)
      for _ in 0..<count {
        let index = Int(rng.next() % UInt64(n * n))
        field[index] += (rng.unit() < 0.6 ? 1 : -1) * speckle
      }
    }
    var mean: Float = 0
    var square: Float = 0
    for value in field {
      mean += value
      square += value * value
    }
    mean /= Float(field.count)
    let deviation = max((square / Float(field.count) - mean * mean).squareRoot(), 1e-6)
    return field.map { UInt8(min(max(128 + ($0 - mean) / deviation * sd, 0), 255)) }
  }
}

/// Textures shared by every camera of a drive (built once per seed; building takes ~0.1 s).
final class SceneAssets: @unchecked Sendable {
  /// Asphalt, 1 cm per texel, 10.24 m tile.
  let asphalt: RipMap
  static let asphaltTexelM = 0.01
  /// Grass, foliage, clouds, sun flecks: 2 cm per texel, 20.48 m tile.
  let coarse: RipMap
  static let coarseTexelM = 0.02

  init(seed: UInt64) {
    asphalt = RipMap(
      base: NoiseSynthesis.tileable(
        log2Size: 10,
        octaves: [(512, 1.0), (256, 0.75), (128, 0.45), (32, 0.3), (8, 0.32), (2, 0.22)],
        speckle: 2.2, sd: 36, seed: SeededRandom.hash(seed, 0xA5FA)),
      log2Size: 10, levelCount: 9)
    coarse = RipMap(
      base: NoiseSynthesis.tileable(
        log2Size: 10,
        octaves: [(256, 0.55), (128, 0.6), (64, 0.5), (16, 0.7), (4, 0.55), (2, 0.3)],
        speckle: 0, sd: 40, seed: SeededRandom.hash(seed, 0xC0A5)),
      log2Size: 10, levelCount: 9)
  }

  private static let lock = NSLock()
  nonisolated(unsafe) private static var cache: [(seed: UInt64, assets: SceneAssets)] = []

  /// The assets for a seed, built on first use and kept for the last few seeds.
  static func shared(seed: UInt64) -> SceneAssets {
    lock.lock()
    defer { lock.unlock() }
    if let hit = cache.first(where: { $0.seed == seed }) { return hit.assets }
    let assets = SceneAssets(seed: seed)
    cache.append((seed, assets))
    if cache.count > 3 { cache.removeFirst() }
    return assets
  }
}
