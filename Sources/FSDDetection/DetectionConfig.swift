import FSDDomain
import FSDTelemetry
import Foundation

/// Every threshold of docs/detection.md's telemetry rules, with its default. Stored with the events
/// it produced (as JSON, snake_case keys), so a figure can always be traced to its rule.
public struct DetectionConfig: Codable, Sendable, Equatable {
  // MARK: brake
  /// Deceleration that starts a `brake` (g).
  public var brakeDecelG = 0.20
  /// How long the deceleration must stay over `brakeDecelG`, first to last sample of one run (s).
  public var brakeHoldS = 0.4
  /// Speed drop that is a `brake` even below `brakeDecelG` (km/h) ...
  public var speedDropKmh = 8.0
  /// ... within this time (s) ...
  public var speedDropWindowS = 2.0
  /// ... from at least this speed (km/h).
  public var speedDropMinKmh = 15.0
  /// A brake's peak is the largest average over this window (s): a brake is defined by holding
  /// its deceleration, and accelerometer noise must not promote its severity. 0: the smoothed
  /// signal's extreme sample.
  public var brakePeakWindowS = 0.4
  /// Brake severity: mild < `hardG` ≤ hard < `emergencyG` ≤ emergency (peak deceleration, g).
  public var hardG = 0.30
  public var emergencyG = 0.45

  // MARK: swerve
  /// Lateral acceleration that starts a `swerve` (g).
  public var swerveLatG = 0.25
  /// Steering-wheel rate that starts a `swerve` (°/s) ...
  public var swerveSteeringRateDegPerS = 90.0
  /// ... when the wheel has also moved this far (°) ...
  public var swerveSteeringExcursionDeg = 20.0
  /// ... within this trailing window (s): the excursion is the wheel's range over it, so a steady
  /// large angle in a curve is not an excursion.
  public var swerveSteeringExcursionWindowS = 1.0
  /// Swerves count only from this speed (km/h).
  public var swerveMinKmh = 30.0
  /// Swerve severity by peak lateral g. The design gives no lateral bands: the brake bands by default.
  public var swerveHardG = 0.30
  public var swerveEmergencyG = 0.45

  // MARK: override and disengagement
  /// Accelerator position (0...1) that counts as pressed.
  public var acceleratorPressed = 0.05
  /// An accelerator press up to this long after a `brake` ends is an `override` (s).
  public var overrideWindowS = 3.0
  /// Assistance states whose end, while moving, is a `disengagement` (FSD and Autosteer).
  public var disengagementFrom: [AutopilotMode] = [.selfDriving, .autosteer]
  /// Below this speed a state change is not "while moving" (m/s).
  public var movingMPS = 0.5
  /// How far before the state change a driver input is taken as its cause (s).
  public var disengagementCauseWindowS = 1.0
  /// Steering-wheel rate that counts as the driver's steering input before a disengagement (°/s).
  public var disengagementSteeringRateDegPerS = 10.0

  // MARK: common
  /// Same-kind events closer than this (end to onset) become one (s).
  public var mergeGapS = 3.0
  /// An event ends at the first sample back under this fraction of its threshold.
  public var releaseFraction = 0.5
  /// A brake pedal pressed this long before onset makes a brake or swerve driver-initiated (s).
  public var initiatorLookbackS = 2.0
  /// The car registers a steering override only once the driver's torque builds up: a
  /// steering-caused disengagement up to this long after a swerve's onset means the driver's
  /// steering came first (s).
  public var initiatorSteeringGraceS = 0.5
  /// Width of the centred moving average applied to accelerations before any threshold (s).
  public var accelSmoothingS = 0.2
  /// Width of the least-squares window that turns speed into d(speed)/dt (s).
  public var speedDerivativeWindowS = 0.5
  /// Width of the centred average applied to the speed before the speed-drop rule (s): noisy or
  /// quantised speed would otherwise turn a gentle slowdown just under 8 km/h in 2 s into a brake.
  public var speedSmoothingS = 0.5
  /// Samples further apart than this are a gap (a missing clip): nothing is integrated, smoothed
  /// or held across it (s).
  public var maxSampleGapS = 1.0

  /// docs/detection.md's defaults.
  public static let standard = DetectionConfig()

  public init() {}

  enum CodingKeys: String, CodingKey, CaseIterable {
    case brakeDecelG = "brake_decel_g"
    case brakeHoldS = "brake_hold_s"
    case speedDropKmh = "speed_drop_kmh"
    case speedDropWindowS = "speed_drop_window_s"
    case speedDropMinKmh = "speed_drop_min_kmh"
    case brakePeakWindowS = "brake_peak_window_s"
    case hardG = "hard_g"
    case emergencyG = "emergency_g"
    case swerveLatG = "swerve_lat_g"
    case swerveSteeringRateDegPerS = "swerve_steering_rate_deg_per_s"
    case swerveSteeringExcursionDeg = "swerve_steering_excursion_deg"
    case swerveSteeringExcursionWindowS = "swerve_steering_excursion_window_s"
    case swerveMinKmh = "swerve_min_kmh"
    case swerveHardG = "swerve_hard_g"
    case swerveEmergencyG = "swerve_emergency_g"
    case acceleratorPressed = "accelerator_pressed"
    case overrideWindowS = "override_window_s"
    case disengagementFrom = "disengagement_from"
    case movingMPS = "moving_mps"
    case disengagementCauseWindowS = "disengagement_cause_window_s"
    case disengagementSteeringRateDegPerS = "disengagement_steering_rate_deg_per_s"
    case mergeGapS = "merge_gap_s"
    case releaseFraction = "release_fraction"
    case initiatorLookbackS = "initiator_lookback_s"
    case initiatorSteeringGraceS = "initiator_steering_grace_s"
    case accelSmoothingS = "accel_smoothing_s"
    case speedDerivativeWindowS = "speed_derivative_window_s"
    case speedSmoothingS = "speed_smoothing_s"
    case maxSampleGapS = "max_sample_gap_s"
  }

