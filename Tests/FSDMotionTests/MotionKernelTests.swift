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
      var columnsSIMD = [UInt32](repeating: 3, count: width), columnsScalar = [UInt32](repeating: 4, count: width)
      plane.withView { view in
        Projections.rowSumsSIMD(view, into: &rowsSIMD)
        Projections.rowSumsScalar(view, into: &rowsScalar)
        Projections.columnSumsSIMD(view, into: &columnsSIMD)
        Projections.columnSumsScalar(view, into: &columnsScalar)
      }
      XCTAssertEqual(rowsSIMD, rowsScalar, "rows \(width)x\(height)")
      XCTAssertEqual(columnsSIMD, columnsScalar, "columns \(width)x\(height)")
      XCTAssertEqual(rowsScalar.reduce(0, +), columnsScalar.reduce(0, +), "both sum the same pixels")
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

  func testMatchCostsSIMDAgreeWithScalar() {
    var generator = SeededGenerator(seed: 0x77)
    for count in [9, 16, 40, 119, 239, 319] {
      let reference = (0..<count).map { _ in Float.random(in: -2...2, using: &generator) }
      let current = (0..<count).map { _ in Float.random(in: -2...2, using: &generator) }
      for maxShift in [1, 8, 15] {
        var simd = [Float](repeating: 0, count: 2 * maxShift + 1), scalar = simd
        ProjectionMatch.costsSIMD(reference: reference, current: current, count: count, maxShift: maxShift, into: &simd)
        ProjectionMatch.costsScalar(reference: reference, current: current, count: count, maxShift: maxShift, into: &scalar)
        for (s, r) in zip(simd, scalar) {
          if r.isInfinite { XCTAssertTrue(s.isInfinite); continue }
          XCTAssertEqual(s, r, accuracy: 1e-5 * max(1, r), "count \(count) maxShift \(maxShift)")
        }
      }
    }
  }

  func testMatchFindsAKnownSubPixelShift() {
    // A smooth random profile, and the same profile moved by 2.3 samples (linear interpolation).
    var generator = SeededGenerator(seed: 5)
    var base = [Float](repeating: 0, count: 200)
    var value: Float = 0
    for i in 0..<200 { value = 0.8 * value + Float.random(in: -1...1, using: &generator); base[i] = value }
    let shift: Float = 2.3
    let moved = (0..<200).map { i -> Float in
      let source = max(0, min(198.999, Float(i) - shift))
      let index = Int(source), fraction = source - Float(index)
      return base[index] * (1 - fraction) + base[index + 1] * fraction
    }
    var costs = [Float](repeating: 0, count: 17)
    ProjectionMatch.costsSIMD(reference: base, current: moved, count: 200, maxShift: 8, into: &costs)
    let best = costs.withUnsafeBufferPointer { ProjectionMatch.best(costs: $0.baseAddress!, maxShift: 8) }
    XCTAssertEqual(best.samples, 2.3, accuracy: 0.15)
    XCTAssertGreaterThan(best.confidence, 0.5)
  }
}
