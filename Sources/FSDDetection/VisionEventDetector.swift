/// Vision-only events: `brake` and `swerve` from the front camera's motion series alone (older
/// firmware, app-saved clips, other dashcams).
///
/// - brake: the nose dips (the distant scene moves up) by `brakePitchHeightFraction` of the
///   picture or more, held `brakeHoldS`. Pitch is integrated from per-frame shifts and measured
///   against a trailing baseline, so mounting angle, slopes and slow drift do not count; a bump's
///   oscillation averages out in the smoothing and fails the hold. Shadows and light changes move
///   no pixels of the distant scene (shifts are matched on brightness-normalised gradients).
/// - swerve: a burst of yaw rate (the distant scene slides sideways) that goes out and back.
/// Events carry `initiator = unknown`, a confidence, and magnitudes in picture units in `rule`.
public enum VisionEventDetector {
  /// A vision event with its magnitude in picture units: peak nose-down pitch (picture heights)
  /// for a brake, peak yaw rate (picture widths per second) for a swerve.
  public struct VisionEvent: Sendable, Equatable {
    public var event: DetectedEvent
    public var peakMagnitude: Double
  }

  public static func detect(_ series: VisionSeries, config: VisionDetectionConfig = .standard) -> [DetectedEvent] {
    detectWithMagnitudes(series, config: config).map(\.event)
  }

  public static func detectWithMagnitudes(_ series: VisionSeries, config: VisionDetectionConfig = .standard) -> [VisionEvent] {
    guard series.count > 8 else { return [] }
    let signals = VisionSignals(series, config: config)
    let events = merge(brakes(signals, series, config), gapS: config.mergeGapS)
      + merge(swerves(signals, series, config), gapS: config.mergeGapS)
    return events.sorted { $0.event.onsetS < $1.event.onsetS }
  }

  static func brakes(_ signals: VisionSignals, _ series: VisionSeries, _ config: VisionDetectionConfig) -> [VisionEvent] {
    pitchBrakes(signals, series, config) + stops(signals, series, config) + slowdowns(signals, series, config)
      + dipsAndReturns(signals, series, config)
  }

  /// Brakes seen as a nose dip: over `brakePitchHeightFraction` against the pitch's trend, held
  /// `brakeHoldS`, reached quickly (`brakeMaximumRiseS`), standing out from how much the pitch
  /// wandered before (`brakeNoiseFactor`), no deeper and no longer than a car can pitch and brake,
  /// coming back when the braking ends, not explained by the forward motion's leak into the pitch
  /// (`brakeLeakShare`), starting from the level its baseline describes (`brakeLevelBeforeShare`),
  /// and with the forward motion not holding or rising where it is measurable.
  static func pitchBrakes(_ signals: VisionSignals, _ series: VisionSeries, _ config: VisionDetectionConfig) -> [VisionEvent] {
    let deep = pitchBrakes(signals, series, config, threshold: config.brakePitchHeightFraction,
                           noiseFactor: config.brakeNoiseFactor)
    guard config.brakeQuietPitchHeightFraction < config.brakePitchHeightFraction else { return deep }
    // The quiet-road pass: a dip the first pass found keeps the first pass's reading.
    let quiet = pitchBrakes(signals, series, config, threshold: config.brakeQuietPitchHeightFraction,
                            noiseFactor: config.brakeQuietNoiseFactor)
    return deep + quiet.filter { dip in
      !deep.contains { $0.event.onsetS <= dip.event.endS && dip.event.onsetS <= $0.event.endS }
    }
  }

