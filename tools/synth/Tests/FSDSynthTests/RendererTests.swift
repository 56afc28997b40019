import XCTest

@testable import FSDSynth

final class RendererTests: XCTestCase {
  private let width = 640, height = 480

  private func render(_ renderer: SceneRenderer, _ state: FrameState) -> [UInt8] { renderer.render(state).y }

  private func meanAbsoluteDifference(_ a: [UInt8], _ b: [UInt8], rows: Range<Int>? = nil) -> Double {
    let range = rows ?? 0..<height
    var total = 0
    for r in range { for c in 0..<width { total += abs(Int(a[r * width + c]) - Int(b[r * width + c])) } }
    return Double(total) / Double(range.count * width)
  }

  private func mean(_ plane: [UInt8], rows: Range<Int>, columns: Range<Int>? = nil, stride: Int? = nil) -> Double {
    let cols = columns ?? 0..<width
    let w = stride ?? width
    var total = 0
    for r in rows { for c in cols { total += Int(plane[r * w + c]) } }
    return Double(total) / Double(rows.count * cols.count)
  }

  func testFramesHaveTextureEverywhere() throws {
    let sim = try DriveSimulation(scenario: Fixtures.cruise())
    let frame = SceneRenderer(simulation: sim, camera: .front, width: width, height: height).render(
      sim.state(frame: 100))
    // Road texture: the ground rows in the middle of the lane vary, they are not flat grey.
    var values: [Double] = []
    for r in (height * 3 / 4)..<(height * 7 / 8) {
      for c in (width * 2 / 5)..<(width * 3 / 5) { values.append(Double(frame.y[r * width + c])) }
    }
    let m = values.reduce(0, +) / Double(values.count)
    let sd = (values.map { ($0 - m) * ($0 - m) }.reduce(0, +) / Double(values.count)).squareRoot()
    XCTAssertGreaterThan(sd, 5, "asphalt must be textured")
    XCTAssertGreaterThan(m, 60)
    XCTAssertLessThan(m, 150)
    // Sky brighter than road, blue-ish; verges green-ish (U below neutral).
    XCTAssertGreaterThan(mean(frame.y, rows: 0..<(height / 8)), m + 40)
    let cw = width / 2
    XCTAssertGreaterThan(mean(frame.u, rows: 0..<(height / 16), columns: 0..<cw, stride: cw), 134)
    XCTAssertLessThan(
      mean(frame.u, rows: (height / 4 + 10)..<(height / 4 + 20), columns: (cw - 20)..<cw, stride: cw), 124)
  }

  func testConsecutiveFramesDifferAtSpeedButNotStandingStill() throws {
    var s = Fixtures.cruise(seconds: 60, kmh: 60)
    s.distractors = [.stoppedAtLight(.init(atS: 5, standS: 15))]
    let sim = try DriveSimulation(scenario: s)
    let renderer = SceneRenderer(simulation: sim, camera: .front, width: width, height: height)
    let moving = meanAbsoluteDifference(render(renderer, sim.state(frame: 36)), render(renderer, sim.state(frame: 37)))
    XCTAssertGreaterThan(moving, 2, "at 60 km/h the road must visibly move between frames")
    let light = sim.groundTruth.distractors[0]
    let standing = Int((light.startS + 2) * sim.fps)
    XCTAssertEqual(sim.state(frame: standing).speedMPS, 0)
    let still = meanAbsoluteDifference(
      render(renderer, sim.state(frame: standing)), render(renderer, sim.state(frame: standing + 1)))
    XCTAssertLessThan(still, 0.05, "standing still must give an (almost) static picture")
    // With sensor noise, standing still differs a little, much less than moving.
    var noisy = s
    noisy.sensorNoise = 1.5
    let noisySim = try DriveSimulation(scenario: noisy)
    let noisyRenderer = SceneRenderer(simulation: noisySim, camera: .front, width: width, height: height)
    let noise = meanAbsoluteDifference(
      render(noisyRenderer, noisySim.state(frame: standing)), render(noisyRenderer, noisySim.state(frame: standing + 1))
    )
    XCTAssertGreaterThan(noise, 0.3)
    XCTAssertLessThan(noise, moving / 2)
  }

