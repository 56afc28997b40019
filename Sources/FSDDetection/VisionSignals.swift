/// The two signals vision-only detection thresholds, derived from a drive's motion series:
/// - `pitchHeights`: nose-down pitch relative to its recent trend, in picture heights
///   (the integrated, sign-flipped pitch shift);
/// - `yawRateWidthsPerS`: the camera's yaw as a picture shift rate, picture widths per second;
/// - `expansionPerS`: forward motion (speed over depth).
struct VisionSignals {
  let timeS: [Double]
  let pitchHeights: [Double]
  /// The integrated pitch, smoothed, before any baseline is taken off.
  let smoothedPitchHeights: [Double]
  /// The trend `pitchHeights` is taken against at each frame (picture heights), and its slope
  /// there (picture heights a frame): the line the trailing window describes, to carry forward.
  let pitchTrendHeights: [Double]
  let pitchTrendSlopeHeightsPerFrame: [Double]
  /// How much the smoothed pitch wanders about its trend in the same trailing window (RMS,
  /// picture heights): a rough road or a shaking mount, against which a dip must stand out.
  let pitchNoiseHeights: [Double]
  let yawRateWidthsPerS: [Double]
  /// The part of `pitchHeights` that the forward motion explains, against the same trend. The
  /// estimator's focus of expansion sits a little off the true one, and a focus `d` pixels off
  /// adds `expansion × d` to every frame's pitch shift (the same uniform shift a rotation gives):
  /// the pitch leaks in proportion to the forward motion, and where the expansion rises (a tree
  /// canopy closing in, the car going faster) it climbs off its trend as a dip would. `d` is
  /// fitted per clip (each clip is its own estimator run) as the least-squares share of the
  /// per-frame pitch shift that follows the expansion: a car does not keep pitching, so over a
  /// clip what follows the forward motion is the leak.
  let leakPitchHeights: [Double]

  /// Forward motion: the scene's expansion rate (speed over depth, per second), smoothed over
  /// `expansionSmoothingS`; 0 when standing.
  let expansionPerS: [Double]
  /// Frames where the footage was cut (an edited clip, a replay): the frame difference leaps to
  /// `cutMAFD` or more and to `cutRatio` times its level around. A cut is not a manoeuvre.
  let cutIndices: [Int]
  /// The first frame whose pitch has a baseline (`minimumBaselineS` of trailing history, and the
  /// trend fitted on it): before it the pitch reads 0 for want of a baseline, not because the nose
  /// was level, so no dip can be said to begin there.
  let firstJudgedIndex: Int
  let frameS: Double
  /// Frames in one second (at least 1).
  var secondFrames: Int { max(1, Int(1 / frameS)) }

  init(_ series: VisionSeries, config: VisionDetectionConfig) {
    timeS = series.timeS
    let count = series.count
    let frameS = count > 1 ? max(1e-3, (series.timeS[count - 1] - series.timeS[0]) / Double(count - 1)) : 1.0 / 36
    self.frameS = frameS
    let height = Double(max(1, series.frameHeight)), width = Double(max(1, series.frameWidth))

    // A frame the estimator could not measure adds nothing (its shift is unknown, not zero).
    let dy = Self.median(zip(series.dyPixels, series.confidence).map { $1 > 0 ? $0 : 0 }, frames: config.medianFrames)
    var pitch = [Double](repeating: 0, count: count)
    var total = 0.0
    for index in 0..<count {
      total -= dy[index]  // nose down moves the scene up (negative dy)
      pitch[index] = total / height
    }
    let smoothed = Self.centredMean(pitch, frames: Int(config.pitchSmoothingS / frameS))
    let baseline = Self.trailingTrend(
      smoothed, windowFrames: Int(config.pitchBaselineS / frameS), gapFrames: Int(config.pitchBaselineGapS / frameS),
      minimumFrames: Int(config.minimumBaselineS / frameS), segmentStarts: series.clipStartIndices,
      driveStartFrames: Int(config.driveStartBaselineS / frameS))
    smoothedPitchHeights = smoothed
    pitchHeights = zip(smoothed, baseline.trend).map { $0 - $1 }
    pitchNoiseHeights = baseline.spread
    pitchTrendHeights = baseline.trend
    pitchTrendSlopeHeightsPerFrame = baseline.slope
    firstJudgedIndex = baseline.firstFittedIndex

    let dx = Self.median(zip(series.dxPixels, series.confidence).map { $1 > 0 ? $0 : 0 }, frames: config.medianFrames)
    yawRateWidthsPerS = Self.centredMean(dx.map { $0 / width / frameS }, frames: Int(config.yawSmoothingS / frameS))
    cutIndices = Self.cuts(series.mafd, halfWindow: max(1, Int(0.5 / frameS)), config: config)
    let expansion = series.expansionPerMille.count == count ? series.expansionPerMille : [Double](repeating: 0, count: count)
    let expansionPerFrame = Self.median(expansion, frames: config.medianFrames).map { $0 / 1000 }
    expansionPerS = Self.centredMean(expansionPerFrame.map { $0 / frameS }, frames: Int(config.expansionSmoothingS / frameS))

    let leak = Self.centredMean(
      Self.leakedPitch(noseDownPerFrame: dy.map { -$0 / height }, expansionPerFrame: expansionPerFrame,
                       clipStarts: series.clipStartIndices),
      frames: Int(config.pitchSmoothingS / frameS))
    let leakBaseline = Self.trailingTrend(
      leak, windowFrames: Int(config.pitchBaselineS / frameS), gapFrames: Int(config.pitchBaselineGapS / frameS),
      minimumFrames: Int(config.minimumBaselineS / frameS), segmentStarts: series.clipStartIndices,
      driveStartFrames: Int(config.driveStartBaselineS / frameS))
    leakPitchHeights = zip(leak, leakBaseline.trend).map { $0 - $1 }
  }