  /// One pass of `pitchBrakes`: dips over `threshold` standing `noiseFactor` times above the wander.
  static func pitchBrakes(_ signals: VisionSignals, _ series: VisionSeries, _ config: VisionDetectionConfig,
                          threshold: Double, noiseFactor: Double) -> [VisionEvent] {
    let pitch = signals.pitchHeights, time = signals.timeS
    let release = threshold / 2
    var events: [VisionEvent] = []
    var i = signals.firstJudgedIndex
    while i < pitch.count {
      guard pitch[i] >= threshold else { i += 1; continue }
      var j = i, peak = i, lastOver = i
      while j < pitch.count && pitch[j] >= release {
        if pitch[j] > pitch[peak] { peak = j }
        if pitch[j] >= threshold { lastOver = j }
        j += 1
      }
      defer { i = j + 1 }
      let end = min(j, pitch.count - 1)
      // Where the dip began (a fifth of its peak) and how fast it got to four fifths: a body
      // pitches within a few tenths of a second of the brakes biting; looming drift and curves
      // take a second or more.
      var onset = i
      while onset > signals.firstJudgedIndex && pitch[onset - 1] > 0.2 * pitch[peak] { onset -= 1 }
      var steep = onset
      while steep < peak && pitch[steep] < 0.8 * pitch[peak] { steep += 1 }
      // A dip already under way when the baseline began has no onset to judge.
      guard onset > signals.firstJudgedIndex,
            time[lastOver] - time[i] >= config.brakeHoldS,
            time[steep] - time[onset] <= config.brakeMaximumRiseS,
            pitch[peak] <= config.brakeMaximumPitchHeightFraction,
            pitch[peak] >= noiseFactor * signals.pitchNoiseHeights[onset],
            time[end] - time[onset] <= config.brakeMaximumS,
            !signals.hasCut(max(0, onset - signals.secondFrames), end),
            !slidesSideways(signals, onset, end, config),
            signals.leakPitchHeights[peak] < config.brakeLeakShare * pitch[peak],
            startsFromItsBaseline(signals, onset: onset, peak: peak, config),
            comesBack(signals, onset: onset, peak: peak, config),
            forwardMotionAgrees(signals, onset: onset, end: end, config) else { continue }
      let strength = min(1, pitch[peak] / (2 * threshold))
      let confidence = 0.5 * strength + 0.5 * meanConfidence(series, onset, end)
      events.append(brakeEvent(
        signals, onset: onset, peak: peak, end: end,
        rule: "vision: nose-down pitch>=\(percent(threshold)) of height for \(config.brakeHoldS)s"
          + (noiseFactor > config.brakeNoiseFactor ? ", " + quietRoadText(pitch[peak], signals.pitchNoiseHeights[onset]) : ""),
        confidence: confidence))
    }
    return events
  }

  /// Whether a dip starts from the level its baseline describes: in the second before `onset` the
  /// pitch was not below its trend by `brakeLevelBeforeShare` of the depth at `peak` or more. Where
  /// the drift changes its slope (the pitch falling back for seconds, then levelling off) the line
  /// fitted on the fall runs on below where the pitch stays and the levelling reads as a dip; just
  /// before it the pitch sat far below that same line, which shows the line no longer fits.
  static func startsFromItsBaseline(_ signals: VisionSignals, onset: Int, peak: Int, _ config: VisionDetectionConfig) -> Bool {
    let pitch = signals.pitchHeights
    let lowestBefore = pitch[max(0, onset - signals.secondFrames)..<onset].min() ?? 0
    return lowestBefore > -config.brakeLevelBeforeShare * pitch[peak]
  }

  /// How far a quiet-road dip stands above the wander, for its rule text ("31 x the quiet road's
  /// wander"); a road that did not wander at all (a still picture) has no ratio to give.
  static func quietRoadText(_ depth: Double, _ wander: Double) -> String {
    let ratio = depth / wander
    return ratio.isFinite && ratio < 1e6 ? "\(Int(ratio)) x the quiet road's wander" : "on a road that did not wander"
  }

