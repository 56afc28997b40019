import FSDMedia
import FSDMotion
import Foundation

/// Figure (c) of tools/bench: the motion core's time per frame against decode time per frame, on a
/// real clip, measured in the same process. Decoding is analysis quality on one thread, as ingest
/// runs it; each run decodes the clip once with an empty frame callback (decode alone) and once
/// feeding the motion analyzer, timing every `add` call. Best of `runs` for both.
func measureClipMotionCost(path: String, runs: Int) throws {
  var bestDecodeMS = Double.infinity, bestMotionMS = Double.infinity, bestFullSADMotionMS = Double.infinity
  var frames = 0
  var checksum = 0.0
  for _ in 0..<runs {
    // Decode alone.
    var start = DispatchTime.now().uptimeNanoseconds
    let outcome = try MediaFile(path: path).decodeLuma(options: DecodeOptions(quality: .analysis, threads: 1)) { frame, _, _ in
      checksum += Double(frame.base[0])
      return true
    }
    frames = outcome.framesDecoded
    bestDecodeMS = min(bestDecodeMS, Double(DispatchTime.now().uptimeNanoseconds - start) / 1e6 / Double(max(1, frames)))

    // The motion core as ingest runs it (mafd on the downsampled plane), and with scdet-exact
    // full-resolution mafd (what --decode exact adds).
    for fullResolution in [false, true] {
      var analyzer = MotionAnalyzer(expectedFrames: frames, fullResolutionMAFD: fullResolution)
      var motionNS: UInt64 = 0
      _ = try MediaFile(path: path).decodeLuma(options: DecodeOptions(quality: .analysis, threads: 1)) { frame, previous, pts in
        start = DispatchTime.now().uptimeNanoseconds
        analyzer.add(frame: frame, previous: previous, ptsSeconds: pts)
        motionNS += DispatchTime.now().uptimeNanoseconds - start
        return true
      }
      checksum += Double(analyzer.series.dy.reduce(0, +))
      let perFrame = Double(motionNS) / 1e6 / Double(max(1, analyzer.series.frameCount))
      if fullResolution { bestFullSADMotionMS = min(bestFullSADMotionMS, perFrame) } else { bestMotionMS = min(bestMotionMS, perFrame) }
    }
  }
  print(String(format: "motion core on %@ (%d frames, best of %d):", (path as NSString).lastPathComponent, frames, runs))
  print(String(format: "  decode (analysis, 1 thread)  %7.3f ms/frame", bestDecodeMS))
  print(String(format: "  motion core                  %7.3f ms/frame  (%.3f of decode)", bestMotionMS, bestMotionMS / bestDecodeMS))
  print(String(format: "  motion core, full-res mafd   %7.3f ms/frame  (%.3f of decode; --decode exact)  (checksum %.0f)",
               bestFullSADMotionMS, bestFullSADMotionMS / bestDecodeMS, checksum))
  print(String(format: "MOTION frames=%d decode_ms=%.4f motion_ms=%.4f ratio=%.4f fullres_ratio=%.4f", frames, bestDecodeMS,
               bestMotionMS, bestMotionMS / bestDecodeMS, bestFullSADMotionMS / bestDecodeMS))
}
