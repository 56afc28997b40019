import XCTest
@testable import FSDMotion

/// Every SIMD kernel of the motion core must agree with its scalar twin on random input: odd
/// widths (tails), padded strides, planes big enough to overflow 16-bit lanes if a kernel forgot
/// to fold them.
final class MotionKernelTests: XCTestCase {
  let sizes = [(4, 4), (15, 9), (16, 4), (67, 13), (320, 240), (1280, 960), (1448, 938), (64, 1100)]

  func testDownsampleIsTheRoundedBlockMean() {
    var plane = RandomPlane(constant: 0, width: 8, height: 4)
    for y in 0..<4 { for x in 0..<4 { plane.bytes[y * 8 + x] = UInt8(y * 4 + x) } }  // 0...15, mean 7.5
    for y in 0..<4 { for x in 4..<8 { plane.bytes[y * 8 + x] = 255 } }
    let out = PlaneBuffer(width: 2, height: 1)
    plane.withView { Downsample4x4.scalar($0, into: out) }
    XCTAssertEqual([out.base[0], out.base[1]], [8, 255])
  }

  func testProjectionsSIMDAgreeWithScalar() {
    var generator = SeededGenerator(seed: 0xB0)
    for (width, height) in sizes + [(300, 700), (4113, 3)] {
      let plane = RandomPlane(width: width, height: height, strideExtra: 7, using: &generator)
      var rowsSIMD = [UInt32](repeating: 1, count: height), rowsScalar = [UInt32](repeating: 2, count: height)
      plane.withView { view in
        Projections.rowSumsSIMD(view, into: &rowsSIMD)
        Projections.rowSumsScalar(view, into: &rowsScalar)
      }
      XCTAssertEqual(rowsSIMD, rowsScalar, "rows \(width)x\(height)")
    }
  }

  func testProjectionsOfASubRegionIgnoreEverythingOutsideIt() {
    var generator = SeededGenerator(seed: 3)
    let plane = RandomPlane(width: 64, height: 40, strideExtra: 0, using: &generator)
    let rect = PlaneRect(x: 5, y: 7, width: 33, height: 20)
    var sums = [UInt32](repeating: 0, count: rect.height)
    plane.withView { Projections.rowSumsSIMD($0.region(rect), into: &sums) }
    let expected = (0..<rect.height).map { y in
      (0..<rect.width).reduce(UInt32(0)) { $0 + UInt32(plane.bytes[(rect.y + y) * 64 + rect.x + $1]) }
    }
    XCTAssertEqual(sums, expected)
  }

  func testMeanRemovedDifferenceSIMDAgreesWithScalar() {
    var generator = SeededGenerator(seed: 0xAB)
    for (width, height) in sizes {
      let a = RandomPlane(width: width, height: height, strideExtra: 5, using: &generator)
      let b = RandomPlane(width: width, height: height, strideExtra: 5, using: &generator)
      for offset in [-300, -40, 0, 17, 255] {
        a.withView { va in
          b.withView { vb in
            XCTAssertEqual(MeanRemovedDifference.simd(va, vb, offset: offset),
                           MeanRemovedDifference.scalar(va, vb, offset: offset), "\(width)x\(height) offset \(offset)")
          }
        }
      }
    }
  }

  func testMeanRemovedDifferenceIgnoresABrightnessStep() {
    var generator = SeededGenerator(seed: 9)
    let a = RandomPlane(width: 48, height: 8, strideExtra: 0, using: &generator)
    var b = a
    b.bytes = a.bytes.map { UInt8(min(255, Int($0) / 2 + 40)) }
    var c = b
    c.bytes = b.bytes.map { $0 &+ 0 }
    let brighter = RandomPlane(constant: 90, width: 48, height: 8)
    let darker = RandomPlane(constant: 30, width: 48, height: 8)
    brighter.withView { vb in
      darker.withView { vd in XCTAssertEqual(MeanRemovedDifference.simd(vb, vd, offset: 60), 0) }
    }
  }

  func testBlockMatchWindowPositionsOutsideThePlaneCostTheMaximum() {
    var generator = SeededGenerator(seed: 0x77)
    let previous = RandomPlane(width: 48, height: 40, strideExtra: 5, using: &generator)
    let current = RandomPlane(width: 48, height: 40, strideExtra: 3, using: &generator)
    // At the top-left corner, content that came from up or left of the plane cannot be compared.
    let block = BlockMatch.Block(x: 0, y: 0, height: 8, centerX: 0, centerY: 0, radius: 2)
    var costs = [UInt32](repeating: 0, count: block.side * block.side)
    previous.withView { before in current.withView { now in BlockMatch.costs(before, now, block, &costs) } }
    for dy in -2...2 {
      for dx in -2...2 {
        let cost = costs[(dy + 2) * block.side + dx + 2]
        if dx > 0 || dy > 0 { XCTAssertEqual(cost, .max, "shift (\(dx), \(dy)) reads outside") } else { XCTAssertLessThan(cost, .max) }
      }
    }
    // The zero shift is the plain SAD of the two blocks.
    var expected: UInt32 = 0
    for y in 0..<8 { for x in 0..<16 {
      let a = current.bytes[y * current.strideBytes + x], b = previous.bytes[y * previous.strideBytes + x]
      expected += UInt32(a > b ? a - b : b - a)
    } }
    XCTAssertEqual(costs[2 * block.side + 2], expected)
  }

  func testBlockMatchFindsAKnownShiftAndSaysWhenItIsPinnedAtTheLimit() {
    // A smooth random plane, and the same plane moved 2 px right and 1 px up.
    var generator = SeededGenerator(seed: 5)
    let width = 96, height = 64
    var base = [Float](repeating: 0, count: width * height)
    for i in base.indices { base[i] = Float.random(in: 0...255, using: &generator) }
    for _ in 0..<2 { for i in (width + 1)..<(base.count - width - 1) { base[i] = (base[i - 1] + base[i + 1] + base[i - width] + base[i + width] + base[i]) / 5 } }
    var before = RandomPlane(constant: 0, width: width, height: height), after = before
    for y in 0..<height { for x in 0..<width {
      before.bytes[y * width + x] = UInt8(base[y * width + x])
      let sx = max(0, min(width - 1, x - 2)), sy = max(0, min(height - 1, y + 1))
      after.bytes[y * width + x] = UInt8(base[sy * width + sx])
    } }
    var costs = [UInt32](repeating: 0, count: 49)
    func measure(centerX: Int) -> (dx: Double, dy: Double, confidence: Double) {
      let block = BlockMatch.Block(x: 40, y: 24, height: 12, centerX: centerX, centerY: 0, radius: 3)
      before.withView { b in after.withView { a in BlockMatch.costs(b, a, block, &costs) } }
      return costs.withUnsafeBufferPointer { BlockMatch.best($0.baseAddress!, block, minimumTexture: 0.5) }
    }
    let found = measure(centerX: 0)
    XCTAssertEqual(found.dx, 2, accuracy: 0.3)
    XCTAssertEqual(found.dy, -1, accuracy: 0.3)
    XCTAssertGreaterThan(found.confidence, 0.3)
    let pinned = measure(centerX: -2)  // window −5...+1: the true +2 lies just outside it
    XCTAssertEqual(pinned.confidence, 0, "a best shift on the window's edge is no measurement")
  }
}
