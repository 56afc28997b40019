import XCTest
@testable import FSDMotion

/// The SIMD SAD kernel must agree exactly with its scalar twin: on random planes, on widths that
/// are not multiples of 16, on padded strides, and on planes large enough to overflow a UInt16
/// lane if the kernel forgot to fold its accumulators.
final class SADKernelTests: XCTestCase {
  func testSIMDAgreesWithScalarOnRandomPlanes() {
    var generator = SeededGenerator(seed: 0x5EED)
    let sizes = [(1, 1), (15, 3), (16, 1), (17, 5), (33, 7), (640, 480), (1280, 960), (1448, 938), (4113, 3)]
    for (width, height) in sizes {
      for strideExtra in [0, 13, 64] {
        let a = RandomPlane(width: width, height: height, strideExtra: strideExtra, using: &generator)
        let b = RandomPlane(width: width, height: height, strideExtra: strideExtra, using: &generator)
        a.withView { va in
          b.withView { vb in
            XCTAssertEqual(SADKernel.simd(va, vb), SADKernel.scalar(va, vb),
                           "width \(width) height \(height) stride +\(strideExtra)")
          }
        }
      }
    }
  }

  func testExtremeDifferencesDoNotOverflowLanes() {
    // 0 vs 255 everywhere: every lane gains 255 per block, the worst case for UInt16 lanes.
    let width = 16 * 600, height = 4
    let black = RandomPlane(constant: 0, width: width, height: height)
    let white = RandomPlane(constant: 255, width: width, height: height)
    black.withView { vb in
      white.withView { vw in
        let expected = UInt64(width * height * 255)
        XCTAssertEqual(SADKernel.scalar(vb, vw), expected)
        XCTAssertEqual(SADKernel.simd(vb, vw), expected)
        XCTAssertEqual(SADKernel.simd(vw, vb), expected, "SAD is symmetric")
      }
    }
  }

  func testPaddingBytesAreNotRead() {
    // Different garbage in the stride padding must not change the result.
    var generator = SeededGenerator(seed: 7)
    let a = RandomPlane(width: 50, height: 9, strideExtra: 30, using: &generator)
    var b = a
    b.scribbleOnPadding(value: 0xFF)
    a.withView { va in
      b.withView { vb in XCTAssertEqual(SADKernel.simd(va, vb), 0) }
    }
  }
}

final class MAFDTests: XCTestCase {
  func testDefinitionMatchesScdet() {
    // scdet: sad * 100 / count / 2^bitdepth. Black → white over the whole frame is 100 × 255/256.
    XCTAssertEqual(MAFD.value(sad: 255 * 100, pixelCount: 100), 100.0 * 255 / 256, accuracy: 1e-12)
    XCTAssertEqual(MAFD.value(sad: 0, pixelCount: 100), 0)
    XCTAssertEqual(MAFD.value(sad: 10, pixelCount: 0), 0, "an empty plane has no difference")
  }

  func testAnalyzerGivesZeroForTheFirstFrameAndScoresTheRest() {
    var generator = SeededGenerator(seed: 42)
    let first = RandomPlane(width: 64, height: 48, strideExtra: 0, using: &generator)
    let second = RandomPlane(width: 64, height: 48, strideExtra: 0, using: &generator)
    var analyzer = MotionAnalyzer(expectedFrames: 2)
    first.withView { v1 in
      analyzer.add(frame: v1, previous: nil, ptsSeconds: 0)
      second.withView { v2 in
        analyzer.add(frame: v2, previous: v1, ptsSeconds: 1.0 / 36)
        let expected = Double(SADKernel.scalar(v1, v2)) * 100 / Double(64 * 48) / 256
        XCTAssertEqual(Double(analyzer.series.mafd[1]), expected, accuracy: 1e-4)
      }
    }
    XCTAssertEqual(analyzer.series.mafd[0], 0)
    XCTAssertEqual(analyzer.series.ptsSeconds, [0, 1.0 / 36])
  }

  func testSizeChangeMidStreamScoresZeroInsteadOfReadingOutOfBounds() {
    let small = RandomPlane(constant: 10, width: 32, height: 32)
    let large = RandomPlane(constant: 200, width: 64, height: 32)
    var analyzer = MotionAnalyzer()
    small.withView { vs in
      large.withView { vl in analyzer.add(frame: vl, previous: vs, ptsSeconds: 0) }
    }
    XCTAssertEqual(analyzer.series.mafd, [0])
  }
}
