/// `override`: the accelerator pressed while assistance is engaged, during or within 3 s after a
/// `brake` (docs/detection.md: the classic response to a phantom brake). "Engaged" includes TACC: the
/// car is in charge of speed there too.
enum OverrideDetector {
  static func candidates(_ signals: DetectionSignals, brakes: [Candidate]) -> [Candidate] {
    let config = signals.config
    let times = signals.times
    let pedal = signals.pedal
    let rule =
      "accelerator>=\(Format.number(config.acceleratorPressed)) while engaged within "
      + "\(Format.s(config.overrideWindowS)) of a brake"
    let presses = Hysteresis.runs(
      pedal, threshold: config.acceleratorPressed,
      release: config.acceleratorPressed * config.releaseFraction
    )
    .map { Candidate($0, on: pedal, rule: rule) }
    .filter { press in
      // The press must start while engaged: a press begun while driving manually is driving.
      guard signals.autopilot(at: press.onset)?.isEngaged == true else { return false }
      let t = times[press.onset]
      return brakes.contains { t >= times[$0.onset] && t <= times[$0.end] + config.overrideWindowS + 1e-9 }
    }
    return CandidateMerging.merge(presses, times: times, gapS: config.mergeGapS)
  }
}
