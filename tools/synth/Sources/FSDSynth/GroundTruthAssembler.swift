import Foundation

/// Applies the detection rules to the simulated frames, attributes every event found to the
/// scenario entry that caused it, and refuses scenarios where the two disagree: a scripted event
/// the rules would not find, or an event nothing scripted (a distractor that is too strong).
struct GroundTruthAssembler {
  let scenario: Scenario
  let plan: DrivePlan
  let frames: [FrameState]
  let fps: Double
  let clock: DriveClock
  let endDistanceM: Double
  let stopRecords: [StopRecord]
  let thresholds = DetectionThresholds()

  private struct Expectation {
    var scenarioEvent: Int
    var kind: GroundTruthEvent.Kind
    var fromS: Double
    var toS: Double
    var required: Bool
  }

  private func time(_ frame: Int) -> Double { Double(frame) / fps }

  func assemble() throws -> GroundTruth {
    let rules = DetectionRules(frames: frames, fps: fps, thresholds: thresholds)
    let brakes = rules.brakes()
    let found: [(GroundTruthEvent.Kind, DetectionRules.Interval)] =
      brakes.map { (.brake, $0) } + rules.swerves().map { (.swerve, $0) }
      + rules.overrides(brakes: brakes).map { (.override, $0) } + rules.disengagements().map { (.disengagement, $0) }

    let expectations = makeExpectations()
    var matchedCount = [Int](repeating: 0, count: expectations.count)
    var events: [GroundTruthEvent] = []

    for (kind, interval) in found.sorted(by: { $0.1.onset < $1.1.onset }) {
      let onsetS = time(interval.onset)
      let endS = time(interval.end)
      let candidates = expectations.indices.filter {
        expectations[$0].kind == kind && expectations[$0].fromS <= endS && expectations[$0].toS >= onsetS
      }
      let required = candidates.filter { expectations[$0].required }
      if required.count > 1 {
        let names = required.map { describe(event: expectations[$0].scenarioEvent) }.joined(separator: " and ")
        throw ScenarioError(
          "\(names) become a single \(kind.rawValue) event (\(format(onsetS))–\(format(endS)) s): "
            + "docs/detection.md merges events of the same kind closer than \(format(thresholds.mergeGapS)) s; space them further apart"
        )
      }
      for k in candidates { matchedCount[k] += 1 }
      let owner = (required.first ?? candidates.first).map { expectations[$0].scenarioEvent }
      if owner == nil && !(kind == .disengagement && isPhaseChange(interval.onset)) {
        throw unexpected(kind, interval)
      }
      events.append(try makeEvent(kind, interval, owner: owner, rules: rules))
    }

    for (k, expectation) in expectations.enumerated() where expectation.required && matchedCount[k] == 0 {
      throw missing(expectation, rules: rules)
    }
    try checkSpeedDrops(rules: rules, brakes: events.filter { $0.kind == .brake })
    try checkSteering(rules: rules, swerves: events.filter { $0.kind == .swerve })

    return GroundTruth(
      scenario: scenario.name, seed: scenario.seed, startLocal: clock.localISO8601(atS: 0),
      startUTC: clock.utcISO8601(atS: 0),
      utcOffsetS: clock.utcOffsetS, fps: fps, frameCount: frames.count, durationS: Double(frames.count) / fps,
      distanceM: endDistanceM, usage: usage(), imuAxes: scenario.imuAxes, thresholds: thresholds, events: events,
      distractors: distractorIntervals())
  }

  private func describe(event index: Int) -> String { ScenarioChecks.label(event: index, scenario.events[index]) }

