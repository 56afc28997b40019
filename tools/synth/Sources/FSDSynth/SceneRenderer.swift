import Foundation

/// Renders one camera's view of a simulated drive into 8-bit YUV 4:2:0 planes.
///
/// The front camera gets the full scene: sky and clouds, a distant tree line, textured asphalt that
/// streams toward the camera with the distance driven, lane markings, shoulders and verges,
/// roadside posts, trees and buildings with parallax, other cars with shadows, the distractors'
/// shadow bands and road patches, and the hood. The camera moves with the kinematics: forward by
/// distance, sideways and yawed in swerves, pitched nose-down under braking (the scene moves up)
/// and in bumps. The other cameras use the same world with their own pose and field of view.
///
/// Cost: per-row precomputation (each ground row is one distance; world position is linear in
/// the column), fixed-point texture walks with wrapping masks, and panorama copies for the sky.
public struct SceneRenderer: Sendable {
  public let camera: CameraName
  public let width: Int
  public let height: Int
  let storage: RendererStorage

  /// - Precondition: the scenario is valid (`DriveSimulation(scenario:)` succeeds); the world
  ///   layout (where shadows and patches lie) comes from simulating it.
  public init(scenario: Scenario, camera: CameraName, width: Int, height: Int) {
    do {
      let simulation = try DriveSimulation(scenario: scenario)
      self.init(simulation: simulation, camera: camera, width: width, height: height)
    } catch {
      preconditionFailure("SceneRenderer needs a valid scenario: \(error)")
    }
  }

  /// Uses an existing simulation's world layout (no second simulation).
  public init(simulation: DriveSimulation, camera: CameraName, width: Int, height: Int) {
    self.init(world: simulation.world, camera: camera, width: width, height: height)
  }

  /// A renderer for a world layout (roads, shadows, patches, seed).
  public init(world: WorldLayout, camera: CameraName, width: Int, height: Int) {
    precondition(width >= 16 && height >= 16, "frame too small: \(width)x\(height)")
    self.camera = camera
    self.width = width
    self.height = height
    storage = RendererStorage(world: world, rig: CameraRig.rig(for: camera), width: width, height: height)
  }

  /// Writes one frame into 8-bit planes: Y is width x height, U and V are (width+1)/2 x (height+1)/2,
  /// each with its own stride in bytes.
  public func render(
    _ state: FrameState, y: UnsafeMutablePointer<UInt8>, yStride: Int, u: UnsafeMutablePointer<UInt8>,
    v: UnsafeMutablePointer<UInt8>, uvStride: Int
  ) {
    precondition(yStride >= width && uvStride >= (width + 1) / 2, "stride smaller than the width")
    var frame = FrameRenderer(storage: storage, state: state, y: y, yStride: yStride, u: u, v: v, uvStride: uvStride)
    frame.run()
  }

  /// Convenience for tests and thumbnails: renders into fresh tightly packed planes.
  public func render(_ state: FrameState) -> (y: [UInt8], u: [UInt8], v: [UInt8]) {
    let cw = (width + 1) / 2
    let ch = (height + 1) / 2
    var y = [UInt8](repeating: 0, count: width * height)
    var u = [UInt8](repeating: 128, count: cw * ch)
    var v = [UInt8](repeating: 128, count: cw * ch)
    y.withUnsafeMutableBufferPointer { yp in
      u.withUnsafeMutableBufferPointer { up in
        v.withUnsafeMutableBufferPointer { vp in
          render(state, y: yp.baseAddress!, yStride: width, u: up.baseAddress!, v: vp.baseAddress!, uvStride: cw)
        }
      }
    }
    return (y, u, v)
  }
}

/// Everything precomputed for one camera: textures, panorama, geometry tables, body mask.
final class RendererStorage: @unchecked Sendable {
  let world: WorldLayout
  let rig: CameraRig
  let width: Int
  let height: Int
  let focalPx: Double
  let cx: Double
  let cy: Double
  let assets: SceneAssets
  let sky: SkyPanorama
  /// atan(x_n) of each column in panorama pixels.
  let columnAzimuth: [Int]
  let crossSection: CrossSection
  /// Static luma LUT per material: texel → luma (before haze and brightness).
  let materialLuma: [Double]
  /// Body mask: per row the covered column span and a luma per pixel (255 = not covered).
  let bodyStart: [Int]
  let bodyEnd: [Int]
  let bodyLuma: ByteBuffer
  /// Sensor noise table (signed), empty when the scenario has none.
  let noise: [Int8]
  /// Lateral jitter of dappled shadow edges, metres, over 20.48 m of w.
  let shadowJitter: [Double]
  let groundLUTs = GroundLUTCache()

