import Foundation

// The sprite pixel loop, its lookup tables and the per-kind shading rules live in this one file on
// purpose: debug builds (-O without whole-module optimisation) inline only within a file, and
// splitting them made the front render ~25% slower.

extension FrameRenderer {
  // MARK: Drawing

  /// Projects a vertical rectangle (clipped at the near plane) and hands it to the pixel loop of its
  /// kind. Perspective-correct along its length; vertical edges are drawn vertical (pitch lean ignored).
  func draw(_ sprite: Sprite, luts: SpriteLUTs) {
    let near = 0.4
    @inline(__always) func toCamera(_ u: Double, _ w: Double) -> (z: Double, x: Double) {
      let du = u - camU
      let dw = w - camW
      return (du * fu + dw * fw, du * ru + dw * rw)
    }
    var a = toCamera(sprite.u1, sprite.w1)
    var b = toCamera(sprite.u2, sprite.w2)
    var sa = 0.0
    var sb = 1.0
    if a.z < near && b.z < near { return }
    if a.z < near {
      let t = (near - a.z) / (b.z - a.z)
      a = (near, a.x + (b.x - a.x) * t)
      sa = t
    } else if b.z < near {
      let t = (near - a.z) / (b.z - a.z)
      b = (near, a.x + (b.x - a.x) * t)
      sb = t
    }
    let midH = (sprite.h0 + sprite.h1) / 2
    @inline(__always) func project(_ z: Double, _ x: Double, _ h: Double) -> (col: Double, row: Double, depth: Double) {
      let dh = h - camH
      let zc = max(z * cosT - dh * sinT, 0.05)
      return (cx + f * x / zc, cy - f * (z * sinT + dh * cosT) / zc, zc)
    }
    var pa = project(a.z, a.x, midH)
    var pb = project(b.z, b.x, midH)
    if pa.col > pb.col {
      swap(&a, &b)
      swap(&sa, &sb)
      swap(&pa, &pb)
    }
    guard pb.col >= 0, pa.col <= Double(width), pb.col - pa.col < Double(width) * 8 else { return }
    var c0 = max(0, Int((pa.col - 0.5).rounded(.up)))
    var c1 = min(width - 1, Int((pb.col - 0.5).rounded(.up)) - 1)
    if c0 > c1 {
      // Narrower than a pixel: draw it in the pixel it falls in (posts far away).
      let c = Int(((pa.col + pb.col) / 2).rounded(.down))
      guard c >= 0 && c < width else { return }
      c0 = c
      c1 = c
    }
    let distance = (a.z + b.z) / 2
    let geometry = SpriteGeometry(a: a, b: b, sa: sa, sb: sb, pa: pa, pb: pb, c0: c0, c1: c1, distance: distance)
    let shader = SpriteShader(sprite: sprite, footprintM: max(distance / f, 0.001), coarse: s.assets.coarse)
    switch shader.kind {
    case .post: fill(sprite, geometry, luts: luts, rule: PostRule())
    case .trunk: fill(sprite, geometry, luts: luts, rule: TrunkRule(shader: shader))
    case .crown: fill(sprite, geometry, luts: luts, rule: CrownRule(shader: shader))
    case .facade: fill(sprite, geometry, luts: luts, rule: FacadeRule(shader: shader))
    case .carRear: fill(sprite, geometry, luts: luts, rule: CarRearRule(shader: shader))
    case .carSide: fill(sprite, geometry, luts: luts, rule: CarSideRule(shader: shader))
    }
  }

  struct SpriteGeometry {
    var a: (z: Double, x: Double), b: (z: Double, x: Double)
    var sa: Double, sb: Double
    var pa: (col: Double, row: Double, depth: Double), pb: (col: Double, row: Double, depth: Double)
    var c0: Int, c1: Int
    var distance: Double
  }

