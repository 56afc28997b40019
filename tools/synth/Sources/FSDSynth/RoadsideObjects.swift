import Foundation

/// A vertical rectangle standing on the road plane between two ground points: a post, a trunk, a
/// tree crown (facing the camera), a building face, a car face.
struct Sprite {
  enum Kind {
    case post
    case trunk
    case crown(seed: Int)
    case facade(tone: Int)
    case carRear(paint: Int, brakeLights: Bool)
    case carSide(paint: Int)
  }
  var u1: Double, w1: Double, u2: Double, w2: Double
  var h0: Double, h1: Double
  var kind: Kind
  var depth = 0.0
}

enum CarPaint {
  static let palette: [(y: Double, u: Double, v: Double)] = [
    (205, 128, 128), (52, 128, 128), (140, 129, 127), (86, 112, 176), (72, 162, 114), (118, 122, 133),
  ]
}

extension FrameRenderer {
  static let carWidthM = 1.88
  static let carLengthM = 4.7
  static let carHeightM = 1.44

  mutating func drawSprites() {
    var sprites = roadsideSprites()
    for vehicle in state.vehicles { sprites += carSprites(vehicle) }
    for vehicle in state.vehicles { drawCarShadow(vehicle) }
    for k in sprites.indices {
      let midU = (sprites[k].u1 + sprites[k].u2) / 2 - camU
      let midW = (sprites[k].w1 + sprites[k].w2) / 2 - camW
      sprites[k].depth = midU * fu + midW * fw
    }
    sprites.sort { $0.depth > $1.depth }
    let luts = SpriteLUTs(brightness: brightness)
    for sprite in sprites where sprite.depth > -6 { draw(sprite, luts: luts) }
  }

  // MARK: The world beside the road

  /// Posts, trees and buildings near the camera, placed by hashing (seed, kind, cell) so any stretch
  /// of road is generated on demand and identically for every camera.
  func roadsideSprites() -> [Sprite] {
    let road = s.world.road
    let seed = s.world.seed
    let rightVerge = road.rightEdgeW - max(road.shoulderM, 0.3)
    let leftVerge = road.leftEdgeW + 1.2
    let rural = road.scenery == .rural
    let from = camU - 260
    let to = camU + 320
    var sprites: [Sprite] = []

    // Delineator posts every 50 m on both sides.
    for cell in Int((from / 50).rounded(.down))...Int((to / 50).rounded(.up)) {
      let u = Double(cell) * 50
      for w in [rightVerge - 0.6, leftVerge + 0.5] {
        sprites.append(billboard(u: u, w: w, halfWidth: 0.06, h0: 0, h1: 1.15, kind: .post))
      }
    }
    // Trees in 10 m cells.
    for cell in Int((from / 10).rounded(.down))...Int((to / 10).rounded(.up)) {
      for side in [-1.0, 1.0] {
        let h = SeededRandom.hash(seed, 11, UInt64(bitPattern: Int64(cell)), side > 0 ? 1 : 2)
        var rng = SeededRandom(seed: h)
        guard rng.unit() < (rural ? 0.6 : 0.35) else { continue }
        let u = Double(cell) * 10 + rng.unit() * 10
        let offset = 4 + pow(rng.unit(), 1.6) * 34
        let w = side > 0 ? leftVerge + offset : rightVerge - offset
        let height = 6 + rng.unit() * 8
        let radius = 1.6 + rng.unit() * 2.4
        let crownBottom = max(1.6, height - 2 * radius)
        sprites.append(billboard(u: u, w: w, halfWidth: 0.18, h0: 0, h1: crownBottom + 0.5, kind: .trunk))
        sprites.append(
          billboard(u: u, w: w, halfWidth: radius, h0: crownBottom, h1: height, kind: .crown(seed: Int(h & 0xFFFF))))
      }
    }
    // Buildings in 40 m cells: a face along the road and the end facing the traffic.
    for cell in Int((from / 40).rounded(.down))...Int((to / 40).rounded(.up)) {
      for side in [-1.0, 1.0] {
        var rng = SeededRandom(seed: SeededRandom.hash(seed, 23, UInt64(bitPattern: Int64(cell)), side > 0 ? 1 : 2))
        guard rng.unit() < (rural ? 0.12 : 0.5) else { continue }
        let u0 = Double(cell) * 40 + rng.unit() * 12
        let length = 10 + rng.unit() * 16
        let depth = 8 + rng.unit() * 10
        let height = 4 + rng.unit() * 9
        let near = 14 + rng.unit() * 26
        let wNear = side > 0 ? leftVerge + near : rightVerge - near
        let wFar = wNear + side * depth
        let tone = Int(rng.next() % 5)
        sprites.append(
          Sprite(
            u1: u0, w1: wNear, u2: u0 + length, w2: wNear, h0: 0, h1: height,
            kind: .facade(tone: tone)))
        // The end wall facing the camera (for a camera looking backward, the other end).
        let endU = fu >= 0 ? u0 : u0 + length
        sprites.append(Sprite(u1: endU, w1: wNear, u2: endU, w2: wFar, h0: 0, h1: height, kind: .facade(tone: tone)))
      }
    }
    return sprites
  }