  /// Whether a dip comes back: within `brakeReturnS` after its peak the pitch falls to
  /// `brakeReturnShare` of its depth or less, measured against the line its baseline described at
  /// the onset, carried forward. When the brakes let go the nose springs back, and while they hold
  /// the estimator's leak pulls the measured dip back (time constant 1 / expansion, about 2 s at
  /// 100 km/h). A road that turns downhill, or a looming drift that changes its rate, does not come
  /// back against that line; the trailing trend only catches up with it. Where the footage ends
  /// first, the return cannot be seen and the dip is not held against it; where the car comes to a
  /// stand (`stopHoldS` of standing within `brakeMaximumS`), the nose comes back then.
  static func comesBack(_ signals: VisionSignals, onset: Int, peak: Int, _ config: VisionDetectionConfig) -> Bool {
    let smoothed = signals.smoothedPitchHeights
    let line = { (index: Int) in
      signals.pitchTrendHeights[onset] + signals.pitchTrendSlopeHeightsPerFrame[onset] * Double(index - onset)
    }
    let depth = smoothed[peak] - line(peak)
    guard depth > 0 else { return true }
    let last = peak + Int(config.brakeReturnS / signals.frameS)
    guard last < smoothed.count else { return true }
    if (peak...last).contains(where: { smoothed[$0] - line($0) <= config.brakeReturnShare * depth }) { return true }
    // A long brake to a standstill (0.33 g from 90 km/h takes 7.5 s) holds the nose down until the
    // car stands: a pitch that steps and stays does not bring the car to a stand.
    let level = medianOf(signals.expansionPerS, onset - signals.secondFrames, onset)
    return stay(signals.expansionPerS, below: standing(from: level, config), from: peak,
                within: Int(config.brakeMaximumS / signals.frameS), holding: Int(config.stopHoldS / signals.frameS)) != nil
  }

  /// Whether the scene slid sideways as fast as a swerve turns (`swerveYawWidthsPerS`) anywhere in
  /// `from...to`. While it does, the row matching reads part of the slide as pitch: a gentle lane
  /// change on realvideo's anmol_highway gave a "dip" of 7 % of the height (a 0.4 g brake pitches
  /// about 1.6 %), a brake when the clip was re-encoded at 15 fps or played 25 % faster. A dip then
  /// is not read as a brake; a swerve there is still reported by the swerve rule.
  static func slidesSideways(_ signals: VisionSignals, _ from: Int, _ to: Int, _ config: VisionDetectionConfig) -> Bool {
    let rate = signals.yawRateWidthsPerS
    let low = max(0, from), high = min(rate.count - 1, to)
    guard high >= low else { return false }
    return rate[low...high].contains { abs($0) >= config.swerveYawWidthsPerS }
  }

  /// Where the car was moving before a dip, the scene's expansion once the dip is over must be
  /// below `brakeExpansionRatio` of its level before: braking leaves the car slower. It is compared
  /// after the dip, not during it, because a nose-down camera sees nearer road at every row and its
  /// expansion rises while the nose is down. A car that was standing cannot brake; a clip that ends
  /// before the dip does is not judged on this.
  static func forwardMotionAgrees(_ signals: VisionSignals, onset: Int, end: Int, _ config: VisionDetectionConfig) -> Bool {
    let second = signals.secondFrames
    let before = medianOf(signals.expansionPerS, max(0, onset - second), onset)
    guard before >= config.movingExpansionPerS else { return before > config.movingExpansionPerS / 3 }
    guard end + second / 3 < signals.expansionPerS.count else { return true }
    let after = medianOf(signals.expansionPerS, end, end + second)
    return after <= config.brakeExpansionRatio * before
  }

  /// Brakes seen as a stop: the forward motion falls from moving to standing faster than a gentle
  /// stop allows (`stopFallMaximumS`) and stays down (`stopHoldS`). The onset is where the fall
  /// starts (the last frame at the level before it); the peak is the deepest dip in the fall.
  static func stops(_ signals: VisionSignals, _ series: VisionSeries, _ config: VisionDetectionConfig) -> [VisionEvent] {
    let expansion = signals.expansionPerS, time = signals.timeS, pitch = signals.pitchHeights
    let second = signals.secondFrames
    let fallFrames = Int(config.stopFallMaximumS / signals.frameS), holdFrames = Int(config.stopHoldS / signals.frameS)
    var events: [VisionEvent] = []
    // The level is the second before the fall, so a stop is judged from a clip's second second: a
    // hard brake 1-1.6 s into a clip (a near-miss cut short) is a stop like any other.
    var j = second + 1
    while j < expansion.count {
      guard let level = fallFromSteadyLevel(signals, at: j, config),
            let (k, stayed) = standingReached(signals, fallingAt: j, from: level, within: fallFrames,
                                              holding: holdFrames, config) else { j += 1; continue }
      let onset = max(fallOnset(signals, fallingAt: j, from: level), steepFallOnset(signals, standingAt: k, from: level))
      let end = min(k + second / 2, expansion.count - 1)
      let peak = deepestIndex(pitch, onset, end)
      let fallS = time[k] - time[onset]
      // A cut or a knocked camera is no stop: the picture must stay measurable and the nose sane.
      guard meanConfidence(series, onset, end) >= 0.5, pitch[peak] <= config.brakeMaximumPitchHeightFraction,
            !signals.hasCut(max(0, onset - second), end) else {
        j = stayed + 1; continue
      }
      let confidence = 0.5 * min(1, config.stopFallMaximumS / max(0.1, 2 * fallS)) + 0.5 * meanConfidence(series, onset, end)
      events.append(brakeEvent(
        signals, onset: onset, peak: peak, end: end,
        rule: "vision: stopped within \(Format.s((fallS * 10).rounded() / 10)) (forward motion to standing)",
        confidence: confidence))
      j = stayed + 1
    }
    return events
  }