  private func makeExpectations() -> [Expectation] {
    var result: [Expectation] = []
    for (i, event) in scenario.events.enumerated() {
      switch event {
      case .fsdBrake(let e):
        result.append(
          .init(scenarioEvent: i, kind: .brake, fromS: e.atS - 0.3, toS: e.atS + e.durationS + 0.5, required: true))
      case .swerve(let e):
        result.append(
          .init(scenarioEvent: i, kind: .swerve, fromS: e.atS - 0.3, toS: e.atS + e.durationS + 0.5, required: true))
        if let at = plan.disengageAtS[i] {
          result.append(.init(scenarioEvent: i, kind: .disengagement, fromS: at - 0.05, toS: at + 0.2, required: true))
        }
      case .driverBrakeTakeover(let e):
        let at = plan.disengageAtS[i] ?? e.atS
        result.append(.init(scenarioEvent: i, kind: .disengagement, fromS: at - 0.05, toS: at + 0.2, required: true))
        result.append(
          .init(scenarioEvent: i, kind: .brake, fromS: e.atS - 0.3, toS: e.atS + e.durationS + 0.5, required: false))
      case .acceleratorOverride(let e):
        result.append(
          .init(scenarioEvent: i, kind: .override, fromS: e.atS - 0.1, toS: e.atS + e.durationS + 0.5, required: true))
      case .stop(let e):
        let standFrom = stopRecords.first { $0.label == describe(event: i) }?.standFromS ?? e.atS + 60
        result.append(.init(scenarioEvent: i, kind: .brake, fromS: e.atS - 0.3, toS: standFrom + 0.5, required: true))
      case .disengagement(let e):
        let at = plan.disengageAtS[i] ?? e.atS
        result.append(.init(scenarioEvent: i, kind: .disengagement, fromS: at - 0.05, toS: at + 0.2, required: true))
        if e.by == .accelerator {
          result.append(.init(scenarioEvent: i, kind: .override, fromS: e.atS - 0.1, toS: e.atS + 2, required: false))
        }
      }
    }
    return result
  }

  /// A state change that comes from the `autopilot` phases, not from an event override.
  private func isPhaseChange(_ frame: Int) -> Bool {
    let t = time(frame)
    return plan.timeline.phases.contains { $0.fromS > t - 2 / fps && $0.fromS <= t + 1e-9 }
  }

  private func makeEvent(
    _ kind: GroundTruthEvent.Kind, _ interval: DetectionRules.Interval, owner: Int?,
    rules: DetectionRules
  ) throws -> GroundTruthEvent {
    var initiator = rules.initiator(onset: interval.onset)
    var verdict: Verdict?
    var cause: GroundTruthEvent.Cause?
    var obstacle: Obstacle.Kind?
    var magnitude: Double? = interval.peakValue
    var severity: GroundTruthEvent.Severity?
    let ownerEvent = owner.map { scenario.events[$0] }

    switch kind {
    case .brake, .swerve:
      severity = rules.severity(interval.peakValue)
      var scriptedVerdict: Verdict?
      var scriptedFSD = false
      switch ownerEvent {
      case .fsdBrake(let e)?:
        scriptedVerdict = e.verdict
        obstacle = e.obstacle?.kind
        scriptedFSD = true
      case .swerve(let e)?:
        scriptedVerdict = e.verdict
        obstacle = e.obstacle?.kind
        scriptedFSD = e.initiator == .fsd
        if e.initiator == .driver { initiator = .driver }
      case .stop(let e)?: scriptedVerdict = e.verdict
      default: break
      }
      if scriptedFSD && initiator != .fsd, let owner {
        throw ScenarioError(
          "\(describe(event: owner)): docs/detection.md would call it driver-initiated (assistance off at onset, "
            + "or the brake pedal pressed in the 2 s before); move it away from pedal presses and takeovers")
      }
      if initiator == .fsd { verdict = scriptedVerdict }
    case .override:
      initiator = .driver
    case .disengagement:
      magnitude = nil
      switch ownerEvent {
      case .driverBrakeTakeover?:
        cause = .brakePedal
        initiator = .driver
      case .swerve?:
        cause = .steering
        initiator = .driver
      case .disengagement(let e)?:
        switch e.by {
        case .steering:
          cause = .steering
          initiator = .driver
        case .brakePedal:
          cause = .brakePedal
          initiator = .driver
        case .accelerator:
          cause = .accelerator
          initiator = .driver
        case .system:
          cause = .unknown
          initiator = .fsd
        }
      default:
        cause = .unknown
        initiator = .fsd
      }
    }
    return GroundTruthEvent(
      kind: kind, onsetS: time(interval.onset), peakS: time(interval.peak), endS: time(interval.end),
      onsetFrame: interval.onset, peakFrame: interval.peak, endFrame: interval.end, magnitude: magnitude,
      initiator: initiator, verdict: verdict, cause: cause, severity: severity, rule: interval.rule,
      speedKmh: frames[interval.onset].speedMPS * 3.6, obstacle: obstacle, scenarioEvent: owner)
  }

