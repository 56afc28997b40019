/// `swerve`: lateral acceleration ≥ 0.25 g, or a steering-wheel rate ≥ 90 °/s with an excursion
/// ≥ 20°, at ≥ 30 km/h (docs/detection.md). The lateral rule is primary: at low speed the wheel turns
/// far before the car's lateral acceleration builds, so a steering-rule event near a lateral one
/// is absorbed into it rather than moving its onset (see `CandidateMerging.combine`).
enum SwerveDetector {
  static func candidates(_ signals: DetectionSignals) -> [Candidate] {
    let config = signals.config
    let minimumMPS = config.swerveMinKmh / 3.6
    func fastEnough(_ sample: Int) -> Bool {
      // Without speed data the rule cannot be checked: the event is kept.
      signals.speedMPS(at: sample).map { $0 >= minimumMPS - 1e-9 } ?? true
    }

    let lateral = signals.lateralG
    let lateralRule = "lateral>=\(Format.g(config.swerveLatG))"
    let lateralRuns = Hysteresis.runs(
      lateral, threshold: config.swerveLatG, release: config.swerveLatG * config.releaseFraction
    )
    .map { Candidate($0, on: lateral, rule: lateralRule) }
    .filter { fastEnough($0.onset) }
    let primary = CandidateMerging.merge(lateralRuns, times: signals.times, gapS: config.mergeGapS)

    let rate = signals.steeringRate
    let magnitude = rate.with(values: rate.values.map(abs))
    let excursion = rate.trailingRange(windowS: config.swerveSteeringExcursionWindowS, of: signals.steering)
    let steeringRule =
      "steering_rate>=\(Format.number(config.swerveSteeringRateDegPerS))deg/s"
      + " with excursion>=\(Format.number(config.swerveSteeringExcursionDeg))deg"
    let steeringRuns = Hysteresis.runs(
      magnitude, threshold: config.swerveSteeringRateDegPerS,
      release: config.swerveSteeringRateDegPerS * config.releaseFraction,
      startsAt: { k in excursion[k] >= config.swerveSteeringExcursionDeg && fastEnough(magnitude.sampleIndices[k]) }
    ).map { Candidate($0, on: magnitude, rule: steeringRule) }
    let secondary = CandidateMerging.merge(steeringRuns, times: signals.times, gapS: config.mergeGapS)

    return CandidateMerging.combine(
      primary: primary, secondary: secondary, times: signals.times, gapS: config.mergeGapS)
  }

  /// Peak |lateral| g and |steering rate| within an event, for the record.
  static func peaks(_ signals: DetectionSignals, _ candidate: Candidate) -> (latG: Double?, rateDegPerS: Double?) {
    func maximum(_ track: SignalTrack) -> Double? {
      var best: Double?
      guard var k = track.point(atOrBefore: candidate.end) else { return nil }
      while k >= 0 && track.sampleIndices[k] >= candidate.onset {
        best = max(best ?? 0, abs(track.values[k]))
        k -= 1
      }
      return best
    }
    return (maximum(signals.lateralG), maximum(signals.steeringRate))
  }
}

extension SignalTrack {
  /// At each point of this track, the range (max − min) of `other` over the trailing window, where
  /// `other` shares this track's sample indices (the steering angle behind a steering rate).
  func trailingRange(windowS: Double, of other: SignalTrack) -> [Double] {
    let ranges = other.trailingRange(windowS: windowS)
    var bySample: [Int: Double] = [:]
    for (k, i) in other.sampleIndices.enumerated() { bySample[i] = ranges[k] }
    return sampleIndices.map { bySample[$0] ?? 0 }
  }
}
