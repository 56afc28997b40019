import Foundation

// The ground pass and its texture walk share this file so the hot loop inlines even in debug
// builds (-O without whole-module optimisation inlines only within a file).

/// Cached per-brightness ground LUTs: texel → luma for every haze level and material.
final class GroundLUTCache: @unchecked Sendable {
  static let hazeLevels = 32
  private let lock = NSLock()
  private var entries: [(brightness: Double, table: ByteBuffer)] = []

  func table(brightness: Double, materialLuma: [Double]) -> ByteBuffer {
    lock.lock()
    defer { lock.unlock() }
    if let hit = entries.first(where: { $0.brightness == brightness }) { return hit.table }
    let levels = Self.hazeLevels
    let m = Material.count
    let table = ByteBuffer(count: levels * m * 256)
    let haze = SkyPanorama.hazeLuma
    for level in 0..<levels {
      let h = Double(level) / Double(levels - 1)
      for k in 0..<(m * 256) {
        let base = materialLuma[k]
        let value = (base + (haze - base) * h) * brightness
        table.pointer[level * m * 256 + k] = UInt8(min(max(value.rounded(), 0), 255))
      }
    }
    entries.append((brightness, table))
    if entries.count > 3 { entries.removeFirst() }
    return table
  }
}

extension RendererStorage {
  /// Haze fraction at a horizontal distance: distant ground fades toward the horizon haze.
  @inline(__always)
  static func haze(distanceM: Double) -> Double { 1 - exp(-max(distanceM, 0) / 450) }

  @inline(__always)
  static func hazeLevel(distanceM: Double) -> Int {
    Int((haze(distanceM: distanceM) * Double(GroundLUTCache.hazeLevels - 1)).rounded())
  }
}

/// floor() without a libm call (the portable x86-64 baseline has no SSE4.1 `roundsd`).
@inline(__always)
func fastFloor(_ x: Double) -> Int {
  let i = Int(x)
  return Double(i) > x ? i - 1 : i
}

/// A texture walk along one image row: fixed-point 16.16 texel coordinates, linear in the column.
struct TextureWalk {
  let pixels: UnsafeMutablePointer<UInt8>
  let log2Cols: Int
  let rowMask: Int
  let colMask: Int
  let tu0: Int
  let dtu: Int
  let tw0: Int
  let dtw: Int

  @inline(__always)
  func texel(_ c: Int) -> Int {
    let tu = tu0 &+ c &* dtu
    let tw = tw0 &+ c &* dtw
    return Int(pixels[(((tu &>> 16) & rowMask) &<< log2Cols) | ((tw &>> 16) & colMask)])
  }

  /// dst[c] = lut[texel(c)] for c in from..<to: the hot loop of the whole renderer.
  @inline(__always)
  func fill(_ dst: UnsafeMutablePointer<UInt8>, from: Int, to: Int, lut: UnsafePointer<UInt8>) {
    guard from < to else { return }
    if dtu == 0 {
      // Camera looking straight along the road: the row reads a single texture row.
      let line = pixels + (((tu0 &>> 16) & rowMask) &<< log2Cols)
      var tw = tw0 &+ from &* dtw
      let cm = colMask
      let dw = dtw
      for c in from..<to {
        dst[c] = lut[Int(line[(tw &>> 16) & cm])]
        tw &+= dw
      }
      return
    }
    var tu = tu0 &+ from &* dtu
    var tw = tw0 &+ from &* dtw
    let px = pixels
    let shift = log2Cols
    let rm = rowMask
    let cm = colMask
    let du = dtu
    let dw = dtw
    for c in from..<to {
      dst[c] = lut[Int(px[(((tu &>> 16) & rm) &<< shift) | ((tw &>> 16) & cm)])]
      tu &+= du
      tw &+= dw
    }
  }
}

