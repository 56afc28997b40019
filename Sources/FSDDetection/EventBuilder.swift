import FSDDomain
import FSDTelemetry

/// Turns candidates into `DetectedEvent`s: times, magnitudes, speeds, position, initiator.
struct EventBuilder {
  let signals: DetectionSignals

  private var config: DetectionConfig { signals.config }

  private func base(_ kind: EventKind, _ c: Candidate, initiator: Initiator) -> DetectedEvent {
    let series = signals.series
    return DetectedEvent(
      kind: kind, onsetS: series.times[c.onset], peakS: series.times[c.peak], endS: series.times[c.end],
      speedBeforeMPS: signals.speedMPS(at: c.onset), speedAfterMPS: signals.speedMPS(at: c.end), initiator: initiator,
      autopilotAtOnset: signals.autopilot(at: c.onset), latitudeDeg: series.nearest({ $0.latitudeDeg }, to: c.peak),
      longitudeDeg: series.nearest({ $0.longitudeDeg }, to: c.peak), rule: c.rule)
  }

  func brake(_ c: Candidate, steeringDisengagements: [Double]) -> DetectedEvent {
    let initiator = InitiatorRule.initiator(
      signals, onset: c.onset, kind: .brake,
      steeringDisengagementTimes: steeringDisengagements)
    var event = base(.brake, c, initiator: initiator)
    event.peakDecelG = c.peakValue
    event.severity = config.brakeSeverity(peakG: c.peakValue)
    return event
  }

  func swerve(_ c: Candidate, steeringDisengagements: [Double]) -> DetectedEvent {
    let initiator = InitiatorRule.initiator(
      signals, onset: c.onset, kind: .swerve,
      steeringDisengagementTimes: steeringDisengagements)
    var event = base(.swerve, c, initiator: initiator)
    let peaks = SwerveDetector.peaks(signals, c)
    event.peakLatG = peaks.latG
    event.peakSteeringRateDegPerS = peaks.rateDegPerS
    // Severity by peak lateral g; a steering-only event without lateral data has none.
    event.severity = peaks.latG.map { config.swerveSeverity(peakG: $0) }
    return event
  }

  func override(_ c: Candidate) -> DetectedEvent {
    var event = base(.override, c, initiator: .driver)
    event.peakAcceleratorPedal = c.peakValue
    return event
  }

  /// The driver when an input explains the change; the car (`fsd`) when the inputs are known and
  /// none was used; unknown when the series carries no inputs.
  func disengagement(_ found: DisengagementDetector.Found) -> DetectedEvent {
    let c = found.candidate
    let initiator: Initiator = found.cause != .unknown ? .driver : found.inputsKnown ? .fsd : .unknown
    var event = base(.disengagement, c, initiator: initiator)
    event.cause = found.cause
    event.autopilotAtOnset = found.from
    event.autopilotAfter = found.to
    event.speedBeforeMPS = signals.speedMPS(at: max(0, c.onset - 1))
    event.speedAfterMPS = signals.speedMPS(at: c.onset)
    return event
  }
}