  /// Shift (in rows) that best maps the row-mean profile of `a` onto `b` (positive: b is lower).
  private func verticalShift(_ a: [UInt8], _ b: [UInt8], columns: Range<Int>) -> Int {
    func profile(_ p: [UInt8]) -> [Double] { (0..<height).map { r in mean(p, rows: r..<(r + 1), columns: columns) } }
    let pa = profile(a)
    let pb = profile(b)
    var best = 0
    var bestError = Double.infinity
    for shift in -60...60 {
      var error = 0.0
      var n = 0
      for r in 60..<(height - 60) {
        error += abs(pa[r] - pb[r + shift])
        n += 1
      }
      if error / Double(n) < bestError {
        bestError = error / Double(n)
        best = shift
      }
    }
    return best
  }

  func testNoseDownPitchMovesTheSceneUp() throws {
    let sim = try DriveSimulation(scenario: Fixtures.cruise())
    let renderer = SceneRenderer(simulation: sim, camera: .front, width: width, height: height)
    var level = sim.state(frame: 50)
    level.vehicles = []
    var dipped = level
    dipped.pitchDeg = 1.5
    let f = Double(width) / 2 / tan(55.0 / 2 * .pi / 180)
    let expected = -f * tan(1.5 * .pi / 180)  // about -9.4 rows at 640x480
    // Camera pitched nose-down looks more at the road: the horizon and everything else move up.
    let shift = verticalShift(render(renderer, level), render(renderer, dipped), columns: 0..<width)
    XCTAssertEqual(Double(shift), expected, accuracy: 2)
    XCTAssertLessThan(shift, 0)
    // The real thing: under a 0.45 g brake the scene moves up by ~2.5°/g × 0.45 g.
    let brake = try DriveSimulation(scenario: Fixtures.phantomBrake(peakG: 0.45))
    let peak = brake.groundTruth.events[0].peakFrame
    let braking = SceneRenderer(simulation: brake, camera: .front, width: width, height: height)
    let before = brake.state(frame: peak - 100)
    let during = brake.state(frame: peak)
    XCTAssertEqual(during.pitchDeg, 2.5 * 0.45, accuracy: 0.03)
    XCTAssertLessThan(verticalShift(render(braking, before), render(braking, during), columns: 0..<width), -4)
  }

  func testSwerveShiftsLaneMarkingsSideways() throws {
    let sim = try DriveSimulation(scenario: Fixtures.swerve(offsetM: 1.2))
    let renderer = SceneRenderer(simulation: sim, camera: .front, width: width, height: height)
    var before = sim.state(frame: Int(7 * sim.fps))
    before.vehicles = []
    // The same instant, 1.2 m further left (what the swerve does at its peak, where yaw is back to 0).
    var left = before
    left.lateralOffsetM = 1.2
    let peak = sim.state(frame: Int(9.2 * sim.fps))
    XCTAssertEqual(peak.lateralOffsetM, 1.2, accuracy: 0.05)
    XCTAssertEqual(peak.roadYawDeg, 0, accuracy: 0.3)
    let a = render(renderer, before)
    let b = render(renderer, left)
    var frame = FrameRenderer(
      storage: renderer.storage, state: before, y: UnsafeMutablePointer<UInt8>.allocate(capacity: 1),
      yStride: width, u: UnsafeMutablePointer<UInt8>.allocate(capacity: 1),
      v: UnsafeMutablePointer<UInt8>.allocate(capacity: 1), uvStride: width / 2)
    frame.computeRows()
    let rows = [15.0, 30.0].map { d in (0..<height).first { frame.rows[$0].ground && frame.rows[$0].distance < d }! }
    for r in rows {
      // Best horizontal shift of this road row (lane lines, edges, texture).
      var best = 0
      var bestError = Double.infinity
      for shift in -100...100 {
        var error = 0
        var n = 0
        for c in 120..<(width - 120) {
          error += abs(Int(a[r * width + c]) - Int(b[r * width + c + shift]))
          n += 1
        }
        if Double(error) / Double(n) < bestError {
          bestError = Double(error) / Double(n)
          best = shift
        }
      }
      let f = Double(width) / 2 / tan(55.0 / 2 * .pi / 180)
      let expected = f * 1.2 / frame.rows[r].distance
      XCTAssertEqual(
        Double(best), expected, accuracy: max(2, 0.1 * expected), "row \(r): moving left moves the road right")
      XCTAssertGreaterThan(best, 5)
    }
    // The real swerve frames differ strongly in the road half.
    var during = peak
    during.vehicles = []
    XCTAssertGreaterThan(meanAbsoluteDifference(a, render(renderer, during), rows: (height / 2)..<height), 5)
  }