/// Ground geometry of one image row.
struct RowGeometry {
  var ground = false
  /// World u, w at column 0 (pixel centre) and their change per column.
  var u0 = 0.0, du = 0.0, w0 = 0.0, dw = 0.0
  /// Horizontal distance along the camera axis.
  var distance = 0.0
  /// World extent of one pixel along u and w (the larger of row-to-row and column-to-column).
  var footprintU = 0.0, footprintW = 0.0
  var hazeLevel = 0
  var elevation = 0.0
  /// Rip-map levels (along u, along w) for the asphalt and the coarse texture.
  var asphaltLevel = (u: 0, w: 0)
  var coarseLevel = (u: 0, w: 0)
}

/// A run of one cross-section band along an image row, in (fractional) columns.
struct BandSpan {
  var band: Int
  var start: Double
  var end: Double
}

/// One frame being rendered: camera pose, per-row geometry, and the passes.

extension FrameRenderer {
  // MARK: Ground

  /// Texture offsets that keep the shoulder and patches from repeating the lane's asphalt.
  static func textureOffset(_ material: Material) -> (u: Double, w: Double) {
    switch material {
    case .shoulder: (3.71, 5.33)
    case .patchDark: (6.13, 2.17)
    case .patchLight: (4.49, 7.77)
    default: (0, 0)
    }
  }

  /// The texture walk of a material along row r.
  func walk(_ material: Material, _ row: RowGeometry) -> TextureWalk {
    let coarse = material.usesCoarseTexture
    let texture = coarse ? s.assets.coarse : s.assets.asphalt
    let texelM = coarse ? SceneAssets.coarseTexelM : SceneAssets.asphaltTexelM
    let smoother = material == .patchDark || material == .patchLight ? 1 : 0
    let levels = coarse ? row.coarseLevel : row.asphaltLevel
    let lu = min(levels.u + smoother, texture.levelCount - 1)
    let lw = min(levels.w + smoother, texture.levelCount - 1)
    let lv = texture.level(lu, lw)
    let offset = Self.textureOffset(material)
    let scaleU = 65536 / (texelM * Double(1 << lu))
    let scaleW = 65536 / (texelM * Double(1 << lw))
    return TextureWalk(
      pixels: lv.pixels, log2Cols: lv.log2Cols, rowMask: lv.rowMask, colMask: lv.colMask,
      tu0: Int((row.u0 + offset.u) * scaleU), dtu: Int(row.du * scaleU),
      tw0: Int((row.w0 + offset.w) * scaleW), dtw: Int(row.dw * scaleW))
  }

  @inline(__always)
  func lut(_ material: Material, _ row: RowGeometry) -> UnsafePointer<UInt8> {
    UnsafePointer(groundLUT.pointer + ((row.hazeLevel * Material.count + material.rawValue) << 8))
  }

  /// Bands of the cross-section in column order with their column extents [start, end).
  func bandSpans(_ row: RowGeometry) -> [BandSpan] {
    let section = s.crossSection
    let n = section.bands.count
    if abs(row.dw) < 1e-12 {
      return [BandSpan(band: section.band(at: row.w0), start: -.infinity, end: .infinity)]
    }
    var spans: [BandSpan] = []
    spans.reserveCapacity(n)
    // Boundary k between band k (larger w) and band k + 1 lies at column (b_k - w0) / dw.
    if row.dw < 0 {
      var start = -Double.infinity
      for k in 0..<n {
        let end = k < n - 1 ? (section.boundaries[k] - row.w0) / row.dw : Double.infinity
        spans.append(BandSpan(band: k, start: start, end: end))
        start = end
      }
    } else {
      var start = -Double.infinity
      for k in stride(from: n - 1, through: 0, by: -1) {
        let end = k > 0 ? (section.boundaries[k - 1] - row.w0) / row.dw : Double.infinity
        spans.append(BandSpan(band: k, start: start, end: end))
        start = end
      }
    }
    return spans
  }

