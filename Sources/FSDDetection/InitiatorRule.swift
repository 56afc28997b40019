import FSDDomain
/// Who started a brake or swerve (docs/detection.md): `fsd` when assistance was engaged at onset and
/// the driver did not act first; `driver` when assistance was off, or the brake pedal was pressed
/// in the look-back before onset, or (swerves) the driver's steering disengaged the car around the
/// onset; `unknown` without the assistance state.
enum InitiatorRule {
  static func initiator(
    _ signals: DetectionSignals, onset: Int, kind: EventKind,
    steeringDisengagementTimes: [Double]
  ) -> Initiator {
    let config = signals.config
    guard let mode = signals.autopilot(at: onset) else { return .unknown }
    guard mode.isEngaged else { return .driver }
    let t = signals.times[onset]
    let window = signals.series.indices(fromS: t - config.initiatorLookbackS, toS: t)
    if window.contains(where: { signals.series.samples[$0].brakePedal == true }) { return .driver }
    if kind == .swerve
      && steeringDisengagementTimes.contains(where: {
        $0 >= t - config.initiatorLookbackS && $0 <= t + config.initiatorSteeringGraceS
      })
    {
      return .driver
    }
    return .fsd
  }
}