  /// The pixel loop, specialised per kind of sprite so each rule inlines.
  func fill<Rule: SpritePixelRule>(_ sprite: Sprite, _ g: SpriteGeometry, luts: SpriteLUTs, rule: Rule) {
    @inline(__always) func project(_ z: Double, _ x: Double, _ h: Double) -> Double {
      let dh = h - camH
      let zc = max(z * cosT - dh * sinT, 0.05)
      return cy - f * (z * sinT + dh * cosT) / zc
    }
    let hazeLevel = RendererStorage.hazeLevel(distanceM: g.distance)
    let lut = luts.luma(hazeLevel)
    let hazeWeight = Int((Double(hazeLevel) / Double(GroundLUTCache.hazeLevels - 1) * 256).rounded())
    let span = max(g.pb.col - g.pa.col, 1e-6)
    let invA = 1 / g.pa.depth
    let invB = 1 / g.pb.depth
    // Per column: the rows covered and the height at the first one. Then fill row by row, so the
    // writes run along memory instead of jumping a stride per pixel.
    var spans: [ColumnSpan] = []
    spans.reserveCapacity(g.c1 - g.c0 + 1)
    var rowMin = Int.max
    var rowMax = Int.min
    for c in g.c0...g.c1 {
      let alpha = min(max((Double(c) + 0.5 - g.pa.col) / span, 0), 1)
      let t = alpha * invB / ((1 - alpha) * invA + alpha * invB)
      let z = g.a.z + (g.b.z - g.a.z) * t
      let x = g.a.x + (g.b.x - g.a.x) * t
      let top = project(z, x, sprite.h1)
      let bottom = project(z, x, sprite.h0)
      let r0 = max(0, Int((top - 0.5).rounded(.up)))
      let r1 = min(height - 1, Int((bottom - 0.5).rounded(.up)) - 1)
      let dh = (sprite.h0 - sprite.h1) / max(bottom - top, 1e-6)
      spans.append(
        ColumnSpan(
          r0: r0, r1: r1, h: sprite.h1 + dh * (Double(r0) + 0.5 - top), dh: dh,
          column: rule.column(s: g.sa + (g.sb - g.sa) * t)))
      if r0 <= r1 {
        rowMin = min(rowMin, r0)
        rowMax = max(rowMax, r1)
      }
    }
    guard rowMin <= rowMax else { return }
    // A sprite facing the camera covers the same rows in every column: per-row work once.
    let first = spans[0]
    let uniform = spans.allSatisfy { $0.r0 == first.r0 && $0.r1 == first.r1 && abs($0.h - first.h) < 1e-9 }
    let hazeU = Int(SkyPanorama.hazeChroma.u) * hazeWeight
    let hazeV = Int(SkyPanorama.hazeChroma.v) * hazeWeight
    let c0 = g.c0
    luts.chroma.withUnsafeBufferPointer { chroma in
      spans.withUnsafeBufferPointer { spans in
        for r in rowMin...rowMax {
          let dst = y + r * yStride
          let chromaRow = r & 1 == 0
          let du = u + (r >> 1) * uvStride
          let dv = v + (r >> 1) * uvStride
          if uniform {
            let row = rule.row(h: first.h + first.dh * Double(r - first.r0))
            for k in 0..<spans.count {
              let pixel = rule.pixel(spans[k].column, row)
              guard pixel >= 0 else { continue }
              let c = c0 + k
              dst[c] = lut[pixel & 0xFF]
              if chromaRow && c & 1 == 0 {
                du[c >> 1] = chroma[(((pixel >> 8) & 0xFF) * (256 - hazeWeight) + hazeU) >> 8]
                dv[c >> 1] = chroma[((pixel >> 16) * (256 - hazeWeight) + hazeV) >> 8]
              }
            }
            continue
          }
          for k in 0..<spans.count {
            let span = spans[k]
            guard r >= span.r0 && r <= span.r1 else { continue }
            let pixel = rule.pixel(span.column, rule.row(h: span.h + span.dh * Double(r - span.r0)))
            guard pixel >= 0 else { continue }
            let c = c0 + k
            dst[c] = lut[pixel & 0xFF]
            if chromaRow && c & 1 == 0 {
              du[c >> 1] = chroma[(((pixel >> 8) & 0xFF) * (256 - hazeWeight) + hazeU) >> 8]
              dv[c >> 1] = chroma[((pixel >> 16) * (256 - hazeWeight) + hazeV) >> 8]
            }
          }
        }
      }
    }
  }
}

/// Per-frame lookup tables for sprites: luma with haze and brightness, chroma with brightness.
final class SpriteLUTs {
  private let table: ByteBuffer
  private var built: [Bool]
  let chroma: [UInt8]
  private let brightness: Double

  init(brightness: Double) {
    self.brightness = brightness
    table = ByteBuffer(count: GroundLUTCache.hazeLevels * 256)
    built = [Bool](repeating: false, count: GroundLUTCache.hazeLevels)
    let scale = min(brightness, 1.5)
    chroma = (0..<256).map { UInt8(min(max(128 + (Double($0) - 128) * scale, 0), 255).rounded()) }
  }

  func luma(_ level: Int) -> UnsafePointer<UInt8> {
    let base = table.pointer + level * 256
    if !built[level] {
      let h = Double(level) / Double(GroundLUTCache.hazeLevels - 1)
      for k in 0..<256 {
        let value = (Double(k) + (SkyPanorama.hazeLuma - Double(k)) * h) * brightness
        base[k] = UInt8(min(max(value.rounded(), 0), 255))
      }
      built[level] = true
    }
    return UnsafePointer(base)
  }
}