  /// The value of a band at one column (used where bands meet inside a pixel).
  func sample(band: Int, column c: Int, _ row: RowGeometry, walks: [TextureWalk?]) -> Double {
    let b = s.crossSection.bands[band]
    let texel = (walks[b.material.rawValue] ?? walk(b.material, row)).texel(c)
    let value = Double(lut(b.material, row)[texel])
    guard b.dashed else { return value }
    let road = Double(lut(.road, row)[texel])
    let coverage = CrossSection.dashCoverage(row.u0 + Double(c) * row.du, footprint: row.footprintU)
    return road + (value - road) * coverage
  }

  /// One road row: the cross-section bands, anti-aliased where they meet, then patches and shadows.
  /// Columns in [hiddenFrom, hiddenTo) are under the car's body and are not filled.
  func groundRow(_ r: Int, hiddenFrom: Int = 0, hiddenTo: Int = 0) {
    let row = rows[r]
    let dst = y + r * yStride
    let spans = bandSpans(row)
    let w = Double(width)
    var walks = [TextureWalk?](repeating: nil, count: Material.count)
    for span in spans {
      let from = max(0, Int(max(span.start, -1).rounded(.up)))
      let to = min(width, Int(min(span.end, w + 1)))
      guard from < to else { continue }
      let band = s.crossSection.bands[span.band]
      let walk = self.walk(band.material, row)
      walks[band.material.rawValue] = walk
      // Up to two pieces: left and right of the hidden columns.
      for piece in [(from, min(to, hiddenFrom)), (max(from, hiddenTo), to)] where piece.0 < piece.1 {
        if !band.dashed {
          walk.fill(dst, from: piece.0, to: piece.1, lut: lut(band.material, row))
        } else {
          fillDashed(dst, from: piece.0, to: piece.1, walk: walk, row: row)
        }
      }
    }
    // Pixels where bands meet: coverage-weighted mix of every band inside the pixel.
    var lastBlended = -1
    for k in 1..<max(spans.count, 1) {
      let edge = spans[k].start
      guard edge >= 0, edge < w else { continue }
      let p = Int(edge)
      guard p != lastBlended, Double(p) != edge, p < hiddenFrom || p >= hiddenTo else { continue }
      lastBlended = p
      var value = 0.0
      for span in spans where span.start < Double(p + 1) && span.end > Double(p) {
        let weight = min(span.end, Double(p + 1)) - max(span.start, Double(p))
        value += weight * sample(band: span.band, column: p, row, walks: walks)
      }
      dst[p] = UInt8(min(max(value + 0.5, 0), 255))
    }
    drawPatches(dst, row)
    drawShadows(dst, row)
  }

  func fillDashed(_ dst: UnsafeMutablePointer<UInt8>, from: Int, to: Int, walk: TextureWalk, row: RowGeometry) {
    let line = lut(.whiteLine, row)
    let road = lut(.road, row)
    let constantU = abs(row.du) * Double(to - from) < 0.005
    var coverage = CrossSection.dashCoverage(row.u0 + Double(from) * row.du, footprint: row.footprintU)
    for c in from..<to {
      if !constantU { coverage = CrossSection.dashCoverage(row.u0 + Double(c) * row.du, footprint: row.footprintU) }
      let t = walk.texel(c)
      let a = Int(road[t])
      let b = Int(line[t])
      let weight = Int(coverage * 256 + 0.5)
      dst[c] = UInt8((a * (256 - weight) + b * weight + 128) >> 8)
    }
  }

  /// Column range [from, to) where w lies in [low, high], with fractional ends for anti-aliasing.
  func columns(forW low: Double, _ high: Double, _ row: RowGeometry) -> (start: Double, end: Double)? {
    if abs(row.dw) < 1e-12 {
      return row.w0 >= low && row.w0 <= high ? (0, Double(width)) : nil
    }
    let a = (low - row.w0) / row.dw
    let b = (high - row.w0) / row.dw
    let start = max(min(a, b), 0)
    let end = min(max(a, b), Double(width))
    return start < end ? (start, end) : nil
  }

  func rowURange(_ row: RowGeometry) -> (low: Double, high: Double) {
    let a = row.u0
    let b = row.u0 + row.du * Double(width - 1)
    return (min(a, b) - row.footprintU, max(a, b) + row.footprintU)
  }

