// Times each SIMD kernel of the motion core against its scalar twin on 1280x960 planes
// (the HW3 camera size) and their 320x240 downsampled copies, and prints the speed-ups, then
// the whole per-frame motion core (SIMD kernels) per frame. Run by tools/bench in a release build.
//   fsdlog-bench-kernels                    the kernels
//   fsdlog-bench-kernels --clip CLIP [RUNS]  motion core ÷ decode time per frame on a real clip
import FSDMotion
import Foundation

let arguments = CommandLine.arguments
if arguments.count >= 3, arguments[1] == "--clip" {
  do {
    try measureClipMotionCost(path: arguments[2], runs: arguments.count > 3 ? Int(arguments[3]) ?? 3 : 3)
    exit(0)
  } catch {
    FileHandle.standardError.write(Data("error: \(error)\n".utf8))
    exit(1)
  }
}

let width = 1280, height = 960, strideBytes = 1344  // FFmpeg pads rows; so do we
let frameCount = Int(ProcessInfo.processInfo.environment["BENCH_FRAMES"] ?? "") ?? 8
// Several distinct frames, so no call sees the same inputs twice in a row and nothing can be
// hoisted out of the timing loop.
func randomFrames() -> [[UInt8]] {
  var state: UInt64 = 0x1234_5678
  return (0..<frameCount).map { _ in
    (0..<(strideBytes * height)).map { _ in
      state = state &* 6364136223846793005 &+ 1442695040888963407
      return UInt8(truncatingIfNeeded: state >> 56)
    }
  }
}
let frames = randomFrames()
let small = Downsample4x4.outputSize(width: width, height: height)
let smallFrames: [PlaneBuffer] = frames.map { bytes in
  let buffer = PlaneBuffer(width: small.width, height: small.height)
  bytes.withUnsafeBufferPointer {
    Downsample4x4.scalar(LumaView(base: $0.baseAddress!, strideBytes: strideBytes, width: width, height: height), into: buffer)
  }
  return buffer
}

@MainActor func withFrame<R>(_ index: Int, _ body: (LumaView) -> R) -> R {
  frames[index % frameCount].withUnsafeBufferPointer {
    body(LumaView(base: $0.baseAddress!, strideBytes: strideBytes, width: width, height: height))
  }
}

/// Best of 5 runs of `repetitions` calls, in milliseconds per call. `call` gets the repetition
/// index (to vary inputs) and returns a value folded into a printed checksum, so nothing can be
/// optimised away.
@MainActor func time(_ name: String, repetitions: Int, _ call: @MainActor (Int) -> UInt64) -> Double {
  var checksum: UInt64 = 0
  var best = Double.infinity
  for _ in 0..<5 {
    let start = DispatchTime.now().uptimeNanoseconds
    for repetition in 0..<repetitions { checksum &+= call(repetition) }
    best = min(best, Double(DispatchTime.now().uptimeNanoseconds - start) / 1e6 / Double(repetitions))
  }
  print("  " + name.padding(toLength: 40, withPad: " ", startingAt: 0)
        + String(format: "%9.4f ms   (checksum %llu)", best, checksum))
  return best
}

@MainActor func compare(_ kernel: String, _ size: String, scalarRepetitions: Int, simdRepetitions: Int,
             scalar: @MainActor (Int) -> UInt64, simd: @MainActor (Int) -> UInt64) {
  print("\(kernel), \(size), best of 5 runs:")
  let scalarMS = time("\(kernel) scalar", repetitions: scalarRepetitions, scalar)
  let simdMS = time("\(kernel) SIMD16", repetitions: simdRepetitions, simd)
  print(String(format: "KERNEL %@ scalar_ms=%.4f simd_ms=%.4f speedup=%.2f", kernel, scalarMS, simdMS, scalarMS / simdMS))
}

@MainActor func sadCall(_ kernel: @escaping SADKernel.Function) -> @MainActor (Int) -> UInt64 {
  { r in withFrame(r) { a in withFrame(r + 1) { b in kernel(a, b) } } }
}
compare("sad", "\(width)x\(height) luma", scalarRepetitions: 40, simdRepetitions: 200,
        scalar: sadCall(SADKernel.scalar), simd: sadCall(SADKernel.simd))

// The 4x4 downsample has no SIMD version: a hand-written SIMD16 one ran at 0.84-1.05x of the
// (auto-vectorised) scalar loop here and was removed. Its cost is inside the motion-core figure.

var sums = [UInt32](repeating: 0, count: max(small.width, small.height))
@MainActor func projectionCall(_ kernel: @escaping Projections.Function) -> @MainActor (Int) -> UInt64 {
  { r in
    sums.withUnsafeMutableBufferPointer { kernel(smallFrames[r % frameCount].view, $0.baseAddress!) }
    return UInt64(sums[r % sums.count])
  }
}
compare("row-projection", "\(small.width)x\(small.height)", scalarRepetitions: 400, simdRepetitions: 4000,
        scalar: projectionCall(Projections.rowSumsScalar), simd: projectionCall(Projections.rowSumsSIMD))

@MainActor func differenceCall(_ kernel: @escaping MeanRemovedDifference.Function) -> @MainActor (Int) -> UInt64 {
  { r in kernel(smallFrames[r % frameCount].view, smallFrames[(r + 1) % frameCount].view, r % 7 - 3) }
}
compare("mean-removed-difference", "\(small.width)x\(small.height)", scalarRepetitions: 400, simdRepetitions: 4000,
        scalar: differenceCall(MeanRemovedDifference.scalar), simd: differenceCall(MeanRemovedDifference.simd))

// The whole ego-motion core per frame (downsample, block matching, rotation fit, difference), SIMD
// kernels, without mafd's full-resolution SAD.
print("motion core per frame (ego-motion, SIMD kernels), best of 5 runs:")
let estimator = EgoMotionEstimator(width: width, height: height)
let coreMS = time("EgoMotionEstimator.add", repetitions: 400) { r in
  withFrame(r) { UInt64(estimator.add($0).brightness) }
}
print(String(format: "CORE egomotion_ms=%.4f sad_ms=%.4f", coreMS,
             time("SADKernel.simd (mafd)", repetitions: 200, sadCall(SADKernel.simd))))
