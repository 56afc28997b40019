// Times each SIMD kernel of the motion core against its scalar twin on 1280x960 planes
// (the HW3 camera size), and prints the speed-up. Run by tools/bench in a release build.
import FSDMotion
import Foundation

let width = 1280, height = 960, strideBytes = 1344  // FFmpeg pads rows; so do we
let frameCount = 8
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

@MainActor
func time(_ name: String, repetitions: Int, _ kernel: SADKernel.Function) -> Double {
  var checksum: UInt64 = 0
  var best = Double.infinity
  for _ in 0..<5 {
    let start = DispatchTime.now().uptimeNanoseconds
    for repetition in 0..<repetitions {
      let a = frames[repetition % frameCount], b = frames[(repetition + 1) % frameCount]
      a.withUnsafeBufferPointer { pa in
        b.withUnsafeBufferPointer { pb in
          checksum &+= kernel(
            LumaView(base: pa.baseAddress!, strideBytes: strideBytes, width: width, height: height),
            LumaView(base: pb.baseAddress!, strideBytes: strideBytes, width: width, height: height))
        }
      }
    }
    let elapsed = Double(DispatchTime.now().uptimeNanoseconds - start) / 1e6 / Double(repetitions)
    best = min(best, elapsed)
  }
  // Printing the checksum consumes every result, so the calls cannot be optimised away.
  print("  " + name.padding(toLength: 28, withPad: " ", startingAt: 0) + String(format: "%8.3f ms/frame   (checksum %llu)", best, checksum))
  return best
}

print("SAD kernel, \(width)x\(height) luma, best of 5 runs:")
let scalarMS = time("SADKernel.scalar", repetitions: 40, SADKernel.scalar)
let simdMS = time("SADKernel.simd (SIMD16)", repetitions: 200, SADKernel.simd)
print(String(format: "KERNEL sad scalar_ms=%.4f simd_ms=%.4f speedup=%.2f", scalarMS, simdMS, scalarMS / simdMS))