  func drawPatches(_ dst: UnsafeMutablePointer<UInt8>, _ row: RowGeometry) {
    guard !s.world.patches.isEmpty else { return }
    let range = rowURange(row)
    for patch in s.world.patches where patch.endM >= range.low && patch.startM <= range.high {
      guard let cols = columns(forW: patch.rightM, patch.leftM, row) else { continue }
      let material: Material = patch.tone < 1 ? .patchDark : .patchLight
      let walk = self.walk(material, row)
      let table = lut(material, row)
      let from = Int(cols.start)
      let to = min(width, Int(cols.end.rounded(.up)))
      for c in from..<to {
        let coverageW = min(cols.end, Double(c + 1)) - max(cols.start, Double(c))
        let coverage =
          coverageW * intervalCoverage(row.u0 + Double(c) * row.du, footprint: row.footprintU, patch.startM, patch.endM)
        guard coverage > 0 else { continue }
        let weight = Int(coverage * 256 + 0.5)
        dst[c] = UInt8((Int(dst[c]) * (256 - weight) + Int(table[walk.texel(c)]) * weight + 128) >> 8)
      }
    }
  }

  /// Shadow bands lying across the road: darken the ground where u is inside a band.
  func drawShadows(_ dst: UnsafeMutablePointer<UInt8>, _ row: RowGeometry) {
    guard !s.world.shadows.isEmpty else { return }
    let range = rowURange(row)
    for shadow in s.world.shadows where shadow.endM + 1.5 >= range.low && shadow.startM - 1.5 <= range.high {
      let soft = max(0.35, row.footprintU)
      @inline(__always) func amount(_ u: Double, _ start: Double, _ end: Double) -> Double {
        min(max((u - start) / soft + 0.5, 0), 1) * min(max((end - u) / soft + 0.5, 0), 1)
      }
      if !shadow.dappled && abs(row.du) * Double(width) < 0.02 {
        let k = Int(((1 - shadow.darkness * amount(row.u0, shadow.startM, shadow.endM)) * 256).rounded())
        guard k < 256 else { continue }
        for c in 0..<width { dst[c] = UInt8((Int(dst[c]) * k) >> 8) }
        continue
      }
      // Sun flecks: gaps in the foliage, from the coarse texture at 6 cm per texel (filtered far away).
      let fleckTexelM = 0.06
      let lu = min(Int(log2(max(row.footprintU / fleckTexelM, 1))), 6)
      let lw = min(Int(log2(max(row.footprintW / fleckTexelM, 1))), 6)
      let flecks = s.assets.coarse.level(lu, lw)
      let fleckScaleU = 1 / (fleckTexelM * Double(1 << lu))
      let fleckScaleW = 1 / (fleckTexelM * Double(1 << lw))
      let darkness = shadow.darkness
      let inverseSoft = 1 / soft
      s.shadowJitter.withUnsafeBufferPointer { jitter in
        var uu = row.u0
        var ww = row.w0
        for c in 0..<width {
          var start = shadow.startM
          var end = shadow.endM
          var lit = 0.0
          if shadow.dappled {
            let j = fastFloor(ww * 50) & 1023
            start += jitter[j]
            end += jitter[(j + 397) & 1023]
            let tu = fastFloor(uu * fleckScaleU)
            let tw = fastFloor(ww * fleckScaleW)
            let t = Double(flecks.pixels[((tu & flecks.rowMask) << flecks.log2Cols) | (tw & flecks.colMask)])
            lit = min(max((t - 150) * (1 / 30.0), 0), 1)
          }
          let a =
            min(max((uu - start) * inverseSoft + 0.5, 0), 1) * min(max((end - uu) * inverseSoft + 0.5, 0), 1)
            * (1 - lit)
          if a > 0 {
            dst[c] = UInt8(Int(Double(dst[c]) * (1 - darkness * a) + 0.5))
          }
          uu += row.du
          ww += row.dw
        }
      }
    }
  }
}