  init(world: WorldLayout, rig: CameraRig, width: Int, height: Int) {
    self.world = world
    self.rig = rig
    self.width = width
    self.height = height
    focalPx = Double(width) / 2 / tan(rig.horizontalFOVDeg / 2 * .pi / 180)
    cx = Double(width) / 2
    cy = Double(height) / 2
    assets = SceneAssets.shared(seed: world.seed)
    let topElevation = atan(cy / focalPx) + abs(rig.tiltDeg) * .pi / 180 + 8 * .pi / 180
    sky = SkyPanorama(
      focalPx: focalPx, maxElevation: min(topElevation, 89 * .pi / 180), assets: assets, seed: world.seed)
    let focal = focalPx
    let center = cx
    let binaryAnglesPerRadian = Double(1 << 30) / (2 * Double.pi)
    var azimuths: [Int] = []
    for c in 0..<width {
      let xn: Double = (Double(c) + 0.5 - center) / focal
      azimuths.append(Int((atan(xn) * binaryAnglesPerRadian).rounded()))
    }
    columnAzimuth = azimuths
    crossSection = CrossSection(road: world.road)
    var luma: [Double] = []
    for material in Material.allCases { for t in 0..<256 { luma.append(material.luma(texel: t)) } }
    materialLuma = luma

    var start = [Int](repeating: 0, count: height)
    var end = [Int](repeating: 0, count: height)
    let body = ByteBuffer(count: width * height, value: 255)
    Self.drawBody(rig.body, width: width, height: height, start: &start, end: &end, luma: body.pointer)
    bodyStart = start
    bodyEnd = end
    bodyLuma = body

    if world.sensorNoise > 0 {
      var rng = SeededRandom(seed: SeededRandom.hash(world.seed, 0x7015E))
      noise = (0..<65536).map { _ in Int8(min(max((rng.gaussian() * world.sensorNoise).rounded(), -127), 127)) }
    } else {
      noise = []
    }
    var rng = SeededRandom(seed: SeededRandom.hash(world.seed, 0x5AD0))
    let knots = (0..<64).map { _ in rng.unit() * 2 - 1 }
    shadowJitter = (0..<1024).map { i in
      let x = Double(i) / 1024 * 64
      let k = Int(x)
      let f = x - Double(k)
      let a = knots[k % 64]
      let b = knots[(k + 1) % 64]
      return 1.3 * (a + (b - a) * Profiles.cosineStep(f))
    }
  }

  /// The car's own body, fixed in the picture: the hood, the rear bumper, the flank seen by a
  /// repeater. It never moves, so it is a good test that the vision core ignores static regions.
  static func drawBody(
    _ body: CameraRig.Body, width: Int, height: Int, start: inout [Int], end: inout [Int],
    luma: UnsafeMutablePointer<UInt8>
  ) {
    let w = Double(width)
    let h = Double(height)
    for r in 0..<height {
      let y = (Double(r) + 0.5) / h
      var a = 0
      var b = 0
      for c in 0..<width {
        let x = (Double(c) + 0.5) / w
        var value: Double?
        switch body {
        case .hood:
          let xn = 2 * x - 1
          let top = 1 - 0.075 * (1 - 0.6 * xn * xn)
          if y >= top {
            let depth = (y - top) / 0.075
            value = 46 - 26 * depth + (depth < 0.12 ? 40 * (1 - depth / 0.12) : 0)
          }
        case .bumper:
          let xn = 2 * x - 1
          let top = 1 - 0.09 * (1 - 0.35 * xn * xn)
          if y >= top { value = 34 - 14 * (y - top) / 0.09 }
        case .flankOnRight, .flankOnLeft:
          let xm = body == .flankOnRight ? x : 1 - x
          let edge = 0.86 - 0.16 * y
          if xm >= edge { value = 118 + 60 * (xm - edge) - 40 * y }
        case .none:
          break
        }
        if let value {
          if b == 0 { a = c }
          b = c + 1
          luma[r * width + c] = UInt8(min(max(value, 0), 254))
        }
      }
      start[r] = a
      end[r] = b
    }
  }
}
