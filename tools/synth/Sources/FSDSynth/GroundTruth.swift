import Foundation

/// The detection thresholds used to derive the ground truth, recorded with it: a copy of
/// `DetectionConfig`'s defaults (Sources/FSDDetection/DetectionConfig.swift, docs/detection.md)
/// under the same keys, because the generator does not import detection.
/// DetectionConfigTests.testGeneratorThresholdsAreDetectionsDefaults keeps the two equal.
public struct DetectionThresholds: Codable, Sendable, Equatable {
  public var brakeDecelG = 0.20
  /// Measured from the first to the last sample over the threshold.
  public var brakeHoldS = 0.4
  public var speedDropKmh = 8.0
  public var speedDropWindowS = 2.0
  public var speedDropMinKmh = 15.0
  public var swerveLatG = 0.25
  public var swerveSteeringRateDegPerS = 90.0
  public var swerveSteeringExcursionDeg = 20.0
  public var swerveMinKmh = 30.0
  public var mergeGapS = 3.0
  public var overrideWindowS = 3.0
  /// Accelerator position that counts as pressed.
  public var acceleratorPressed = 0.05
  /// Below this speed a state change is not a disengagement "while moving".
  public var movingMPS = 0.5
  /// Severity bands (brake decel g, swerve lateral g): mild < hard ≤ … < emergency.
  public var hardG = 0.30
  public var emergencyG = 0.45

  public init() {}

  enum CodingKeys: String, CodingKey {
    case brakeDecelG = "brake_decel_g"
    case brakeHoldS = "brake_hold_s"
    case speedDropKmh = "speed_drop_kmh"
    case speedDropWindowS = "speed_drop_window_s"
    case speedDropMinKmh = "speed_drop_min_kmh"
    case swerveLatG = "swerve_lat_g"
    case swerveSteeringRateDegPerS = "swerve_steering_rate_deg_per_s"
    case swerveSteeringExcursionDeg = "swerve_steering_excursion_deg"
    case swerveMinKmh = "swerve_min_kmh"
    case mergeGapS = "merge_gap_s"
    case overrideWindowS = "override_window_s"
    case acceleratorPressed = "accelerator_pressed"
    case movingMPS = "moving_mps"
    case hardG = "hard_g"
    case emergencyG = "emergency_g"
  }
}

/// One event a perfect detector should find.
public struct GroundTruthEvent: Codable, Sendable, Equatable {
  public enum Kind: String, Codable, Sendable, CaseIterable { case brake, swerve, disengagement, override }
  public enum Cause: String, Codable, Sendable, CaseIterable {
    case brakePedal = "brake_pedal"
    case steering, accelerator, unknown
  }
  public enum Severity: String, Codable, Sendable, CaseIterable { case mild, hard, emergency }

  public var kind: Kind
  /// First sample over the threshold.
  public var onsetS: Double
  /// Extreme sample.
  public var peakS: Double
  /// First sample back under half the threshold.
  public var endS: Double
  public var onsetFrame: Int
  public var peakFrame: Int
  public var endFrame: Int
  /// Peak deceleration in g (brake), peak |lateral| acceleration in g (swerve), peak accelerator
  /// position 0...1 (override); nil for disengagements.
  public var magnitude: Double?
  public var initiator: Initiator
  /// For FSD-initiated brakes and swerves; nil for driver events, disengagements and overrides.
  public var verdict: Verdict?
  /// Disengagements only.
  public var cause: Cause?
  /// Brakes and swerves.
  public var severity: Severity?
  /// Which rule fired: `decel`, `lateral`, `state_change`, `accelerator`.
  public var rule: String
  /// Speed at onset.
  public var speedKmh: Double
  public var obstacle: Obstacle.Kind?
  /// Index into the scenario's `events` that caused it; nil for a change in the `autopilot` phases.
  public var scenarioEvent: Int?

  enum CodingKeys: String, CodingKey {
    case kind
    case onsetS = "onset_s"
    case peakS = "peak_s"
    case endS = "end_s"
    case onsetFrame = "onset_frame"
    case peakFrame = "peak_frame"
    case endFrame = "end_frame"
    case magnitude, initiator, verdict, cause, severity, rule
    case speedKmh = "speed_kmh"
    case obstacle
    case scenarioEvent = "scenario_event"
  }
}

/// A distractor interval: the vision core must not report an event here.
public struct GroundTruthDistractor: Codable, Sendable, Equatable {
  public var kind: String
  public var startS: Double
  public var endS: Double
  /// Index into the scenario's `distractors`.
  public var scenarioDistractor: Int

  enum CodingKeys: String, CodingKey {
    case kind
    case startS = "start_s"
    case endS = "end_s"
    case scenarioDistractor = "scenario_distractor"
  }
}

/// Distance and time per assistance state.
public struct UsageTotals: Codable, Sendable, Equatable {
  public var fsdDistanceM = 0.0, autosteerDistanceM = 0.0, taccDistanceM = 0.0, manualDistanceM = 0.0
  public var fsdTimeS = 0.0, autosteerTimeS = 0.0, taccTimeS = 0.0, manualTimeS = 0.0

  enum CodingKeys: String, CodingKey {
    case fsdDistanceM = "fsd_distance_m"
    case autosteerDistanceM = "autosteer_distance_m"
    case taccDistanceM = "tacc_distance_m"
    case manualDistanceM = "manual_distance_m"
    case fsdTimeS = "fsd_time_s"
    case autosteerTimeS = "autosteer_time_s"
    case taccTimeS = "tacc_time_s"
    case manualTimeS = "manual_time_s"
  }
}

/// Everything a perfect detector should report for the drive; written as JSON next to the drive.
public struct GroundTruth: Codable, Sendable, Equatable {
  public var scenario: String
  public var seed: UInt64
  /// Car-local start, `2026-11-02T08:14:31`.
  public var startLocal: String
  /// `2026-11-02T07:14:31Z`.
  public var startUTC: String
  public var utcOffsetS: Int
  public var fps: Double
  public var frameCount: Int
  public var durationS: Double
  public var distanceM: Double
  /// FSD = SELF_DRIVING; manual = NONE. Each frame counts 1/fps and the distance driven until the next frame.
  public var usage: UsageTotals
  /// The SEI axis convention the telemetry reader must discover.
  public var imuAxes: IMUAxes
  public var thresholds: DetectionThresholds
  public var events: [GroundTruthEvent]
  public var distractors: [GroundTruthDistractor]

  enum CodingKeys: String, CodingKey {
    case scenario, seed
    case startLocal = "start_local"
    case startUTC = "start_utc"
    case utcOffsetS = "utc_offset_s"
    case fps
    case frameCount = "frame_count"
    case durationS = "duration_s"
    case distanceM = "distance_m"
    case usage
    case imuAxes = "imu_axes"
    case thresholds, events, distractors
  }

  public func encodedJSON() throws -> Data {
    let encoder = JSONEncoder()
    encoder.outputFormatting = [.prettyPrinted, .sortedKeys]
    return try encoder.encode(self)
  }
}
