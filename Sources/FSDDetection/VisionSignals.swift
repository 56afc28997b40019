/// The two signals vision-only detection thresholds, derived from a drive's motion series:
/// - `pitchHeights`: nose-down pitch relative to its recent baseline, in picture heights
///   (the integrated, sign-flipped vertical shift of the distant scene);
/// - `yawRateWidthsPerS`: the distant scene's horizontal shift rate, picture widths per second.
struct VisionSignals {
  let timeS: [Double]
  let pitchHeights: [Double]
  let yawRateWidthsPerS: [Double]

  init(_ series: VisionSeries, config: VisionDetectionConfig) {
    timeS = series.timeS
    let count = series.count
    let frameS = count > 1 ? max(1e-3, (series.timeS[count - 1] - series.timeS[0]) / Double(count - 1)) : 1.0 / 36
    let height = Double(max(1, series.frameHeight)), width = Double(max(1, series.frameWidth))

    let dy = Self.median(series.dyPixels, frames: config.medianFrames)
    var pitch = [Double](repeating: 0, count: count)
    var total = 0.0
    for index in 0..<count {
      total -= dy[index]  // nose down moves the scene up (negative dy)
      pitch[index] = total / height
    }
    let baseline = Self.trailingMedian(
      pitch, windowFrames: Int(config.pitchBaselineS / frameS), gapFrames: Int(config.pitchBaselineGapS / frameS))
    pitchHeights = Self.centredMean(zip(pitch, baseline).map { $0 - $1 }, frames: Int(config.pitchSmoothingS / frameS))

    let dx = Self.median(series.dxPixels, frames: config.medianFrames)
    yawRateWidthsPerS = Self.centredMean(dx.map { $0 / width / frameS }, frames: Int(config.yawSmoothingS / frameS))
  }

  static func median(_ values: [Double], frames: Int) -> [Double] {
    let half = max(0, frames / 2)
    guard half > 0, values.count > 2 else { return values }
    var window: [Double] = []
    return values.indices.map { index in
      window.removeAll(keepingCapacity: true)
      for k in max(0, index - half)...min(values.count - 1, index + half) { window.append(values[k]) }
      window.sort()
      return window[window.count / 2]
    }
  }

  static func centredMean(_ values: [Double], frames: Int) -> [Double] {
    let half = max(0, frames / 2)
    guard half > 0, !values.isEmpty else { return values }
    var prefix = [0.0]
    prefix.reserveCapacity(values.count + 1)
    for value in values { prefix.append(prefix[prefix.count - 1] + value) }
    return values.indices.map { index in
      let low = max(0, index - half), high = min(values.count, index + half + 1)
      return (prefix[high] - prefix[low]) / Double(high - low)
    }
  }

  /// Median of `values[i − window ..< i − gap]` for each i, recomputed every few frames (it moves
  /// slowly, and an hour of video is 130,000 frames).
  static func trailingMedian(_ values: [Double], windowFrames: Int, gapFrames: Int) -> [Double] {
    guard !values.isEmpty else { return [] }
    let step = max(1, windowFrames / 30)
    var result = [Double](repeating: values[0], count: values.count)
    var current = values[0]
    var scratch: [Double] = []
    for index in values.indices {
      if index % step == 0 {
        let high = index - gapFrames, low = max(0, index - windowFrames)
        if high > low {
          scratch.removeAll(keepingCapacity: true)
          scratch.append(contentsOf: values[low..<high])
          scratch.sort()
          current = scratch[scratch.count / 2]
        } else {
          current = values[0]
        }
      }
      result[index] = current
    }
    return result
  }
}

extension VisionEventDetector {
  /// Nose-down pitch against its trailing baseline (picture heights) at each frame time: the
  /// signal brakes are found in, for callers that align other clocks to it (CSV telemetry).
  public static func pitchSignal(_ series: VisionSeries, config: VisionDetectionConfig = .standard)
    -> (timeS: [Double], pitchHeights: [Double]) {
    guard series.count > 8 else { return (series.timeS, series.timeS.map { _ in 0 }) }
    let signals = VisionSignals(series, config: config)
    return (signals.timeS, signals.pitchHeights)
  }
}