  /// Reads a JSON config file (`--config`). Missing keys take their defaults (the file is laid over
  /// the encoded defaults, so each threshold is spelled only as its property and its key); an
  /// unknown key is an error (a typo would otherwise be a silently ignored threshold).
  /// - Throws: `DetectionConfigError` naming the file and the key that is unknown, of the wrong
  ///   type or out of range.
  public static func load(path: String) throws -> DetectionConfig {
    let name = (path as NSString).lastPathComponent
    let data: Data
    do { data = try Data(contentsOf: URL(fileURLWithPath: path)) } catch {
      throw DetectionConfigError(message: "cannot read detection config \(path): \(error.localizedDescription)")
    }
    do {
      return try decode(data)
    } catch let error as DetectionConfigError {
      throw DetectionConfigError(message: "\(name): \(error.message)")
    } catch let error as DecodingError {
      throw DetectionConfigError(message: "\(name): \(DetectionConfigError.describe(error))")
    }
  }

  static func decode(_ data: Data) throws -> DetectionConfig {
    let parsed: Any
    do { parsed = try JSONSerialization.jsonObject(with: data) } catch {
      throw DetectionConfigError(message: "not valid JSON (\(error.localizedDescription))")
    }
    guard let given = parsed as? [String: Any] else {
      throw DetectionConfigError(message: "the file must hold a JSON object of thresholds, like {\"brake_decel_g\": 0.2}")
    }
    let defaults = try JSONSerialization.jsonObject(with: JSONEncoder().encode(DetectionConfig.standard)) as! [String: Any]
    let known = Set(defaults.keys)
    if let unknown = given.keys.sorted().first(where: { !known.contains($0) }) {
      throw DetectionConfigError.unknownKey(unknown, known: known.sorted())
    }
    let merged = defaults.merging(given) { $1 }
    let config = try JSONDecoder().decode(DetectionConfig.self, from: JSONSerialization.data(withJSONObject: merged))
    try config.validate()
    return config
  }

  /// Checks that every threshold makes sense (positive, bands in order).
  /// - Throws: `DetectionConfigError` naming the first bad key.
  public func validate() throws {
    let positive: [(CodingKeys, Double)] = [
      (.brakeDecelG, brakeDecelG), (.speedDropKmh, speedDropKmh), (.speedDropWindowS, speedDropWindowS),
      (.swerveLatG, swerveLatG), (.swerveSteeringRateDegPerS, swerveSteeringRateDegPerS),
      (.swerveSteeringExcursionWindowS, swerveSteeringExcursionWindowS), (.acceleratorPressed, acceleratorPressed),
      (.disengagementSteeringRateDegPerS, disengagementSteeringRateDegPerS), (.maxSampleGapS, maxSampleGapS),
      (.speedDerivativeWindowS, speedDerivativeWindowS),
    ]
    for (key, value) in positive where !(value.isFinite && value > 0) {
      throw DetectionConfigError.badValue(key.stringValue, "must be a positive number, not \(value)")
    }
    let nonNegative: [(CodingKeys, Double)] = [
      (.brakeHoldS, brakeHoldS), (.speedDropMinKmh, speedDropMinKmh),
      (.swerveSteeringExcursionDeg, swerveSteeringExcursionDeg),
      (.swerveMinKmh, swerveMinKmh), (.overrideWindowS, overrideWindowS), (.movingMPS, movingMPS),
      (.disengagementCauseWindowS, disengagementCauseWindowS), (.mergeGapS, mergeGapS),
      (.initiatorLookbackS, initiatorLookbackS), (.initiatorSteeringGraceS, initiatorSteeringGraceS),
      (.accelSmoothingS, accelSmoothingS), (.brakePeakWindowS, brakePeakWindowS), (.speedSmoothingS, speedSmoothingS),
    ]
    for (key, value) in nonNegative where !(value.isFinite && value >= 0) {
      throw DetectionConfigError.badValue(key.stringValue, "must be zero or more, not \(value)")
    }
    if !(releaseFraction > 0 && releaseFraction <= 1) {
      throw DetectionConfigError.badValue(
        CodingKeys.releaseFraction.stringValue, "must be in (0, 1], not \(releaseFraction)")
    }
    if !(hardG.isFinite && emergencyG.isFinite && hardG < emergencyG) {
      throw DetectionConfigError.badValue(
        CodingKeys.emergencyG.stringValue, "must be above hard_g (\(hardG)), not \(emergencyG)")
    }
    if !(swerveHardG.isFinite && swerveEmergencyG.isFinite && swerveHardG < swerveEmergencyG) {
      throw DetectionConfigError.badValue(
        CodingKeys.swerveEmergencyG.stringValue, "must be above swerve_hard_g (\(swerveHardG)), not \(swerveEmergencyG)"
      )
    }
  }

  public func brakeSeverity(peakG: Double) -> Severity {
    Severity(peakG: peakG, hardG: hardG, emergencyG: emergencyG)
  }

  func swerveSeverity(peakG: Double) -> Severity {
    Severity(peakG: peakG, hardG: swerveHardG, emergencyG: swerveEmergencyG)
  }
}
