/// `brake`: deceleration ≥ 0.20 g held ≥ 0.4 s, or a speed drop ≥ 8 km/h within 2 s from
/// ≥ 15 km/h (docs/detection.md). When both rules see the same slowdown, the deceleration rule's
/// timing stands (see `CandidateMerging.combine`).
enum BrakeDetector {
  static func candidates(_ signals: DetectionSignals) -> [Candidate] {
    let config = signals.config
    let track = signals.decelG
    let fromSpeed = signals.longitudinalSource == .speedDerivative ? " (from speed)" : ""
    let rule = "decel>=\(Format.g(config.brakeDecelG)) for \(Format.s(config.brakeHoldS))" + fromSpeed
    let runs = Hysteresis.runs(
      track, threshold: config.brakeDecelG, release: config.brakeDecelG * config.releaseFraction
    )
    .filter { Hysteresis.longestHoldS(track, $0, threshold: config.brakeDecelG) >= config.brakeHoldS - 1e-9 }
    let decel = CandidateMerging.merge(
      runs.map { Candidate($0, on: track, rule: rule) }, times: signals.times,
      gapS: config.mergeGapS)
    let drops = CandidateMerging.merge(speedDrops(signals), times: signals.times, gapS: config.mergeGapS)
    return CandidateMerging.combine(primary: decel, secondary: drops, times: signals.times, gapS: config.mergeGapS)
      .map { candidate in
        // Onset and end come from the lightly smoothed signal; the peak from the held average.
        var candidate = candidate
        let peak = strongestDecel(signals, from: candidate.onset, to: candidate.end)
        candidate.peak = peak.index
        candidate.peakValue = peak.g
        return candidate
      }
  }

  /// Speed-drop intervals. The per-sample measure is the drop reached within the next window:
  /// onset is the first sample (at ≥ 15 km/h) from which the speed falls ≥ 8 km/h within 2 s;
  /// the end is the first sample, once the last such fall is complete, from which it falls less
  /// than half that.
  static func speedDrops(_ signals: DetectionSignals) -> [Candidate] {
    let config = signals.config
    let speed = signals.speed.smoothed(windowS: config.speedSmoothingS)
    let dropMPS = config.speedDropKmh / 3.6
    let minimumMPS = config.speedDropMinKmh / 3.6
    let release = dropMPS * config.releaseFraction
    let rule = "speed_drop>=\(Format.number(config.speedDropKmh))km/h in \(Format.s(config.speedDropWindowS))"
    var result: [Candidate] = []
    for segment in speed.segments {
      /// Largest fall from point i within the window, and the first point reaching `target`.
      func fall(from i: Int, target: Double) -> (drop: Double, reached: Int?) {
        var drop = 0.0
        var reached: Int?
        var j = i + 1
        while j < segment.upperBound && speed.times[j] - speed.times[i] <= config.speedDropWindowS + 1e-9 {
          let d = speed.values[i] - speed.values[j]
          if d > drop { drop = d }
          if reached == nil && d >= target { reached = j }
          j += 1
        }
        return (drop, reached)
      }
      var i = segment.lowerBound
      while i < segment.upperBound {
        guard speed.values[i] >= minimumMPS, let firstReached = fall(from: i, target: dropMPS).reached else {
          i += 1
          continue
        }
        let onset = i
        var lastReached = firstReached
        var k = i + 1
        // Extend while later samples still start a qualifying fall before the last one completes.
        while k < segment.upperBound && k <= lastReached {
          if speed.values[k] >= minimumMPS, let reached = fall(from: k, target: dropMPS).reached {
            lastReached = max(lastReached, reached)
          }
          k += 1
        }
        var end = lastReached
        while end < segment.upperBound - 1 && fall(from: end, target: dropMPS).drop >= release { end += 1 }
        let peak = strongestDecel(signals, from: speed.sampleIndices[onset], to: speed.sampleIndices[end])
        result.append(
          Candidate(
            onset: speed.sampleIndices[onset], peak: peak.index, end: speed.sampleIndices[end],
            peakValue: peak.g, rule: rule))
        i = end + 1
      }
    }
    return result
  }

  /// The sample of the largest held deceleration within samples `from...to` (the onset if unknown).
  static func strongestDecel(_ signals: DetectionSignals, from: Int, to: Int) -> (index: Int, g: Double) {
    let track = signals.decelForPeakG
    var best: (index: Int, g: Double)?
    if var k = track.point(atOrBefore: to) {
      while k >= 0 && track.sampleIndices[k] >= from {
        if best == nil || track.values[k] >= best!.g { best = (track.sampleIndices[k], track.values[k]) }
        k -= 1
      }
    }
    return best ?? (from, 0)
  }
}
