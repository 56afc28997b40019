import XCTest
@testable import FSDMotion

/// The ego-motion estimator on pictures with a known motion: a smooth random scene moved by a
/// known number of pixels between frames, a global brightness change with no motion, and the
/// SIMD and scalar kernel sets giving the same series.
final class EgoMotionEstimatorTests: XCTestCase {
  /// A smooth random texture (sums of blurred noise) far larger than the frame, so a frame can
  /// be cut from it at any offset.
  struct Scene {
    let width = 1600, height = 1200
    var pixels: [UInt8]
    init(seed: UInt64) {
      var generator = SeededGenerator(seed: seed)
      var noise = (0..<(1600 * 1200)).map { _ in Float.random(in: 0...1, using: &generator) }
      // Box blur, twice, in both directions: features of 10–20 px, like trees and clouds.
      for _ in 0..<2 {
        for y in 0..<1200 {
          var run: Float = 0
          var row = [Float](repeating: 0, count: 1600)
          for x in 0..<1600 {
            run += noise[y * 1600 + x] - (x >= 12 ? noise[y * 1600 + x - 12] : 0)
            row[x] = run / 12
          }
          for x in 0..<1600 { noise[y * 1600 + x] = row[x] }
        }
        for x in 0..<1600 {
          var run: Float = 0
          var column = [Float](repeating: 0, count: 1200)
          for y in 0..<1200 {
            run += noise[y * 1600 + x] - (y >= 12 ? noise[(y - 12) * 1600 + x] : 0)
            column[y] = run / 12
          }
          for y in 0..<1200 { noise[y * 1600 + x] = column[y] }
        }
      }
      let low = noise.min()!, high = noise.max()!
      pixels = noise.map { UInt8(max(0, min(255, 20 + 215 * ($0 - low) / (high - low)))) }
    }

    /// A 1280x960 frame whose top-left corner is at (x, y) of the scene, brightness scaled.
    func frame(x: Int, y: Int, gain: Float = 1) -> RandomPlane {
      var plane = RandomPlane(constant: 0, width: 1280, height: 960)
      for row in 0..<960 {
        for column in 0..<1280 {
          plane.bytes[row * 1280 + column] = UInt8(min(255, Float(pixels[(row + y) * width + column + x]) * gain))
        }
      }
      return plane
    }
  }

  static let scene = Scene(seed: 11)

  func testAGlobalShiftIsMeasuredInFullResolutionPixels() {
    // The frame window moves 8 px left and 4 px down over the scene each frame: the picture's
    // content moves 8 px right (+dx) and 4 px up (−dy).
    let estimator = EgoMotionEstimator(width: 1280, height: 960)
    var measured: [FrameMotion] = []
    for step in 0..<6 {
      let frame = Self.scene.frame(x: 120 - 8 * step, y: 60 + 4 * step)
      measured.append(frame.withView { estimator.add($0) })
    }
    XCTAssertEqual(measured[0].confidence, 0, "the first frame has nothing to compare with")
    for motion in measured.dropFirst() {
      XCTAssertEqual(motion.dxPixels, 8, accuracy: 1.0)
      XCTAssertEqual(motion.dyPixels, -4, accuracy: 1.0)
      XCTAssertEqual(motion.expansionPerMille, 0, accuracy: 2, "a pure shift is no expansion")
      XCTAssertGreaterThan(motion.confidence, 0.5)
    }
  }

  func testABrightnessChangeIsNoMotion() {
    // A tunnel entrance: the same picture at 45 % brightness.
    let estimator = EgoMotionEstimator(width: 1280, height: 960)
    let bright = Self.scene.frame(x: 100, y: 100), dark = Self.scene.frame(x: 100, y: 100, gain: 0.45)
    let first = bright.withView { estimator.add($0) }
    let second = dark.withView { estimator.add($0) }
    XCTAssertEqual(second.dxPixels, 0, accuracy: 0.5)
    XCTAssertEqual(second.dyPixels, 0, accuracy: 0.5)
    XCTAssertLessThan(second.brightness, first.brightness * 0.5)
    XCTAssertGreaterThan(second.confidence, 0.5, "a brightness step is not a change the shifts cannot explain")
  }