/// Everything a sprite's pixel loop needs, prepared once per sprite. Pixels are packed as
/// luma | U << 8 | V << 16 (before haze and brightness); -1 is transparent.
struct SpriteShader {
  enum Kind { case post, trunk, crown, facade, carRear, carSide }
  let kind: Kind
  let texture: RipMap.Level
  let texelsPerM: Double
  let offset: Int
  let lengthM: Double
  let h0: Double, h1: Double
  let base: (y: Int, u: Int, v: Int)
  let brake: Bool
  let crownCentre: Double
  let crownInverseRadius: Double

  init(sprite: Sprite, footprintM: Double, coarse: RipMap) {
    let level = min(Int(log2(max(footprintM / 0.02, 1))), 6)
    texture = coarse.level(level, level)
    texelsPerM = 1 / (0.02 * Double(1 << level))
    h0 = sprite.h0
    h1 = sprite.h1
    lengthM = (pow(sprite.u2 - sprite.u1, 2) + pow(sprite.w2 - sprite.w1, 2)).squareRoot()
    var brake = false
    var offset = 0
    switch sprite.kind {
    case .post:
      kind = .post
      base = (200, 128, 128)
    case .trunk:
      kind = .trunk
      base = (58, 121, 136)
      offset = 77
    case .crown(let seed):
      kind = .crown
      base = (66, 113, 121)
      offset = seed
    case .facade(let tone):
      let walls: [(Int, Int, Int)] = [
        (176, 122, 136), (150, 126, 131), (196, 127, 130), (128, 131, 126), (162, 118, 140),
      ]
      kind = .facade
      base = walls[tone % walls.count]
      offset = 911 + tone * 131
    case .carRear(let paint, let lights):
      let p = CarPaint.palette[paint % CarPaint.palette.count]
      kind = .carRear
      base = (Int(p.y), Int(p.u), Int(p.v))
      brake = lights
    case .carSide(let paint):
      let p = CarPaint.palette[paint % CarPaint.palette.count]
      kind = .carSide
      base = (Int(p.y), Int(p.u), Int(p.v))
    }
    self.brake = brake
    self.offset = offset
    crownCentre = (sprite.h0 + sprite.h1) / 2
    crownInverseRadius = 2 / max(sprite.h1 - sprite.h0, 1e-6)
  }

  @inline(__always)
  static func pack(_ y: Int, _ u: Int, _ v: Int) -> Int { min(max(y, 0), 255) | u << 8 | v << 16 }

  @inline(__always)
  func texel(row: Int, col: Int) -> Int {
    Int(
      texture.pixels[
        (((row &+ offset) & texture.rowMask) << texture.log2Cols) | ((col &+ offset &* 3) & texture.colMask)]) - 128
  }
}

/// The rows a sprite covers in one column, and the height at the first.
struct ColumnSpan {
  var r0: Int
  var r1: Int
  var h: Double
  var dh: Double
  var column: SpriteColumn
}

/// What a sprite pixel depends on only through its column.
struct SpriteColumn {
  var s: Double = 0
  var texColumn = 0
  var zone = 0
  var extent = 0.0
}

/// How one kind of sprite shades: per column, then per pixel (packed luma | U << 8 | V << 16, -1 clear).
protocol SpritePixelRule {
  func column(s: Double) -> SpriteColumn
  /// What depends only on the height (computed once per row for sprites facing the camera).
  func row(h: Double) -> SpriteRow
  func pixel(_ c: SpriteColumn, _ r: SpriteRow) -> Int
}

struct SpriteRow {
  var h: Double
  var texRow: Int = 0
  var value = 0.0
}

extension SpritePixelRule {
  @inline(__always) func row(h: Double) -> SpriteRow { SpriteRow(h: h) }
}

struct PostRule: SpritePixelRule {
  @inline(__always) func column(s: Double) -> SpriteColumn { SpriteColumn(s: s) }
  @inline(__always) func pixel(_ c: SpriteColumn, _ r: SpriteRow) -> Int {
    r.h > 0.85 && r.h < 1.0 ? SpriteShader.pack(240, 120, 140) : SpriteShader.pack(200, 128, 128)
  }
}

struct TrunkRule: SpritePixelRule {
  let shader: SpriteShader
  @inline(__always) func column(s: Double) -> SpriteColumn {
    SpriteColumn(s: s, texColumn: fastFloor(s * shader.lengthM * shader.texelsPerM))
  }
  @inline(__always) func row(h: Double) -> SpriteRow { SpriteRow(h: h, texRow: Int(h * shader.texelsPerM)) }
  @inline(__always) func pixel(_ c: SpriteColumn, _ r: SpriteRow) -> Int {
    let t = shader.texel(row: r.texRow, col: c.texColumn)
    return SpriteShader.pack(shader.base.y + t / 10, shader.base.u, shader.base.v)
  }
}