  func testTunnelLowersMeanLuma() throws {
    var s = Fixtures.cruise(seconds: 20)
    s.distractors = [.tunnel(.init(atS: 5, durationS: 5, brightness: 0.4, transitionS: 0.3))]
    let sim = try DriveSimulation(scenario: s)
    let renderer = SceneRenderer(simulation: sim, camera: .front, width: width, height: height)
    let outside = mean(render(renderer, sim.state(frame: Int(4 * sim.fps))), rows: 0..<height)
    let inside = mean(render(renderer, sim.state(frame: Int(7 * sim.fps))), rows: 0..<height)
    XCTAssertLessThan(inside, 0.5 * outside)
    XCTAssertGreaterThan(inside, 0.3 * outside)
  }

  func testShadowBandDarkensTheRoadWhereItLies() throws {
    var s = Fixtures.cruise(seconds: 20)
    s.distractors = [.shadowBand(.init(atS: 10, count: 1, lengthM: 8, darkness: 0.5, style: .overpass))]
    let sim = try DriveSimulation(scenario: s)
    XCTAssertEqual(sim.world.shadows.count, 1)
    var clear = sim.world
    clear.shadows = []
    let shaded = SceneRenderer(world: sim.world, camera: .front, width: width, height: height)
    let plain = SceneRenderer(world: clear, camera: .front, width: width, height: height)
    // One second before the car reaches it, the band lies ~28-36 m ahead.
    var state = sim.state(frame: Int(9 * sim.fps))
    state.vehicles = []
    let a = render(plain, state)
    let b = render(shaded, state)
    let storage = shaded.storage
    var frame = FrameRenderer(
      storage: storage, state: state, y: UnsafeMutablePointer<UInt8>.allocate(capacity: 1), yStride: width,
      u: UnsafeMutablePointer<UInt8>.allocate(capacity: 1), v: UnsafeMutablePointer<UInt8>.allocate(capacity: 1),
      uvStride: width / 2)
    frame.computeRows()
    let band = sim.world.shadows[0]
    var inside: [Int] = []
    var outside: [Int] = []
    for r in 0..<height where frame.rows[r].ground {
      let u = frame.rows[r].u0 + frame.rows[r].du * Double(width / 2)
      if u > band.startM + 1 && u < band.endM - 1 { inside.append(r) }
      if u < band.startM - 3 || u > band.endM + 3 { outside.append(r) }
    }
    XCTAssertFalse(inside.isEmpty)
    for r in inside {
      let ratio = mean(b, rows: r..<(r + 1)) / mean(a, rows: r..<(r + 1))
      XCTAssertEqual(ratio, 0.5, accuracy: 0.06, "row \(r)")
    }
    for r in outside {
      XCTAssertEqual(mean(b, rows: r..<(r + 1)), mean(a, rows: r..<(r + 1)), accuracy: 0.01, "row \(r)")
    }
  }

  func testSeedReproducesAndChangesTheTexture() throws {
    let one = try DriveSimulation(scenario: Fixtures.cruise(seed: 1))
    let two = try DriveSimulation(scenario: Fixtures.cruise(seed: 2))
    let state = one.state(frame: 40)
    let a = render(SceneRenderer(simulation: one, camera: .front, width: width, height: height), state)
    let again = render(SceneRenderer(simulation: one, camera: .front, width: width, height: height), state)
    let b = render(SceneRenderer(simulation: two, camera: .front, width: width, height: height), state)
    XCTAssertEqual(a, again)
    XCTAssertGreaterThan(meanAbsoluteDifference(a, b, rows: (height * 3 / 4)..<height), 3)
  }

