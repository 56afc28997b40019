import Foundation

/// A scenario simulated frame by frame: the truth at every frame, the world layout the renderer
/// draws, and the ground truth a perfect detector should report. Deterministic: the same scenario
/// gives the same result on every machine.
public struct DriveSimulation: Sendable {
  public let scenario: Scenario
  public let clock: DriveClock
  public let fps: Double
  public let frameCount: Int
  /// Shadows and patches placed on the road (for the renderer).
  public let world: WorldLayout
  public let groundTruth: GroundTruth
  let frames: [FrameState]
  /// Distance one frame after the last frame: per-frame distances are exact differences.
  let endDistanceM: Double

  public var startUTC: Date { clock.startUTC }

  /// The truth at one frame (clamped to the drive). O(1).
  public func state(frame: Int) -> FrameState {
    frames[min(max(frame, 0), frames.count - 1)]
  }

  /// All frames in order.
  public var states: [FrameState] { frames }

  /// Distance driven during frame `frame` (until the next frame starts).
  public func distanceDuring(frame: Int) -> Double {
    let next = frame + 1 < frames.count ? frames[frame + 1].distanceM : endDistanceM
    return next - frames[frame].distanceM
  }

  /// Simulates and checks the scenario.
  /// - Throws: `ScenarioError` naming the entry and what to change, when a value is out of range,
  ///   an event cannot happen as written (FSD not engaged, car too slow, speed would go negative),
  ///   a scripted event would not be detected by docs/detection.md's rules, or something unscripted would.
  public init(scenario: Scenario) throws {
    try ScenarioChecks.validate(scenario)
    self.scenario = scenario
    clock = try DriveClock(scenario: scenario)
    fps = scenario.fps
    frameCount = max(1, scenario.frameCount)

    let plan = try DrivePlan(scenario: scenario)
    var simulator = LongitudinalSimulator(
      fps: fps, frameCount: frameCount, initialSpeed: scenario.initialSpeedKmh / 3.6,
      targets: scenario.speedProfile.map { ($0.atS, $0.targetKmh / 3.6) },
      comfortAccel: scenario.comfortAccelMPS2, comfortDecel: scenario.comfortDecelMPS2,
      pulses: plan.pulses, stops: plan.stops, lateralVelocity: { t in plan.lateral(at: t).dy })
    let samples = try simulator.run()
    try plan.checkOverlaps(stopRecords: simulator.stopRecords)
    endDistanceM = samples.distance[frameCount]

    frames = plan.composeFrames(samples: samples, frameCount: frameCount, fps: fps)
    try plan.checkSpeeds(frames: frames, fps: fps)
    world = plan.worldLayout(frames: frames, fps: fps)
    groundTruth = try GroundTruthAssembler(
      scenario: scenario, plan: plan, frames: frames, fps: fps, clock: clock, endDistanceM: endDistanceM,
      stopRecords: simulator.stopRecords
    ).assemble()
  }
}