  /// Where a fall from `level` under way at frame `j` reaches standing within `frames` and stays
  /// there `holding` frames (or to the clip's end, if that is half as long): the first standing
  /// frame and the first frame after the stay.
  ///
  /// Standing is `stopStandingShare` of the level and hardly any expansion at all
  /// (`standingExpansionPerS`); or, where the level was steady both ways (not a burst of
  /// looming), a tenth of the level (`stopStandingLevelShare`): the measure reads a shaking
  /// camera's match noise as a little expansion, so a standing car behind a vibrating mount or on
  /// a rough road reads 0.02-0.05 a second. A car that creeps on after a hard brake (up to a
  /// queue, or the last metre to a line) stands only briefly, so every frame of the fall is tried,
  /// not only the first that reads standing.
  static func standingReached(_ signals: VisionSignals, fallingAt j: Int, from level: Double, within frames: Int,
                              holding: Int, _ config: VisionDetectionConfig) -> (standing: Int, stayed: Int)? {
    let absolute = standing(from: level, config)
    if let reached = stay(signals.expansionPerS, below: absolute, from: j, within: frames, holding: holding) {
      return reached
    }
    let relative = config.stopStandingLevelShare * level
    guard relative > absolute, fallFromSteadyLevel(signals, at: j, config, steadyBothWays: true) != nil else { return nil }
    return stay(signals.expansionPerS, below: relative, from: j, within: frames, holding: holding)
  }

  /// The forward motion that reads as standing after driving at `level`: `stopStandingShare` of
  /// it and hardly any expansion at all (`standingExpansionPerS`).
  static func standing(from level: Double, _ config: VisionDetectionConfig) -> Double {
    min(config.stopStandingShare * level, config.standingExpansionPerS)
  }

  /// The first frame in `from..<from + within` at or under `bound` from which `values` stay at or
  /// under 1.25 × `bound` for `holding` frames (or to the end, if that is half as long), and the
  /// first frame after that stay.
  static func stay(_ values: [Double], below bound: Double, from: Int, within: Int,
                   holding: Int) -> (standing: Int, stayed: Int)? {
    for k in from..<min(values.count, from + within) where values[k] <= bound {
      var stayed = k
      while stayed < values.count && values[stayed] <= 1.25 * bound { stayed += 1 }
      let heldToEnd = stayed == values.count && stayed - k >= holding / 2
      if stayed - k >= holding || heldToEnd { return (k, stayed) }
    }
    return nil
  }

