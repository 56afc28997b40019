import FSDDetection
import FSDStore
import FSDTelemetry
import Foundation

/// Finds a telemetry CSV's clock error from the video itself: braking shows in the CSV as a speed
/// drop and in the front camera as the nose dipping (pitch ∝ deceleration), so the lag that best
/// correlates the CSV's deceleration with the motion core's pitch is the offset to add to the CSV.
/// Needs decoded clips (a motion series: ingest --mode full or vision) and at least one clear
/// speed change in the overlap; otherwise it says why it found nothing.
enum CSVVisionAlignment {
  struct Result: Equatable {
    /// Seconds to add to the CSV's times.
    var lagS: Double
    /// Pearson correlation of CSV deceleration and pitch at that lag (−1...1).
    var correlation: Double
    /// Best correlation more than `distinctS` away from the best lag: a second candidate this
    /// strong would make the choice doubtful.
    var runnerUpCorrelation: Double
    var overlapS: Double
    /// Clear enough to apply: correlated at all (0.35; the block-grid pitch carries more
    /// frame-to-frame wander than the old row profiles did, and brakes are a few seconds of a
    /// drive) and the best lag well ahead of any other (by 0.15), which is what rules out a wrong lag.
    var isUsable: Bool { correlation >= 0.35 && correlation - runnerUpCorrelation >= 0.15 }
  }

  static let maxLagS = 10.0
  static let gridS = 0.1
  static let distinctS = 1.0
  /// Below this peak deceleration (m/s²) a CSV has no feature to align on.
  static let minimumPeakDecelMPS2 = 1.5

  /// - Parameters:
  ///   - samples: CSV samples, times on the clips' clock (offset and file-name start applied).
  ///   - clips: front clips with their window start on that clock.
  /// - Returns: nil and a reason when it cannot tell.
  static func estimate(samples: [TelemetrySample], clips: [(clip: ClipRecord, startS: Double)], store: Store)
    throws -> (result: Result?, reason: String?) {
    let speeds = samples.compactMap { sample in sample.speedMPS.map { (sample.timeS, $0) } }
    guard let first = speeds.first?.0, let last = speeds.last?.0, last - first > 10 else {
      return (nil, "the CSV has no speed to align on")
    }
    var series: VisionSeries?
    for (clip, startS) in clips.sorted(by: { $0.startS < $1.startS }) {
      guard let id = clip.id, startS < last + maxLagS, startS + (clip.durationS ?? 60) > first - maxLagS,
            let width = clip.width, let height = clip.height,
            let motion = try store.motion(clipID: id), motion.hasEgoMotion else { continue }
      if series == nil { series = VisionSeries(frameWidth: width, frameHeight: height) }
      guard series?.frameWidth == width, series?.frameHeight == height else { continue }
      series?.append(startS: startS, ptsS: motion.ptsSeconds, dx: motion.dx, dy: motion.dy, expansion: motion.expansion,
                           confidence: motion.confidence, mafd: motion.mafd)
    }
    guard let series, series.count > 100 else {
      return (nil, "its clips have no motion series (ingest them with --mode full or --mode vision)")
    }
    let pitch = VisionEventDetector.pitchSignal(series)
    // Both signals on one 10 Hz grid: pitch on the video's span, deceleration on the CSV's.
    let videoStart = pitch.timeS[0], videoEnd = pitch.timeS[pitch.timeS.count - 1]
    let videoGrid = resample(times: pitch.timeS, values: pitch.pitchHeights, from: videoStart, to: videoEnd)
    let speedGrid = resample(times: speeds.map(\.0), values: speeds.map(\.1), from: first, to: last)
    let half = Int((0.25 / gridS).rounded())
    var decel = [Double](repeating: 0, count: speedGrid.count)
    for k in speedGrid.indices {
      let low = max(0, k - half), high = min(speedGrid.count - 1, k + half)
      if high > low { decel[k] = -(speedGrid[high] - speedGrid[low]) / (Double(high - low) * gridS) }
    }
    guard (decel.max() ?? 0) >= minimumPeakDecelMPS2 else {
      return (nil, "the CSV shows no braking to align on (peak deceleration under \(minimumPeakDecelMPS2) m/s²)")
    }

    let maxLagSteps = Int((maxLagS / gridS).rounded())
    var correlations: [(lag: Double, r: Double, overlap: Double)] = []
    for step in -maxLagSteps...maxLagSteps {
      let lag = Double(step) * gridS
      // Video grid point k is time videoStart + k·grid; the CSV sample for it is at that − lag.
      var pairs: [(Double, Double)] = []
      for k in videoGrid.indices {
        let csvIndex = Int(((videoStart + Double(k) * gridS - lag - first) / gridS).rounded())
        if csvIndex >= 0 && csvIndex < decel.count { pairs.append((decel[csvIndex], videoGrid[k])) }
      }
      guard Double(pairs.count) * gridS >= 20 else { continue }
      correlations.append((lag, pearson(pairs), Double(pairs.count) * gridS))
    }
    guard let best = correlations.max(by: { $0.r < $1.r }) else {
      return (nil, "the CSV and the video overlap by less than 20 s")
    }
    let runnerUp = correlations.filter { abs($0.lag - best.lag) > distinctS }.map(\.r).max() ?? -1
    return (Result(lagS: best.lag, correlation: best.r, runnerUpCorrelation: runnerUp, overlapS: best.overlap), nil)
  }

  /// Linear interpolation onto the grid from `from` to `to`.
  static func resample(times: [Double], values: [Double], from: Double, to: Double) -> [Double] {
    let count = Int(((to - from) / gridS).rounded(.down)) + 1
    var result = [Double](repeating: 0, count: max(0, count))
    var j = 0
    for k in result.indices {
      let t = from + Double(k) * gridS
      while j + 1 < times.count && times[j + 1] < t { j += 1 }
      if j + 1 < times.count, times[j + 1] > times[j] {
        let fraction = max(0, min(1, (t - times[j]) / (times[j + 1] - times[j])))
        result[k] = values[j] + (values[j + 1] - values[j]) * fraction
      } else {
        result[k] = values[min(j, values.count - 1)]
      }
    }
    return result
  }

  static func pearson(_ pairs: [(Double, Double)]) -> Double {
    let n = Double(pairs.count)
    let meanA = pairs.reduce(0) { $0 + $1.0 } / n, meanB = pairs.reduce(0) { $0 + $1.1 } / n
    var covariance = 0.0, varianceA = 0.0, varianceB = 0.0
    for (a, b) in pairs {
      covariance += (a - meanA) * (b - meanB)
      varianceA += (a - meanA) * (a - meanA)
      varianceB += (b - meanB) * (b - meanB)
    }
    return varianceA > 0 && varianceB > 0 ? covariance / (varianceA * varianceB).squareRoot() : 0
  }
}