  func testSIMDAndScalarKernelsGiveTheSameSeries() {
    var simd = MotionAnalyzer(kernels: .simd, fullResolutionMAFD: false)
    var scalar = MotionAnalyzer(kernels: .scalar, fullResolutionMAFD: false)
    var previous: RandomPlane?
    for step in 0..<4 {
      let frame = Self.scene.frame(x: 50 + 3 * step, y: 80 - 2 * step)
      frame.withView { view in
        if let previous {
          previous.withView { before in
            simd.add(frame: view, previous: before, ptsSeconds: Double(step))
            scalar.add(frame: view, previous: before, ptsSeconds: Double(step))
          }
        } else {
          simd.add(frame: view, previous: nil, ptsSeconds: 0)
          scalar.add(frame: view, previous: nil, ptsSeconds: 0)
        }
      }
      previous = frame
    }
    XCTAssertEqual(simd.series.mafd, scalar.series.mafd)
    XCTAssertEqual(simd.series.brightness, scalar.series.brightness)
    for (a, b) in zip(simd.series.dx + simd.series.dy, scalar.series.dx + scalar.series.dy) {
      XCTAssertEqual(a, b, accuracy: 1e-3)
    }
    XCTAssertGreaterThan(simd.series.mafd[1], 0)
  }

  func testGeometryIsComputedOncePerStreamAndScalesWithTheFrame() {
    let hw3 = MotionGeometry(sourceWidth: 1280, sourceHeight: 960)
    XCTAssertEqual(hw3.width, 320)
    XCTAssertEqual(hw3.height, 240)
    XCTAssertGreaterThanOrEqual(hw3.blocks.count, 100, "a grid over the whole picture")
    for block in hw3.blocks {
      XCTAssertTrue(block.x >= 0 && block.x + BlockMatch.blockWidth <= hw3.width && block.y >= 0
                    && block.y + hw3.blockHeight <= hw3.height, "every block lies inside the plane")
    }
    XCTAssertTrue(MotionGeometry(sourceWidth: 640, sourceHeight: 360).isUsable, "a 640x360 dashcam clip is analysed")
    XCTAssertFalse(MotionGeometry(sourceWidth: 64, sourceHeight: 48).isUsable)
  }

  /// A road seen by a camera 1.4 m high whose horizon is on row 384 of 960 (the geometry's
  /// assumption): each row below it is one depth, and the road's surface (the random scene laid
  /// on the ground at 25 px a metre: patches of asphalt half a metre across) slides toward the
  /// camera by the `metres` driven. Above the horizon: sky at infinity.
  func roadFrame(metres: Double) -> RandomPlane {
    let scene = Self.scene
    var plane = RandomPlane(constant: 0, width: 1280, height: 960)
    let focal = 1230.0, cameraHeight = 1.4, horizon = 384.0
    for row in 0..<960 {
      let below = Double(row) - horizon
      guard below >= 1 else {
        for column in 0..<1280 { plane.bytes[row * 1280 + column] = scene.pixels[row * scene.width + column] }
        continue
      }
      let depth = focal * cameraHeight / below
      let world = depth + metres
      let sceneRow = Int((world * 25).rounded()) % scene.height
      for column in 0..<1280 {
        let lateral = (Double(column) - 640) * depth / focal
        let sceneColumn = max(0, min(scene.width - 1, Int((lateral * 25).rounded()) + scene.width / 2))
        plane.bytes[row * 1280 + column] = scene.pixels[sceneRow * scene.width + sceneColumn]
      }
    }
    return plane
  }

  func testForwardMotionExpandsThePictureInProportionToTheDistanceDriven() {
    func meanExpansion(metresPerFrame: Double) -> Double {
      let estimator = EgoMotionEstimator(width: 1280, height: 960)
      var values: [Double] = []
      // Each block follows its own shift from frame to frame, so the first frames lock on
      // (the near road moves tens of pixels a frame); the last six are measured.
      for step in 0..<12 {
        let motion = roadFrame(metres: Double(step) * metresPerFrame).withView { estimator.add($0) }
        if step >= 6 { values.append(motion.expansionPerMille) }
      }
      return values.reduce(0, +) / Double(values.count)
    }
    let standing = meanExpansion(metresPerFrame: 0)
    let slow = meanExpansion(metresPerFrame: 0.3), fast = meanExpansion(metresPerFrame: 0.6)
    XCTAssertEqual(standing, 0, accuracy: 0.5, "no motion, no expansion")
    XCTAssertGreaterThan(slow, 1, "forward motion expands the picture")
    XCTAssertEqual(fast / slow, 2, accuracy: 0.5, "twice the speed, twice the expansion: slow \(slow) fast \(fast)")
  }
}