  /// The integrated pitch that each clip's expansion leaks into it: per clip, the share `d` of the
  /// per-frame nose-down shift that follows the per-frame expansion (least squares through 0),
  /// then `d × expansion` summed over the frames (picture heights).
  static func leakedPitch(noseDownPerFrame: [Double], expansionPerFrame: [Double], clipStarts: [Int]) -> [Double] {
    let count = noseDownPerFrame.count
    var leaked = [Double](repeating: 0, count: count), total = 0.0
    let starts = clipStarts.isEmpty ? [0] : clipStarts
    for (clip, start) in starts.enumerated() {
      let end = clip + 1 < starts.count ? starts[clip + 1] : count
      guard end > start else { continue }
      var product = 0.0, squares = 0.0
      for index in start..<end {
        product += noseDownPerFrame[index] * expansionPerFrame[index]
        squares += expansionPerFrame[index] * expansionPerFrame[index]
      }
      let share = squares > 0 ? product / squares : 0
      for index in start..<end {
        total += share * expansionPerFrame[index]
        leaked[index] = total
      }
    }
    return leaked
  }

  static func cuts(_ mafd: [Double], halfWindow: Int, config: VisionDetectionConfig) -> [Int] {
    var found: [Int] = []
    var window: [Double] = []
    for index in mafd.indices where mafd[index] >= config.cutMAFD {
      window.removeAll(keepingCapacity: true)
      for k in max(0, index - halfWindow)...min(mafd.count - 1, index + halfWindow) { window.append(mafd[k]) }
      window.sort()
      if mafd[index] >= config.cutRatio * max(0.5, window[window.count / 2]) { found.append(index) }
    }
    return found
  }

  /// Whether a cut lies in `from...to` (frame indices).
  func hasCut(_ from: Int, _ to: Int) -> Bool {
    cutIndices.contains { $0 >= from && $0 <= to }
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

  /// The trend of `values[i − window ..< i − gap]` (a least-squares line) carried forward to i, and
  /// the RMS of the values about that line, for each i: a steady drift (the estimator's slow bias
  /// while the scene looms) is its own baseline and never becomes a dip; a step is not. Refitted every few frames. Before `minimumFrames` of
  /// history exist (`driveStartFrames` where the window begins at the very start) the baseline is
  /// the value itself (no dip can be judged yet); `firstFittedIndex`
  /// is the first index with a fitted trend (the line is refitted every few frames, so this can be
  /// a frame or two after that much history exists), `values.count` if none.
  static func trailingTrend(_ values: [Double], windowFrames: Int, gapFrames: Int, minimumFrames: Int,
                            segmentStarts: [Int] = [], driveStartFrames: Int = 0)
    -> (trend: [Double], slope: [Double], spread: [Double], firstFittedIndex: Int) {
    guard !values.isEmpty else { return ([], [], [], 0) }
    var result = values, spread = [Double](repeating: 0, count: values.count), firstFitted = values.count
    var slopes = [Double](repeating: 0, count: values.count)
    let step = max(1, windowFrames / 30)
    var slope = 0.0, intercept = 0.0, anchor = 0, valid = false, rms = 0.0
    for index in values.indices {
      if index % step == 0 {
        let high = index - gapFrames
        var low = max(0, index - windowFrames)
        // Each clip is measured by its own estimator run, drifting at its own rate: where the
        // current clip alone gives enough baseline, the trend is fitted on it alone (a window
        // across the boundary has a kink that tilts the line and swells the spread).
        if let start = segmentStarts.last(where: { $0 < high }), start > low, high - start >= max(2, minimumFrames) {
          low = start
        }
        valid = high - low >= max(2, minimumFrames, low == 0 ? driveStartFrames : 0)
        if valid {
          var sx = 0.0, sy = 0.0, sxx = 0.0, sxy = 0.0
          let n = Double(high - low)
          for k in low..<high {
            let x = Double(k - low), y = values[k]
            sx += x; sy += y; sxx += x * x; sxy += x * y
          }
          let denominator = n * sxx - sx * sx
          slope = denominator > 0 ? (n * sxy - sx * sy) / denominator : 0
          intercept = (sy - slope * sx) / n
          anchor = low
          var squares = 0.0
          for k in low..<high {
            let residual = values[k] - (intercept + slope * Double(k - low))
            squares += residual * residual
          }
          rms = (squares / n).squareRoot()
        }
      }
      if valid {
        result[index] = intercept + slope * Double(index - anchor)
        slopes[index] = slope
        spread[index] = rms
        firstFitted = min(firstFitted, index)
      }
    }
    return (result, slopes, spread, firstFitted)
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
}

extension VisionEventDetector {
  /// Nose-down pitch against its trailing median (4 s ending 1 s before; picture heights) at each
  /// frame time, for callers that align other clocks to it (CSV telemetry). Not the trend baseline
  /// brakes are judged against: a fitted line tilts for a few seconds after every dip, and those
  /// after-images would give a cross-correlation a second peak at the wrong lag.
  public static func pitchSignal(_ series: VisionSeries, config: VisionDetectionConfig = .standard)
    -> (timeS: [Double], pitchHeights: [Double]) {
    guard series.count > 8 else { return (series.timeS, series.timeS.map { _ in 0 }) }
    let signals = VisionSignals(series, config: config)
    let pitch = signals.smoothedPitchHeights
    let baseline = VisionSignals.trailingMedian(
      pitch, windowFrames: Int(4.0 / signals.frameS), gapFrames: Int(1.0 / signals.frameS))
    return (signals.timeS, zip(pitch, baseline).map { $0 - $1 })
  }
}
