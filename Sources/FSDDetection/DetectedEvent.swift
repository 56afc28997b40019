import FSDDomain
import FSDTelemetry

/// One event found in telemetry (docs/detection.md's kinds). Times are in the samples' time base.
public struct DetectedEvent: Codable, Sendable, Equatable {
  public var kind: EventKind
  /// What found it: telemetry, the camera alone, or both (`VisionFusion`).
  public var source: EventSource
  /// Brakes (by peak deceleration) and swerves (by peak lateral acceleration).
  public var severity: Severity?
  /// First sample over the threshold.
  public var onsetS: Double
  /// Extreme sample (the state change itself for a disengagement).
  public var peakS: Double
  /// First sample back under half the threshold (the last sample before a gap if it never drops).
  public var endS: Double
  /// Brakes: peak deceleration after smoothing (g, positive).
  public var peakDecelG: Double?
  /// Swerves: peak |lateral acceleration| after smoothing (g).
  public var peakLatG: Double?
  /// Overrides: peak accelerator position (0...1).
  public var peakAcceleratorPedal: Double?
  /// Swerves: peak |steering-wheel rate| (°/s), when steering is known.
  public var peakSteeringRateDegPerS: Double?
  /// Speed at onset (for a disengagement: the sample before the change).
  public var speedBeforeMPS: Double?
  /// Speed at the end.
  public var speedAfterMPS: Double?
  public var initiator: Initiator
  /// Disengagements only.
  public var cause: DisengagementCause?
  /// Assistance state at onset; for a disengagement the state that was left.
  public var autopilotAtOnset: AutopilotMode?
  /// Disengagements: the state changed to.
  public var autopilotAfter: AutopilotMode?
  /// Position at the peak sample.
  public var latitudeDeg: Double?
  public var longitudeDeg: Double?
  /// Which rule fired, with its thresholds, e.g. `decel>=0.20g for 0.4s`.
  public var rule: String
  /// 1 for telemetry events; vision-only events carry less.
  public var confidence: Double
  /// Brakes the camera saw: the nose-down pitch at the peak (picture heights), which turns into g
  /// once fused brakes have paired pitch with deceleration (`VisionBrakeCalibration`).
  public var visionPeakPitchHeights: Double?

  public init(
    kind: EventKind, source: EventSource = .telemetry, severity: Severity? = nil, onsetS: Double, peakS: Double, endS: Double, peakDecelG: Double? = nil,
    peakLatG: Double? = nil, peakAcceleratorPedal: Double? = nil, peakSteeringRateDegPerS: Double? = nil,
    speedBeforeMPS: Double? = nil, speedAfterMPS: Double? = nil, initiator: Initiator, cause: DisengagementCause? = nil,
    autopilotAtOnset: AutopilotMode? = nil, autopilotAfter: AutopilotMode? = nil, latitudeDeg: Double? = nil,
    longitudeDeg: Double? = nil, rule: String, confidence: Double = 1
  ) {
    self.kind = kind
    self.source = source
    self.severity = severity
    self.onsetS = onsetS
    self.peakS = peakS
    self.endS = endS
    self.peakDecelG = peakDecelG
    self.peakLatG = peakLatG
    self.peakAcceleratorPedal = peakAcceleratorPedal
    self.peakSteeringRateDegPerS = peakSteeringRateDegPerS
    self.speedBeforeMPS = speedBeforeMPS
    self.speedAfterMPS = speedAfterMPS
    self.initiator = initiator
    self.cause = cause
    self.autopilotAtOnset = autopilotAtOnset
    self.autopilotAfter = autopilotAfter
    self.latitudeDeg = latitudeDeg
    self.longitudeDeg = longitudeDeg
    self.rule = rule
    self.confidence = confidence
  }

  enum CodingKeys: String, CodingKey {
    case kind, source, severity
    case onsetS = "onset_s"
    case peakS = "peak_s"
    case endS = "end_s"
    case peakDecelG = "peak_decel_g"
    case peakLatG = "peak_lat_g"
    case peakAcceleratorPedal = "peak_accelerator_pedal"
    case peakSteeringRateDegPerS = "peak_steering_rate_deg_per_s"
    case speedBeforeMPS = "speed_before_mps"
    case speedAfterMPS = "speed_after_mps"
    case initiator, cause
    case autopilotAtOnset = "autopilot_at_onset"
    case autopilotAfter = "autopilot_after"
    case latitudeDeg = "latitude_deg"
    case longitudeDeg = "longitude_deg"
    case rule, confidence
    case visionPeakPitchHeights = "vision_peak_pitch_heights"
  }
}
