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
    let pitch = signals.pitchHeights, time = signals.timeS
    let threshold = config.brakePitchHeightFraction, release = threshold / 2
    var events: [VisionEvent] = []
    var i = 0
    while i < pitch.count {
      guard pitch[i] >= threshold else { i += 1; continue }
      var j = i, peak = i, lastOver = i
      while j < pitch.count && pitch[j] >= release {
        if pitch[j] > pitch[peak] { peak = j }
        if pitch[j] >= threshold { lastOver = j }
        j += 1
      }
      if time[lastOver] - time[i] >= config.brakeHoldS {
        let end = min(j, pitch.count - 1)
        let strength = min(1, pitch[peak] / (2 * threshold))
        let confidence = 0.5 * strength + 0.5 * meanConfidence(series, i, end)
        events.append(VisionEvent(event: DetectedEvent(
          kind: .brake, onsetS: time[i], peakS: time[peak], endS: time[end], initiator: .unknown,
          rule: "vision: nose-down pitch>=\(percent(threshold)) of height for \(config.brakeHoldS)s"
            + " (peak \(percent(pitch[peak])))",
          confidence: confidence), peakMagnitude: pitch[peak]))
      }
      i = j + 1
    }
    return events
  }

  static func swerves(_ signals: VisionSignals, _ series: VisionSeries, _ config: VisionDetectionConfig) -> [VisionEvent] {
    let rate = signals.yawRateWidthsPerS, time = signals.timeS
    let threshold = config.swerveYawWidthsPerS, release = threshold / 2
    let frameS = rate.count > 1 ? max(1e-3, (time[time.count - 1] - time[0]) / Double(time.count - 1)) : 1.0 / 36
    let lookback = Int(config.swerveLookbackS / frameS), lookahead = Int(config.swerveLookaheadS / frameS)
    let quietFrames = max(1, Int(1.0 / frameS))
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
      if returnShare >= config.swerveReturnShare {
        var onset = i
        while onset > low && abs(rate[onset - 1]) > config.swerveOnsetShareOfPeak * abs(rate[peak]) { onset -= 1 }
        let strength = min(1, abs(rate[peak]) / (2 * threshold))
        let confidence = (strength + min(1, returnShare / 0.6) + meanConfidence(series, onset, burstEnd)) / 3
        events.append(VisionEvent(event: DetectedEvent(
          kind: .swerve, onsetS: time[onset], peakS: time[peak], endS: time[min(burstEnd, rate.count - 1)],
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
        if next.event.confidence > last.event.confidence {
          last.event.peakS = next.event.peakS
          last.event.confidence = next.event.confidence
        }
        last.peakMagnitude = max(last.peakMagnitude, next.peakMagnitude)
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