struct CrownRule: SpritePixelRule {
  let shader: SpriteShader
  @inline(__always) func column(s: Double) -> SpriteColumn {
    let dx = (s - 0.5) * 2
    return SpriteColumn(s: s, texColumn: fastFloor(s * shader.lengthM * shader.texelsPerM), extent: 1 - dx * dx)
  }
  @inline(__always) func row(h: Double) -> SpriteRow {
    let dy = (h - shader.crownCentre) * shader.crownInverseRadius
    return SpriteRow(h: dy * dy, texRow: Int(h * shader.texelsPerM), value: 14 * dy)
  }
  @inline(__always) func pixel(_ c: SpriteColumn, _ r: SpriteRow) -> Int {
    let t = shader.texel(row: r.texRow, col: c.texColumn)
    guard r.h <= c.extent + Double(t) * 0.005 else { return -1 }
    return SpriteShader.pack(shader.base.y + (t * 3) / 10 + Int(r.value), shader.base.u, shader.base.v)
  }
}

struct FacadeRule: SpritePixelRule {
  let shader: SpriteShader
  @inline(__always) func column(s: Double) -> SpriteColumn {
    let along = s * shader.lengthM
    let wx = along - Double(Int(along * (1 / 3.4))) * 3.4
    let window = wx > 1.0 && wx < 2.5 && along > 0.8 && along < shader.lengthM - 0.8
    return SpriteColumn(s: s, texColumn: fastFloor(along * shader.texelsPerM), zone: window ? 1 : 0)
  }
  @inline(__always) func row(h: Double) -> SpriteRow {
    SpriteRow(h: h, value: h - Double(Int(h * (1 / 3.0))) * 3.0)
  }
  /// Plain walls (texture at this distance is invisible), a darker roof line, a grid of windows.
  @inline(__always) func pixel(_ c: SpriteColumn, _ r: SpriteRow) -> Int {
    let h = r.h
    let wy = r.value
    if h > shader.h1 - 0.35 { return SpriteShader.pack(shader.base.y * 55 / 100, 128, 128) }
    if c.zone == 1 && h > 0.9 && wy > 0.9 && wy < 2.1 { return SpriteShader.pack(62 + Int(20 * (wy - 0.9)), 132, 124) }
    return SpriteShader.pack(shader.base.y - (h < 0.5 ? 12 : 0), shader.base.u, shader.base.v)
  }
}

struct CarRearRule: SpritePixelRule {
  let shader: SpriteShader
  @inline(__always) func column(s: Double) -> SpriteColumn {
    // Bit flags: 1 wheel, 2 tail light, 4 number plate, 8 rear window.
    let zone =
      (s < 0.16 || s > 0.84 ? 1 : 0) | (s < 0.2 || s > 0.8 ? 2 : 0) | (s > 0.38 && s < 0.62 ? 4 : 0)
      | (s > 0.13 && s < 0.87 ? 8 : 0)
    return SpriteColumn(s: s, zone: zone)
  }
  @inline(__always) func pixel(_ c: SpriteColumn, _ r: SpriteRow) -> Int {
    let base = shader.base
    let h = r.h
    if h < 0.3 { return c.zone & 1 != 0 ? SpriteShader.pack(26, 128, 128) : SpriteShader.pack(14, 128, 128) }
    if h < 0.52 {
      if c.zone & 4 != 0 && h > 0.34 && h < 0.48 { return SpriteShader.pack(196, 128, 128) }
      return SpriteShader.pack(base.y * 72 / 100, base.u, base.v)
    }
    if h > 0.74 && h < 0.92 && c.zone & 2 != 0 {
      return shader.brake ? SpriteShader.pack(168, 104, 215) : SpriteShader.pack(70, 112, 175)
    }
    if h > 0.98 && h < 1.36 && c.zone & 8 != 0 { return SpriteShader.pack(40 + Int(16 * (h - 0.98)), 130, 126) }
    return SpriteShader.pack(base.y, base.u, base.v)
  }
}

struct CarSideRule: SpritePixelRule {
  let shader: SpriteShader
  @inline(__always) func column(s: Double) -> SpriteColumn {
    let along = s * FrameRenderer.carLengthM
    let zone = abs(along - 0.9) < 0.34 || abs(along - 3.75) < 0.34 ? 1 : (along > 1.1 && along < 3.9 ? 2 : 0)
    return SpriteColumn(s: s, zone: zone)
  }
  @inline(__always) func pixel(_ c: SpriteColumn, _ r: SpriteRow) -> Int {
    let h = r.h
    if c.zone == 1 && h < 0.66 { return SpriteShader.pack(22, 128, 128) }
    if c.zone == 2 && h > 0.98 { return SpriteShader.pack(42, 130, 126) }
    return SpriteShader.pack(shader.base.y * 9 / 10, shader.base.u, shader.base.v)
  }
}