  /// The level the forward motion falls from at frame `j`, when it starts falling there from
  /// steady driving: moving (the median of the second before), no lower than half that in the
  /// second (a burst of looming under a gantry is not a level), and not already slowing for seconds
  /// (a gentle stop at a light sheds its speed over 5-10 s, and its last metres, where the flow gets
  /// too small to measure, look sudden). With `steadyBothWays` the level 1.5-3 s before must not
  /// have been lower either: a level measured on a burst of looming (an overpass rushing past)
  /// falls back to where it was without the car slowing.
  static func fallFromSteadyLevel(_ signals: VisionSignals, at j: Int, _ config: VisionDetectionConfig,
                                  steadyBothWays: Bool = false) -> Double? {
    let expansion = signals.expansionPerS, second = signals.secondFrames
    let level = medianOf(expansion, j - second, j)
    guard level >= config.movingExpansionPerS, expansion[j] <= 0.8 * level else { return nil }
    let steadiest = expansion[max(0, j - second)..<max(0, j - second / 5)].min() ?? 0
    guard steadiest >= 0.5 * level else { return nil }
    guard j - 3 * second / 2 >= second / 2 else { return level }
    let earlier = medianOf(expansion, j - 3 * second, j - 3 * second / 2)
    guard earlier <= config.stopSteadyRatio * level else { return nil }
    guard !steadyBothWays || earlier * config.stopSteadyRatio >= level else { return nil }
    return level
  }

  /// Brakes seen as a sharp slowdown that does not end standing: the forward motion falls from a
  /// steady level to at most `slowdownExpansionRatio` of it (the median of 0.3-1.3 s after the fall
  /// began), and the nose dips (`brakePitchHeightFraction`) at least `slowdownDipDelayS` after the
  /// fall began and within that window. Only a hard brake sheds two thirds of the speed in about a
  /// second, which it can do only from low speed (0.4 g takes 15 km/h to 5 km/h in 0.75 s), where
  /// the pitch of traffic and turns hides the dip itself. The nose must go down after the fall
  /// starts: a dip already at its deepest when the flow falls (a lane change under looming
  /// structures on realvideo's anmol_highway) is not the car braking.
  static func slowdowns(_ signals: VisionSignals, _ series: VisionSeries, _ config: VisionDetectionConfig) -> [VisionEvent] {
    let expansion = signals.expansionPerS, pitch = signals.pitchHeights
    let second = signals.secondFrames
    let afterFrom = max(1, Int(0.3 / signals.frameS)), afterTo = max(afterFrom + 1, Int(config.slowdownWindowS / signals.frameS))
    let delayFrames = Int(config.slowdownDipDelayS / signals.frameS)
    var events: [VisionEvent] = []
    var j = max(second, signals.firstJudgedIndex)
    while j + afterTo < expansion.count {
      guard let level = fallFromSteadyLevel(signals, at: j, config, steadyBothWays: true) else { j += 1; continue }
      let fallRatio = medianOf(expansion, j + afterFrom, j + afterTo) / level
      guard fallRatio <= config.slowdownExpansionRatio else { j += 1; continue }
      let onset = fallOnset(signals, fallingAt: j, from: level)
      let end = j + afterTo
      let peak = deepestIndex(pitch, onset, end)
      let measurable = meanConfidence(series, onset, end)
      guard pitch[peak] >= config.brakePitchHeightFraction, pitch[peak] <= config.brakeMaximumPitchHeightFraction,
            peak - onset >= delayFrames, measurable >= 0.5,
            // The footage must be continuous over the level too: after an edit's cut the "level"
            // is another scene's.
            !signals.hasCut(max(0, onset - 3 * second), end) else {
        j += 1; continue
      }
      let confidence = 0.5 * min(1, pitch[peak] / (2 * config.brakePitchHeightFraction)) + 0.5 * measurable
      events.append(brakeEvent(
        signals, onset: onset, peak: peak, end: end,
        rule: "vision: forward motion fell to \(Int((fallRatio * 100).rounded())) % within"
          + " \(Format.s(config.slowdownWindowS)) with the nose down",
        confidence: confidence))
      j = end + 1
    }
    return events
  }

