import FSDDomain
import FSDTelemetry

/// `disengagement`: FSD/Autosteer → any other state while moving (docs/detection.md), with the cause
/// read from what the driver did just before.
enum DisengagementDetector {
  struct Found {
    var candidate: Candidate
    var from: AutopilotMode
    var to: AutopilotMode
    var cause: DisengagementCause
    /// False when the series has none of brake pedal, accelerator and steering around the change.
    var inputsKnown: Bool
  }

  static func find(_ signals: DetectionSignals) -> [Found] {
    let config = signals.config
    let series = signals.series
    var result: [Found] = []
    var last: (mode: AutopilotMode, index: Int)?
    for i in 0..<series.count {
      guard let mode = series.samples[i].autopilot else { continue }
      defer { last = (mode, i) }
      guard let before = last, before.mode != mode, config.disengagementFrom.contains(before.mode) else { continue }
      // Across a gap the moment (and so the cause) of the change is unknowable: not reported.
      guard series.times[i] - series.times[before.index] <= config.maxSampleGapS else { continue }
      if let speed = signals.speedMPS(at: i), speed < config.movingMPS { continue }
      let (cause, known) = cause(signals, transition: i)
      let rule = "state \(before.mode.rawValue)->\(mode.rawValue)"
      result.append(
        Found(
          candidate: Candidate(onset: i, peak: i, end: i, peakValue: 0, rule: rule),
          from: before.mode, to: mode, cause: cause, inputsKnown: known))
    }
    return result
  }

  /// The earliest driver input in the window before the change at sample `transition`.
  ///
  /// The brake pedal counts up to and including the first sample in the new state (pressing it is
  /// what disengages, often within the same sample). The accelerator counts only while still
  /// engaged: pressing it overrides without disengaging, and once the driver drives, the pedal
  /// is just driving. Steering counts when the wheel turns faster than
  /// `disengagementSteeringRateDegPerS` (the car reports torque only as the wheel moving).
  static func cause(_ signals: DetectionSignals, transition: Int) -> (DisengagementCause, inputsKnown: Bool) {
    let config = signals.config
    let series = signals.series
    let t = series.times[transition]
    var known = false
    var first: (time: Double, rank: Int, cause: DisengagementCause)?
    func consider(_ time: Double, _ rank: Int, _ cause: DisengagementCause) {
      if first == nil || time < first!.time || (time == first!.time && rank < first!.rank) {
        first = (time, rank, cause)
      }
    }
    for k in series.indices(fromS: t - config.disengagementCauseWindowS, toS: t) {
      let s = series.samples[k]
      if let brake = s.brakePedal {
        known = true
        if brake { consider(series.times[k], 0, .brakePedal) }
      }
      if let rate = signals.steeringRateAt[k] {
        known = true
        if abs(rate) >= config.disengagementSteeringRateDegPerS { consider(series.times[k], 1, .steering) }
      }
      if let pedal = s.acceleratorPedal {
        known = true
        if k < transition && pedal >= config.acceleratorPressed { consider(series.times[k], 2, .accelerator) }
      }
    }
    return (first?.cause ?? .unknown, known)
  }
}