  func testEveryCameraRendersValidFramesThatMoveWithSpeed() throws {
    let sim = try DriveSimulation(scenario: Fixtures.cruise(seconds: 10, kmh: 80))
    for camera in CameraName.allCases {
      // Odd sizes and padded strides must work; padding stays untouched.
      let w = 321
      let h = 241
      let stride = 336
      let cw = (w + 1) / 2
      let ch = (h + 1) / 2
      let cstride = 176
      let renderer = SceneRenderer(simulation: sim, camera: camera, width: w, height: h)
      var planes: [[UInt8]] = []
      for frame in [100, 101] {
        var y = [UInt8](repeating: 7, count: stride * h)
        var u = [UInt8](repeating: 7, count: cstride * ch)
        var v = u
        y.withUnsafeMutableBufferPointer { yp in
          u.withUnsafeMutableBufferPointer { up in
            v.withUnsafeMutableBufferPointer { vp in
              renderer.render(
                sim.state(frame: frame), y: yp.baseAddress!, yStride: stride, u: up.baseAddress!, v: vp.baseAddress!,
                uvStride: cstride)
            }
          }
        }
        for r in 0..<h {
          XCTAssertTrue(y[(r * stride + w)..<((r + 1) * stride)].allSatisfy { $0 == 7 }, "\(camera) luma padding")
        }
        for r in 0..<ch {
          XCTAssertTrue(u[(r * cstride + cw)..<((r + 1) * cstride)].allSatisfy { $0 == 7 }, "\(camera) chroma padding")
          XCTAssertFalse(u[(r * cstride)..<(r * cstride + cw)].contains(7), "\(camera) chroma row \(r) written")
        }
        planes.append(y)
      }
      var difference = 0
      for i in planes[0].indices { difference += abs(Int(planes[0][i]) - Int(planes[1][i])) }
      XCTAssertGreaterThan(Double(difference) / Double(w * h), 1, "\(camera) must change between frames at speed")
    }
  }

  /// Frames to look at: /tmp/synth-frames/*.pgm (luma) and *.png (colour).
  func testWriteFramesToLookAt() throws {
    var s = Fixtures.cruise(seconds: 60, kmh: 100)
    s.road = RoadLayout(lanes: 3, egoLane: 2)
    s.events = [
      .fsdBrake(.init(atS: 10, peakG: 0.45, durationS: 2, verdict: .justified, obstacle: Obstacle(kind: .leadVehicle))),
      .swerve(
        .init(
          atS: 20, lateralOffsetM: -1.3, durationS: 2.4, verdict: .justified,
          obstacle: Obstacle(kind: .cutIn, side: .left))),
    ]
    s.distractors = [
      .shadowBand(.init(atS: 31, count: 3, lengthM: 6, spacingM: 13, style: .trees)),
      .shadowBand(.init(atS: 36, count: 1, lengthM: 9, darkness: 0.55, style: .overpass)),
      .tunnel(.init(atS: 42, durationS: 5, brightness: 0.4, transitionS: 0.3)),
      .roadPatch(.init(atS: 51, count: 3)),
    ]
    let sim = try DriveSimulation(scenario: s)
    let w = 1280
    let h = 960
    let front = SceneRenderer(simulation: sim, camera: .front, width: w, height: h)
    let shots: [(String, Double)] = [
      ("front-speed", 5), ("front-brake", 10.9), ("front-cutin", 19.6), ("front-swerve", 21.2),
      ("front-shadow-trees", 30.3), ("front-shadow-overpass", 35.2), ("front-tunnel", 44),
      ("front-patches", 50),
    ]
    for (name, t) in shots {
      let frame = front.render(sim.state(frame: Int(t * sim.fps)))
      try FrameImages.writePGM(name, luma: frame.y, width: w, height: h)
      try FrameImages.writePNG(name, y: frame.y, u: frame.u, v: frame.v, width: w, height: h)
    }
    for camera in CameraName.allCases where camera != .front {
      let frame = SceneRenderer(simulation: sim, camera: camera, width: w, height: h).render(
        sim.state(frame: Int(19 * sim.fps)))
      try FrameImages.writePGM(camera.rawValue, luma: frame.y, width: w, height: h)
      try FrameImages.writePNG(camera.rawValue, y: frame.y, u: frame.u, v: frame.v, width: w, height: h)
    }
  }
}
