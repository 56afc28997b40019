/// The assistance state over time: the scenario's phases, with NONE windows cut in by takeovers,
/// disengagements and driver swerves.
struct AutopilotTimeline: Sendable {
  struct Override: Sendable {
    var fromS: Double
    var untilS: Double
    var scenarioEvent: Int
  }

  let phases: [AutopilotPhase]
  private(set) var overrides: [Override] = []

  init(phases: [AutopilotPhase]) {
    self.phases = phases.sorted { $0.fromS < $1.fromS }
  }

  func baseState(at t: Double) -> AutopilotState {
    var state = AutopilotState.none
    for phase in phases where phase.fromS <= t { state = phase.state }
    return state
  }

  func state(at t: Double) -> AutopilotState {
    for override in overrides where t >= override.fromS && t < override.untilS { return .none }
    return baseState(at: t)
  }

  /// Manual from `fromS` until `reengageAfterS` later, or until the next phase change.
  mutating func disengage(fromS: Double, reengageAfterS: Double?, scenarioEvent: Int) {
    let nextChange = phases.first { $0.fromS > fromS }?.fromS ?? .infinity
    let until = reengageAfterS.map { fromS + $0 } ?? nextChange
    overrides.append(Override(fromS: fromS, untilS: until, scenarioEvent: scenarioEvent))
  }
}