  /// What is going on near an unexplained event, so the message can point at the culprit.
  private func sources(near fromS: Double, _ toS: Double) -> [String] {
    var names: [String] = []
    for (i, target) in scenario.speedProfile.enumerated() where target.atS >= fromS - 25 && target.atS <= toS {
      names.append(
        "speed_profile[\(i)] (to \(format(target.targetKmh)) km/h at \(format(target.atS)) s; "
          + "comfort_decel_mps2 \(format(scenario.comfortDecelMPS2)))")
    }
    for interval in distractorIntervals() where interval.startS <= toS + 1 && interval.endS >= fromS - 3 {
      names.append(
        ScenarioChecks.label(distractor: interval.scenarioDistractor, scenario.distractors[interval.scenarioDistractor])
      )
    }
    for (i, event) in scenario.events.enumerated() where event.atS >= fromS - 10 && event.atS <= toS + 1 {
      names.append(describe(event: i))
    }
    return names
  }

  private func unexpected(_ kind: GroundTruthEvent.Kind, _ interval: DetectionRules.Interval) -> ScenarioError {
    let fromS = time(interval.onset)
    let toS = time(interval.end)
    let near = sources(near: fromS, toS)
    let unit = kind == .override ? "pedal" : "g"
    return ScenarioError(
      "an unscripted \(kind.rawValue) event at \(format(fromS))–\(format(toS)) s "
        + "(peak \(format(interval.peakValue, 3)) \(unit)) would be detected, but no event asks for it"
        + (near.isEmpty ? "" : "; near it: " + near.joined(separator: ", "))
        + ". Distractors and speed changes must stay under the thresholds (docs/detection.md); make them gentler or script the event"
    )
  }

  private func missing(_ e: Expectation, rules: DetectionRules) -> ScenarioError {
    let place = describe(event: e.scenarioEvent)
    let from = max(0, Int((e.fromS * fps).rounded(.down)))
    let to = min(frames.count - 1, Int((e.toS * fps).rounded(.up)))
    guard from <= to else { return ScenarioError("\(place): it lies beyond the end of the drive (duration_s)") }
    let slice = frames[from...to]
    switch e.kind {
    case .brake:
      let peak = slice.map { -$0.accelLongMPS2 / standardGravity }.max() ?? 0
      var hold = 0.0
      var runStart: Int?
      for k in from...to {
        if -frames[k].accelLongMPS2 / standardGravity >= thresholds.brakeDecelG {
          if runStart == nil { runStart = k }
          hold = max(hold, time(k - runStart!))
        } else {
          runStart = nil
        }
      }
      return ScenarioError(
        "\(place) would not be detected as a brake: it peaks at \(format(peak, 3)) g and stays over "
          + "\(format(thresholds.brakeDecelG)) g for \(format(hold)) s; docs/detection.md needs ≥ \(format(thresholds.brakeDecelG)) g "
          + "held ≥ \(format(thresholds.brakeHoldS)) s: raise the deceleration or lengthen duration_s"
          + " (an accelerator override cuts a brake short: start it later)")
    case .swerve:
      let peak = slice.map { abs($0.accelLatMPS2) / standardGravity }.max() ?? 0
      let speed = frames[from].speedMPS * 3.6
      return ScenarioError(
        "\(place) would not be detected as a swerve: it peaks at \(format(peak, 3)) g lateral at "
          + "\(format(speed, 1)) km/h; docs/detection.md needs ≥ \(format(thresholds.swerveLatG)) g at ≥ \(format(thresholds.swerveMinKmh)) km/h. "
          + "Peak ≈ 5.77 × |lateral_offset_m| / leg², leg = (duration_s − hold_s) / 2: raise the offset or shorten duration_s"
      )
    case .override:
      let engaged = slice.allSatisfy { $0.autopilot.engaged }
      return ScenarioError(
        "\(place) would not be detected as an override: "
          + (engaged
            ? "the accelerator press is not during or within \(format(thresholds.overrideWindowS)) s after a detected brake event"
            : "FSD/Autopilot is not engaged during the press"))
    case .disengagement:
      let moving = slice.contains { $0.speedMPS >= thresholds.movingMPS }
      return ScenarioError(
        "\(place) would not be detected as a disengagement: "
          + (moving
            ? "FSD/Autosteer does not change state then (is it engaged, or already off after an earlier event?)"
            : "the car is standing still (a disengagement counts only while moving)"))
    }
  }