  /// Brakes seen as the nose going down and coming back, with the car slower afterwards. The pitch
  /// estimate leaks while the nose is held down (the focus of expansion stays where it was, and the
  /// forward motion about it reads as pitch pulling back, time constant about 2 s at 100 km/h), so
  /// a long brake's dip can sink into the road's wander before it is judged; its two edges cannot.
  /// The nose goes down within a few tenths of a second when the brakes bite and springs back as
  /// fast when they are released: each edge is a step of the smoothed pitch over
  /// `dipReturnStepS`, judged against how much that same step wandered in the trailing baseline
  /// window (about its mean, so a steady drift is no step). The going-down edge must stand
  /// `dipReturnOnsetNoiseFactor` above the wander, the coming-back edge (0.5 s to `brakeMaximumS`
  /// later, and before the nose next goes down by the threshold) `dipReturnReleaseNoiseFactor`
  /// above the wander before or the same window's worth after it, whichever is quieter,
  /// and the forward motion in the second after the release must be at most
  /// `dipReturnExpansionRatio` of the second before the onset, and less the longer the nose was
  /// down (`dipReturnSpeedShedPerS`): braking leaves the car slower, the more so the longer it lasts.
  static func dipsAndReturns(_ signals: VisionSignals, _ series: VisionSeries, _ config: VisionDetectionConfig) -> [VisionEvent] {
    let pitch = signals.smoothedPitchHeights, expansion = signals.expansionPerS, frameS = signals.frameS
    let count = pitch.count, half = max(1, Int(config.dipReturnStepS / frameS))
    guard count > 2 * half + 2 else { return [] }
    // step[i]: how far the nose went down from i - half to i + half (picture heights).
    var step = [Double](repeating: 0, count: count)
    for index in half..<(count - half) { step[index] = pitch[index + half] - pitch[index - half] }
    var sum = [0.0], squares = [0.0]
    sum.reserveCapacity(count + 1); squares.reserveCapacity(count + 1)
    for value in step { sum.append(sum[sum.count - 1] + value); squares.append(squares[squares.count - 1] + value * value) }
    let windowFrames = Int(config.pitchBaselineS / frameS), gapFrames = Int(config.pitchBaselineGapS / frameS)
    let minimumFrames = max(2, Int(config.minimumBaselineS / frameS))
    let smoothingHalf = Int(config.pitchSmoothingS / frameS) / 2
    let returnFrom = Int(0.5 / frameS), returnTo = Int(config.brakeMaximumS / frameS)
    let second = signals.secondFrames, around = Int(0.3 / frameS)
    let threshold = config.brakePitchHeightFraction
    // The step's mean over `low..<high` and how much it wandered about that mean (RMS).
    func stepSpread(_ low: Int, _ high: Int) -> (mean: Double, wander: Double) {
      let n = Double(high - low), mean = (sum[high] - sum[low]) / n
      return (mean, max(1e-6, max(0, (squares[high] - squares[low]) / n - mean * mean).squareRoot()))
    }
    var events: [VisionEvent] = []
    var i = max(signals.firstJudgedIndex, half)
    while i < count - half {
      // The wander of the step over the trailing window, within this clip (each clip is measured by
      // its own estimator run, and the pitch is smoothed across the boundary).
      let clipStart = series.clipStartIndices.last(where: { $0 <= i }) ?? 0
      let low = max(i - gapFrames - windowFrames, clipStart + half + smoothingHalf), high = i - gapFrames
      guard high - low >= minimumFrames else { i += 1; continue }
      let (mean, wander) = stepSpread(low, high)
      guard step[i] - mean >= threshold else { i += 1; continue }
      var j = i, steepest = i
      while j < count - half && step[j] - mean >= threshold / 2 {
        if step[j] > step[steepest] { steepest = j }
        j += 1
      }
      defer { i = j + 1 }
      let down = step[steepest] - mean
      // The release belongs to the latest going-down edge before it: the search for it ends where
      // the nose next goes down by the threshold again (a new candidate). Without this bound a
      // going-down edge of the road's own pitch took the release of a brake that began later (the
      // made brakes at other places on the same roads: releases 3.3 and 7.7 s after road edges).
      let searchLimit = min(count - half, steepest + returnTo)
      var searchTo = j
      while searchTo < searchLimit && step[searchTo] - mean < threshold { searchTo += 1 }
      guard down >= config.dipReturnOnsetNoiseFactor * wander, down <= config.brakeMaximumPitchHeightFraction,
            steepest + returnFrom < searchTo else { continue }
      var release = steepest + returnFrom
      for index in release..<searchTo where step[index] < step[release] { release = index }
      let up = mean - step[release]
      let onset = steepest - half, end = release + half
      // The release is judged against the quieter of the road before the dip and the road after
      // it: the window before can hold a disturbance the road does not (the estimator settling, a
      // change in the looming drift in a clip's first seconds), while a rough road is rough on
      // both sides.
      let clipEnd = series.clipStartIndices.first(where: { $0 > i }) ?? count
      let afterLow = end + around + half
      let afterHigh = min(clipEnd - half - smoothingHalf, count - half, afterLow + windowFrames)
      let releaseWander = afterHigh - afterLow >= minimumFrames ? min(wander, stepSpread(afterLow, afterHigh).wander) : wander
      guard up >= threshold, up >= config.dipReturnReleaseNoiseFactor * releaseWander,
            end + second + around <= count else { continue }
      let before = medianOf(expansion, onset - second - around, onset - around)
      let after = medianOf(expansion, end + around, end + around + second)
      let heldS = signals.timeS[release] - signals.timeS[steepest]
      let allowedRatio = min(config.dipReturnExpansionRatio, 1 - config.dipReturnSpeedShedPerS * heldS)
      guard before >= config.movingExpansionPerS, after <= allowedRatio * before,
            !signals.hasCut(max(0, onset - second), end + around + second),
            !slidesSideways(signals, onset, steepest + half, config) else { continue }
      let confidence = 0.5 * min(1, down / (2 * threshold)) + 0.5 * meanConfidence(series, onset, end)
      events.append(brakeEvent(
        signals, onset: onset, peak: deepestIndex(signals.pitchHeights, onset, end), end: end,
        rule: "vision: nose went down and came back \(Format.s((heldS * 10).rounded() / 10))"
          + " later (\(Int((down / wander).rounded())) and \(Int((up / releaseWander).rounded())) x the wander),"
          + " forward motion after at \(Int((after / before * 100).rounded())) % of before",
        confidence: confidence))
      j = max(j, end)
    }
    return events
  }

