import Foundation

/// The sky, clouds and the distant tree line as a 360° panorama at half the camera's angular
/// resolution. They are effectively at infinity: only yaw and pitch move them, never distance.
final class SkyPanorama: @unchecked Sendable {
  let log2Width: Int
  let height: Int
  /// Panorama pixels per radian.
  let pixelsPerRadian: Double
  /// Elevation of the bottom row, radians (below the horizon: distant hazy ground).
  let minElevation: Double
  let y: ByteBuffer
  let u: ByteBuffer
  let v: ByteBuffer

  static let hazeLuma = 158.0
  static let hazeChroma = (u: 130.0, v: 126.0)

  init(focalPx: Double, maxElevation: Double, assets: SceneAssets, seed: UInt64) {
    var log2 = 10
    while (1 << log2) < Int(Double.pi * focalPx) && log2 < 13 { log2 += 1 }
    log2Width = log2
    let width = 1 << log2
    pixelsPerRadian = Double(width) / (2 * .pi)
    minElevation = -3 * .pi / 180
    height = max(8, Int(((maxElevation - minElevation) * pixelsPerRadian).rounded(.up)) + 2)
    y = ByteBuffer(count: width * height)
    u = ByteBuffer(count: width * height)
    v = ByteBuffer(count: width * height)

    // Tree line / hills: height above the horizon as smooth noise over azimuth.
    var rng = SeededRandom(seed: SeededRandom.hash(seed, 0x5111))
    let knots = 96
    let ridge = (0..<knots).map { _ in rng.unit() }
    let hills = (0..<12).map { _ in rng.unit() }
    func ridgeHeight(_ az: Double) -> Double {
      func sample(_ values: [Double], _ x: Double) -> Double {
        let n = values.count
        let p = x * Double(n)
        let i = Int(p.rounded(.down))
        let f = p - Double(i)
        let a = values[((i % n) + n) % n]
        let b = values[(((i + 1) % n) + n) % n]
        return a + (b - a) * Profiles.cosineStep(f)
      }
      let x = az / (2 * .pi)
      let degrees = 0.35 + 1.1 * sample(ridge, x) + 2.2 * max(0, sample(hills, x) - 0.45)
      return degrees * .pi / 180
    }
    let coarse = assets.coarse
    let blurred = coarse.level(2, 2)
    let ridgeByColumn = (0..<width).map { ridgeHeight(Double($0) / (Double(width) / (2 * .pi))) }
    for row in 0..<height {
      let elevation = minElevation + (Double(height - 1 - row) + 0.5) / pixelsPerRadian
      let sky = max(elevation, 0)
      let skyLuma = 212 - 70 * pow(min(sky / (50 * .pi / 180), 1), 0.75)
      let blue = min(sky / (25 * .pi / 180), 1)
      for col in 0..<width {
        let az = Double(col) / pixelsPerRadian
        var luma: Double
        var cu: Double
        var cv: Double
        if elevation < 0 {
          luma = Self.hazeLuma
          cu = Self.hazeChroma.u
          cv = Self.hazeChroma.v
        } else if elevation < ridgeByColumn[col] {
          // Distant trees, half lost in haze: darker, a little texture, greenish.
          let t = Double(coarse.texel(row: row * 3, col: col * 2)) - 128
          luma = 112 + 0.18 * t - 30 * (elevation / max(ridgeByColumn[col], 1e-6))
          cu = 121
          cv = 123
        } else {
          luma = skyLuma
          cu = 128 + 20 * blue
          cv = 128 - 12 * blue
          // Clouds on a layer at 1 km: plane projection gives the familiar perspective squeeze.
          let e = max(elevation, 0.6 * .pi / 180)
          let range = 1000 / tan(e)
          let px = range * cos(az) / 90
          let py = range * sin(az) / 90
          let density = Self.bilinear(blurred, px, py)
          let cloud = min(max((density - 132) / 22, 0), 1) * min(1, e / (9 * .pi / 180))
          luma += (236 - luma) * cloud
          cu += (128 - cu) * cloud
          cv += (128 - cv) * cloud
        }
        let index = row * width + col
        y.pointer[index] = UInt8(min(max(luma, 0), 255))
        u.pointer[index] = UInt8(min(max(cu, 0), 255))
        v.pointer[index] = UInt8(min(max(cv, 0), 255))
      }
    }
  }

  /// Bilinear sample of a rip-map level (wrapping), for smooth clouds.
  static func bilinear(_ level: RipMap.Level, _ x: Double, _ y: Double) -> Double {
    let x0 = Int(x.rounded(.down))
    let y0 = Int(y.rounded(.down))
    let fx = x - Double(x0)
    let fy = y - Double(y0)
    func at(_ r: Int, _ c: Int) -> Double {
      Double(level.pixels[((r & level.rowMask) << level.log2Cols) | (c & level.colMask)])
    }
    let top = at(y0, x0) + (at(y0, x0 + 1) - at(y0, x0)) * fx
    let bottom = at(y0 + 1, x0) + (at(y0 + 1, x0 + 1) - at(y0 + 1, x0)) * fx
    return top + (bottom - top) * fy
  }

  /// Panorama row of an elevation (radians), clamped.
  @inline(__always)
  func row(elevation: Double) -> Int {
    let r = height - 1 - Int(((elevation - minElevation) * pixelsPerRadian).rounded(.down))
    return min(max(r, 0), height - 1)
  }
}
