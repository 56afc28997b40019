import Foundation

/// docs/detection.md's telemetry rules applied to the simulated per-frame signals: what a perfect
/// detector would report. Samples are frames; onset = first sample over the threshold, peak = the
/// extreme sample, end = first sample back under half the threshold; same-kind events closer than
/// the merge gap become one.
struct DetectionRules {
  struct Interval: Equatable {
    var onset: Int
    var peak: Int
    var end: Int
    var peakValue: Double
    var rule: String
  }

  let frames: [FrameState]
  let fps: Double
  let thresholds: DetectionThresholds

  private func time(_ frame: Int) -> Double { Double(frame) / fps }

  /// Hysteresis intervals: start at the first sample ≥ `threshold`, end at the first sample
  /// < `release` (the last frame if it never drops).
  func hysteresis(_ values: [Double], threshold: Double, release: Double, rule: String) -> [Interval] {
    var result: [Interval] = []
    var i = 0
    while i < values.count {
      guard values[i] >= threshold else {
        i += 1
        continue
      }
      var peak = i
      var j = i
      while j < values.count && values[j] >= release {
        if values[j] > values[peak] { peak = j }
        j += 1
      }
      let end = min(j, values.count - 1)
      result.append(Interval(onset: i, peak: peak, end: end, peakValue: values[peak], rule: rule))
      i = j + 1
    }
    return result
  }

  /// Longest time from the first to the last sample of a run ≥ threshold inside the interval.
  func longestHoldS(_ values: [Double], _ interval: Interval, threshold: Double) -> Double {
    var best = 0.0
    var runStart: Int?
    for k in interval.onset...interval.end {
      if values[k] >= threshold {
        if runStart == nil { runStart = k }
        best = max(best, time(k - runStart!))
      } else {
        runStart = nil
      }
    }
    return best
  }

  func merge(_ intervals: [Interval]) -> [Interval] {
    var merged: [Interval] = []
    for interval in intervals.sorted(by: { $0.onset < $1.onset }) {
      if var last = merged.last, time(interval.onset) - time(last.end) < thresholds.mergeGapS {
        if interval.peakValue > last.peakValue {
          last.peak = interval.peak
          last.peakValue = interval.peakValue
        }
        last.end = max(last.end, interval.end)
        merged[merged.count - 1] = last
      } else {
        merged.append(interval)
      }
    }
    return merged
  }

  var decelG: [Double] { frames.map { -$0.accelLongMPS2 / standardGravity } }
  var lateralG: [Double] { frames.map { abs($0.accelLatMPS2) / standardGravity } }

  func brakes() -> [Interval] {
    let values = decelG
    let candidates = hysteresis(
      values, threshold: thresholds.brakeDecelG, release: thresholds.brakeDecelG / 2, rule: "decel")
    return merge(
      candidates.filter { longestHoldS(values, $0, threshold: thresholds.brakeDecelG) >= thresholds.brakeHoldS - 1e-9 })
  }

  func swerves() -> [Interval] {
    let values = lateralG
    let candidates = hysteresis(
      values, threshold: thresholds.swerveLatG, release: thresholds.swerveLatG / 2, rule: "lateral")
    return merge(candidates.filter { frames[$0.onset].speedMPS * 3.6 >= thresholds.swerveMinKmh })
  }

  /// Accelerator pressed while assistance is engaged, during or within the window after a brake.
  func overrides(brakes: [Interval]) -> [Interval] {
    let pedal = frames.map(\.acceleratorPedal)
    let candidates = hysteresis(
      pedal, threshold: thresholds.acceleratorPressed, release: thresholds.acceleratorPressed / 2,
      rule: "accelerator")
    return merge(
      candidates.filter { candidate in
        // Pressed while engaged: the first engaged sample with the pedal down counts as the onset.
        let t = time(candidate.onset)
        return frames[candidate.onset].autopilot.engaged
          && brakes.contains { t >= time($0.onset) && t <= time($0.end) + thresholds.overrideWindowS }
      })
  }

  /// FSD/Autosteer → a state that does not steer (TACC or none) while moving. A switch between FSD
  /// and Autosteer is not a disengagement: the car keeps steering.
  func disengagements() -> [Interval] {
    var result: [Interval] = []
    for i in frames.indices.dropFirst() {
      let before = frames[i - 1].autopilot
      let now = frames[i].autopilot
      if before.steers && !now.steers && frames[i].speedMPS >= thresholds.movingMPS {
        result.append(Interval(onset: i, peak: i, end: i, peakValue: 0, rule: "state_change"))
      }
    }
    return result
  }

  /// Start frames of speed drops of ≥ 8 km/h within 2 s from ≥ 15 km/h, with the frame where the
  /// drop is reached. Used to check that every such drop is also a deceleration-rule brake.
  func speedDrops() -> [(start: Int, reached: Int)] {
    let window = Int((thresholds.speedDropWindowS * fps).rounded())
    let drop = thresholds.speedDropKmh / 3.6
    let minimum = thresholds.speedDropMinKmh / 3.6
    var result: [(Int, Int)] = []
    for i in frames.indices where frames[i].speedMPS >= minimum {
      let last = min(frames.count - 1, i + window)
      guard last > i else { continue }
      for j in (i + 1)...last where frames[i].speedMPS - frames[j].speedMPS >= drop {
        result.append((i, j))
        break
      }
    }
    return result
  }

  /// Frames where the steering rule would fire (rate ≥ 90 °/s with ≥ 20 ° excursion from straight
  /// ahead, at ≥ 30 km/h): every one must lie inside a lateral-rule swerve.
  func steeringRuleFrames() -> [Int] {
    guard frames.count > 2 else { return [] }
    var result: [Int] = []
    for i in 1..<(frames.count - 1) {
      let rate = (frames[i + 1].steeringWheelDeg - frames[i - 1].steeringWheelDeg) * fps / 2
      if abs(rate) >= thresholds.swerveSteeringRateDegPerS
        && abs(frames[i].steeringWheelDeg) >= thresholds.swerveSteeringExcursionDeg
        && frames[i].speedMPS * 3.6 >= thresholds.swerveMinKmh
      {
        result.append(i)
      }
    }
    return result
  }

  /// `fsd` when assistance was engaged at onset and the brake pedal was not pressed in the 2 s
  /// before (docs/detection.md: the pedal did not come first).
  func initiator(onset: Int) -> Initiator {
    guard frames[onset].autopilot.engaged else { return .driver }
    let from = max(0, onset - Int(2 * fps))
    for k in from...onset where frames[k].brakeApplied { return .driver }
    return .fsd
  }

  func severity(_ g: Double) -> GroundTruthEvent.Severity {
    g < thresholds.hardG ? .mild : g < thresholds.emergencyG ? .hard : .emergency
  }
}