  /// Where a fall of the forward motion that is under way at frame `j` began: the last frame in
  /// the second before still at nine tenths of `level`.
  static func fallOnset(_ signals: VisionSignals, fallingAt j: Int, from level: Double) -> Int {
    var onset = j
    while onset > max(0, j - signals.secondFrames) && signals.expansionPerS[onset] < 0.9 * level { onset -= 1 }
    return onset
  }

  /// Where the steep fall that reaches standing at frame `k` began: the last frame before it at half
  /// of `level` or more, then back to the last frame there at nine tenths of the median of its own
  /// second before (searched up to 2 s back). A car that slows a little first (out of a turn,
  /// behind a cyclist) and then brakes hard has its onset where the hard braking starts, not where
  /// the forward motion first dipped under the level.
  static func steepFallOnset(_ signals: VisionSignals, standingAt k: Int, from level: Double) -> Int {
    let expansion = signals.expansionPerS, second = signals.secondFrames
    var half = k
    while half > 0 && expansion[half] < 0.5 * level { half -= 1 }
    var onset = half
    while onset > max(1, half - 2 * second) && expansion[onset] < 0.9 * medianOf(expansion, onset - second, onset) {
      onset -= 1
    }
    return onset
  }

  /// The index of the largest of `values[from...to]` (the first of equals).
  static func deepestIndex(_ values: [Double], _ from: Int, _ to: Int) -> Int {
    var deepest = from
    for index in from...to where values[index] > values[deepest] { deepest = index }
    return deepest
  }

  /// A vision brake from `onset` to `end` (frame indices), deepest at `peak`: its magnitude is the
  /// nose-down pitch there (none below 0), which `rule` is followed by.
  static func brakeEvent(_ signals: VisionSignals, onset: Int, peak: Int, end: Int, rule: String,
                         confidence: Double) -> VisionEvent {
    let time = signals.timeS, depth = max(0, signals.pitchHeights[peak])
    var event = DetectedEvent(
      kind: .brake, source: .vision, onsetS: time[onset], peakS: time[peak], endS: time[end], initiator: .unknown,
      rule: rule + " (peak \(percent(depth)))", confidence: confidence)
    event.visionPeakPitchHeights = depth
    return VisionEvent(event: event, peakMagnitude: depth)
  }