  private func checkSpeedDrops(rules: DetectionRules, brakes: [GroundTruthEvent]) throws {
    for drop in rules.speedDrops() {
      let fromS = time(drop.start)
      let toS = time(drop.reached)
      let covered = brakes.contains { $0.onsetS <= toS + 0.01 && $0.endS >= fromS - 0.01 }
      if !covered {
        let near = sources(near: fromS, toS)
        throw ScenarioError(
          "the speed drops by ≥ \(format(thresholds.speedDropKmh)) km/h within \(format(thresholds.speedDropWindowS)) s "
            + "at \(format(fromS))–\(format(toS)) s without reaching \(format(thresholds.brakeDecelG)) g: docs/detection.md's speed-drop "
            + "rule would call it a brake, the deceleration rule would not"
            + (near.isEmpty ? "" : "; near it: " + near.joined(separator: ", "))
            + ". Make it gentler (≤ 1.0 m/s²) or stronger (≥ 0.2 g held ≥ 0.4 s)")
      }
    }
  }

  private func checkSteering(rules: DetectionRules, swerves: [GroundTruthEvent]) throws {
    for frame in rules.steeringRuleFrames() {
      let t = time(frame)
      if !swerves.contains(where: { $0.onsetS - 1 <= t && $0.endS + 1 >= t }) {
        throw ScenarioError(
          "the steering wheel turns faster than \(format(thresholds.swerveSteeringRateDegPerS)) °/s beyond "
            + "\(format(thresholds.swerveSteeringExcursionDeg))° at \(format(t)) s without a lateral-acceleration swerve: "
            + "the two docs/detection.md swerve rules disagree there; make the swerve stronger or slower")
      }
    }
  }

  private func usage() -> UsageTotals {
    var totals = UsageTotals()
    let dt = 1 / fps
    for i in frames.indices {
      let next = i + 1 < frames.count ? frames[i + 1].distanceM : endDistanceM
      let d = next - frames[i].distanceM
      switch frames[i].autopilot {
      case .selfDriving:
        totals.fsdDistanceM += d
        totals.fsdTimeS += dt
      case .autosteer:
        totals.autosteerDistanceM += d
        totals.autosteerTimeS += dt
      case .tacc:
        totals.taccDistanceM += d
        totals.taccTimeS += dt
      case .none:
        totals.manualDistanceM += d
        totals.manualTimeS += dt
      }
    }
    return totals
  }

  /// The first frame time at which the road position reaches `roadM` (the drive's end if never).
  private func timeReaching(_ roadM: Double) -> Double {
    var lo = 0
    var hi = frames.count - 1
    if frames[hi].roadProgressM < roadM { return Double(frames.count) / fps }
    while lo < hi {
      let mid = (lo + hi) / 2
      if frames[mid].roadProgressM >= roadM { hi = mid } else { lo = mid + 1 }
    }
    return time(lo)
  }

  func distractorIntervals() -> [GroundTruthDistractor] {
    let durationS = Double(frames.count) / fps
    var result: [GroundTruthDistractor] = []
    for (i, distractor) in scenario.distractors.enumerated() {
      var startS = distractor.atS
      var endS = distractor.atS
      switch distractor {
      case .shadowBand(let d):
        let first = DrivePlan.roadPosition(at: d.atS, frames: frames, fps: fps)
        startS = timeReaching(first - 60)
        endS = timeReaching(first + Double(d.count - 1) * d.spacingM + d.lengthM)
      case .roadPatch(let d):
        let first = DrivePlan.roadPosition(at: d.atS, frames: frames, fps: fps)
        startS = timeReaching(first - 60)
        endS = timeReaching(first + Double(d.count - 1) * d.spacingM + d.lengthM)
      case .tunnel(let d), .cloud(let d):
        endS = d.atS + 2 * d.transitionS + d.durationS
      case .bump(let d):
        endS = d.endS
      case .stoppedAtLight:
        let label = ScenarioChecks.label(distractor: i, distractor)
        if let record = stopRecords.first(where: { $0.label == label }), record.standFromS.isFinite {
          startS = record.standFromS
          endS = record.standUntilS.isFinite ? record.standUntilS : durationS
        }
      }
      result.append(
        GroundTruthDistractor(
          kind: distractor.kindName, startS: startS, endS: min(endS, durationS), scenarioDistractor: i))
    }
    return result
  }
}