  /// A flat sprite facing the camera.
  func billboard(u: Double, w: Double, halfWidth: Double, h0: Double, h1: Double, kind: Sprite.Kind) -> Sprite {
    Sprite(
      u1: u - halfWidth * ru, w1: w - halfWidth * rw, u2: u + halfWidth * ru, w2: w + halfWidth * rw, h0: h0, h1: h1,
      kind: kind)
  }

  // MARK: Cars

  func carSprites(_ car: VehicleState) -> [Sprite] {
    let half = Self.carWidthM / 2
    var sprites: [Sprite] = []
    let rear = car.roadM
    let front = car.roadM + Self.carLengthM
    // The side facing the camera, if the camera is beside the car's width.
    if camW < car.lateralM - half {
      sprites.append(
        Sprite(
          u1: rear, w1: car.lateralM - half, u2: front, w2: car.lateralM - half, h0: 0.12, h1: Self.carHeightM - 0.05,
          kind: .carSide(paint: car.paint)))
    } else if camW > car.lateralM + half {
      sprites.append(
        Sprite(
          u1: front, w1: car.lateralM + half, u2: rear, w2: car.lateralM + half, h0: 0.12, h1: Self.carHeightM - 0.05,
          kind: .carSide(paint: car.paint)))
    }
    // Rear face seen from behind, front face seen from ahead (rear cameras).
    let faceU = camU < rear ? rear : front
    var face = Sprite(
      u1: faceU, w1: car.lateralM + half, u2: faceU, w2: car.lateralM - half, h0: 0, h1: Self.carHeightM,
      kind: .carRear(paint: car.paint, brakeLights: car.brakeLights && camU < rear))
    if camU >= rear { swap(&face.w1, &face.w2) }
    sprites.append(face)
    return sprites
  }

  /// The dark patch of road under and around a car.
  func drawCarShadow(_ car: VehicleState) {
    let u0 = car.roadM - 0.35
    let u1 = car.roadM + Self.carLengthM + 0.2
    let wLow = car.lateralM - Self.carWidthM / 2 - 0.12
    let wHigh = car.lateralM + Self.carWidthM / 2 + 0.12
    for r in 0..<height where rows[r].ground {
      let row = rows[r]
      let range = rowURange(row)
      guard range.high >= u0 && range.low <= u1, let cols = columns(forW: wLow, wHigh, row) else { continue }
      let dst = y + r * yStride
      let from = Int(cols.start)
      let to = min(width, Int(cols.end.rounded(.up)))
      for c in from..<to {
        let coverageW = min(cols.end, Double(c + 1)) - max(cols.start, Double(c))
        let coverage = coverageW * intervalCoverage(row.u0 + Double(c) * row.du, footprint: row.footprintU, u0, u1)
        guard coverage > 0 else { continue }
        dst[c] = UInt8(Int(Double(dst[c]) * (1 - 0.62 * coverage) + 0.5))
      }
    }
  }
}