  static func medianOf(_ values: [Double], _ from: Int, _ to: Int) -> Double {
    let low = max(0, from), high = min(values.count, to)
    guard high > low else { return 0 }
    let window = values[low..<high].sorted()
    return window[window.count / 2]
  }

  static func swerves(_ signals: VisionSignals, _ series: VisionSeries, _ config: VisionDetectionConfig) -> [VisionEvent] {
    let rate = signals.yawRateWidthsPerS, time = signals.timeS
    let threshold = config.swerveYawWidthsPerS, release = threshold / 2
    let frameS = signals.frameS
    let lookback = Int(config.swerveLookbackS / frameS), lookahead = Int(config.swerveLookaheadS / frameS)
    let quietFrames = signals.secondFrames
    var events: [VisionEvent] = []
    var i = 0
    while i < rate.count {
      guard abs(rate[i]) >= threshold else { i += 1; continue }
      // The burst lasts until the yaw rate stays under the release level for a second.
      var j = i, quiet = 0
      while j < rate.count && quiet < quietFrames {
        quiet = abs(rate[j]) >= release ? 0 : quiet + 1
        j += 1
      }
      let burstEnd = max(i, j - quiet)
      let low = max(0, i - lookback), high = min(rate.count, max(burstEnd + 1, i + lookahead))
      var left = 0.0, right = 0.0, peak = i
      for k in low..<high {
        if rate[k] > 0 { right += rate[k] } else { left -= rate[k] }
        if k >= i && k <= burstEnd && abs(rate[k]) > abs(rate[peak]) { peak = k }
      }
      let returnShare = min(left, right) / max(1e-9, max(left, right))
      if returnShare >= config.swerveReturnShare, !signals.hasCut(max(0, low), min(rate.count - 1, high)) {
        var onset = i
        while onset > low && abs(rate[onset - 1]) > config.swerveOnsetShareOfPeak * abs(rate[peak]) { onset -= 1 }
        // As for brakes, nothing is judged before the baseline exists (a mount shaking at the start).
        guard onset >= signals.firstJudgedIndex else { i = max(j, i + 1); continue }
        let strength = min(1, abs(rate[peak]) / (2 * threshold))
        let confidence = (strength + min(1, returnShare / 0.6) + meanConfidence(series, onset, burstEnd)) / 3
        events.append(VisionEvent(event: DetectedEvent(
          kind: .swerve, source: .vision, onsetS: time[onset], peakS: time[peak], endS: time[min(burstEnd, rate.count - 1)],
          initiator: .unknown,
          rule: "vision: yaw rate>=\(percent(threshold)) of width/s, out and back"
            + " (peak \(percent(abs(rate[peak]))), return \(Int((returnShare * 100).rounded())) %)",
          confidence: confidence), peakMagnitude: abs(rate[peak])))
      }
      i = max(j, i + 1)
    }
    return events
  }

  static func merge(_ events: [VisionEvent], gapS: Double) -> [VisionEvent] {
    var merged: [VisionEvent] = []
    for next in events.sorted(by: { $0.event.onsetS < $1.event.onsetS }) {
      if var last = merged.last, next.event.onsetS - last.event.endS < gapS {
        // The merged event speaks for its largest part: that part's peak, time and text.
        if next.peakMagnitude > last.peakMagnitude {
          last.event.peakS = next.event.peakS
          last.event.rule = next.event.rule
          last.event.visionPeakPitchHeights = next.event.visionPeakPitchHeights
          last.peakMagnitude = next.peakMagnitude
        }
        last.event.confidence = max(last.event.confidence, next.event.confidence)
        last.event.endS = max(last.event.endS, next.event.endS)
        merged[merged.count - 1] = last
      } else {
        merged.append(next)
      }
    }
    return merged
  }

  static func meanConfidence(_ series: VisionSeries, _ from: Int, _ to: Int) -> Double {
    guard to >= from, from >= 0, to < series.count else { return 0 }
    return series.confidence[from...to].reduce(0, +) / Double(to - from + 1)
  }

  static func percent(_ fraction: Double) -> String {
    let value = (fraction * 1000).rounded() / 10
    return "\(value)%"
  }
}
