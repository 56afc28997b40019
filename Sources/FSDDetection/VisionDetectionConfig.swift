/// Thresholds of vision-only detection (no telemetry), stored with the events they produced.
///
/// Shifts are in fractions of the picture, so they hold for any resolution. The defaults are set
/// from the physics the generator models and real cars share: a nose-down pitch of about 2.5° per
/// g of deceleration, and a front camera of about 55° horizontal field of view (1280x960: 21 rows
/// per degree). `brakePitchHeightFraction` 0.0094 (9 rows of 960, 0.43°) is then about 0.17 g:
/// under docs/detection.md's 0.20 g so the onset lands where telemetry's would, and well over a gentle
/// stop at a light (0.09 g, 0.23°).
public struct VisionDetectionConfig: Codable, Sendable, Equatable {
  /// Nose-down pitch that starts a `brake`, as a fraction of the picture height.
  public var brakePitchHeightFraction = 0.0094
  /// How long the pitch must stay over it (s): a bump's oscillation does not.
  public var brakeHoldS = 0.3
  /// A dip deeper than this (picture heights) is not a car's pitch: even a 1 g stop pitches a
  /// car body about 3°, 8 % of a 38° picture. Deeper "dips" are mismatches, cuts or a knocked camera.
  public var brakeMaximumPitchHeightFraction = 0.08
  /// The dip must go from a fifth to four fifths of its peak within this time (s): brake pressure
  /// builds in about 0.2 s and a car body settles into its pitch within a few tenths more (the
  /// half-second smoothing adds about 0.3 s); the picture drifting under looming structures or
  /// in a curve takes a second or more.
  public var brakeMaximumRiseS = 0.5
  /// A dip must be this many times the RMS of the pitch about its trend in the baseline window: on
  /// a rough road or with a shaking mount the camera cannot tell a brake from the bouncing. Brakes
  /// made on real clips stood 18–100 times above their road's wander, the rendered set's 10–990;
  /// the false dips on the bumpy road (realvideo's anmol_highway) 2–11.3 times.
  public var brakeNoiseFactor = 12.0
  /// On a quiet road a shallower dip is a brake too: down to this depth (picture heights) when it
  /// stands `brakeQuietNoiseFactor` times above the wander. A stiff car pitches about 1° per g, so
  /// a 0.4 g brake behind a 60° dashcam (36° high) dips 1.1 % of the height and reads 0.7–1 %
  /// (the smoothing and the sub-pixel fit take 10–40 % off a short ramp): under
  /// `brakePitchHeightFraction`. Such brakes made on the quiet highway clips (kartik, muchlisin)
  /// stood 30–61 × above the wander; the rendered shadows, bumps and stretches after an event that
  /// reach these depths 14–26 ×.
  public var brakeQuietPitchHeightFraction = 0.006
  /// See `brakeQuietPitchHeightFraction`.
  public var brakeQuietNoiseFactor = 30.0
  /// A dip comes back: within this long after its peak (s) ... A 0.3 g brake that halves the speed
  /// from 100 km/h lasts 4.7 s; longer holds are seen where the leak pulls the dip back (the
  /// made 0.3 g brakes of 5 s on real clips: every one found before the test still is).
  public var brakeReturnS = 5.0
  /// ... the pitch falls to this share of the dip's depth, against the line its baseline
  /// described at the onset (see `VisionEventDetector.comesBack`).
  public var brakeReturnShare = 0.75
  /// A dip held longer than this (s) is drift, not braking: 0.3 g from 130 km/h stops in 12 s.
  public var brakeMaximumS = 12.0
  /// Forward motion after a dip against before it: a brake leaves the car slower, but a 0.3 g brake
  /// of 1 s from 100 km/h takes only 10 % off the speed, and the measured expansion wanders by
  /// ±20 % from second to second (on the rendered set it rose after 8 of 41 real brakes). So
  /// the check is off by default (a ratio no dip reaches); a car that was standing still cannot
  /// brake, whatever this is.
  public var brakeExpansionRatio = 100.0
  /// A dip the forward motion's leak into the pitch explains by this share of its peak or more is
  /// not the nose going down (VisionSignals.leakPitchHeights). Brakes made on real clips and the
  /// rendered ones: at most 0.18 of their dips, but 0.42 for one made on the tree-tunnel clip
  /// re-encoded at crf 38 (the margin is thin there); that clip played 25 % faster: 0.97.
  public var brakeLeakShare = 0.5
  /// A dip must start from the level its baseline describes: in the second before the onset the
  /// pitch may not have been below the trend by this share of the dip's peak or more (the nose up
  /// as far as the dip is deep means the trend line no longer fits, and the "dip" is the pitch
  /// coming back to it). Brakes made on real clips and rendered ones: at most 0.56; the false dips
  /// where the drift levelled off on re-shot real clips: 1.26 and 2.5.
  public var brakeLevelBeforeShare = 1.0
  /// Pitch is measured against the trend (a fitted line) of this trailing window (s) ...
  public var pitchBaselineS = 3.0
  /// ... ending this long before the frame (s), so the brake itself is not in its own baseline.
  public var pitchBaselineGapS = 0.8
  /// No brake is judged before this much baseline (s) exists; where a clip after the first gives
  /// this much, the baseline is fitted on it alone (a window across the boundary has a kink) ...
  public var minimumBaselineS = 0.8
  /// ... but at a drive's start, with no clip before to fall back on, this much. A line fitted on
  /// 0.8 s of the first frames, while the estimator settles, ran on falling after the pitch had
  /// levelled off (a 1.5 % dip 2.1 s into realvideo's devx_traffic played 25 % faster). Not for
  /// later clips: there the line fitted across the boundary misses brakes 1.7-2.3 s into the clip.
  public var driveStartBaselineS = 1.5
  /// Expansion (speed over depth, per second) from which the car counts as moving.
  public var movingExpansionPerS = 0.03
  /// A stop: forward motion falls from over 80 % to under 20 % of its level within this time (s)
  /// and stays low for `stopHoldS`. At 0.3 g a car loses 60 % of 35 km/h in 2 s; a gentle stop
  /// at a light (0.1 g) takes three times as long.
  public var stopFallMaximumS = 2.0
  public var stopHoldS = 0.5
  /// The car must have been going about as fast 1.5–3 s before the fall began: at most this many
  /// times the level of the last second (a stop from steady driving, not the end of a long, gentle
  /// slowdown).
  public var stopSteadyRatio = 1.3
  /// A sharp slowdown that does not end standing: the forward motion falls to at most this share of
  /// its steady level (the median of 0.3 s to `slowdownWindowS` after the fall began). Only a hard
  /// brake sheds two thirds of the speed that fast, and only from low speed: 0.4 g takes 15 km/h to
  /// 5 km/h in 0.75 s. The made crawl brake (15 -> 4.5 km/h) fell to 0.27; falls measured on real
  /// steady footage, to 0.28-0.36 (after a cut, and under looming ramps), are refused by the rules
  /// around this one (continuous footage, a steady level, the nose going down after the fall began).
  public var slowdownExpansionRatio = 0.35
  public var slowdownWindowS = 1.3
  /// In a slowdown the nose dip must peak at least this long (s) after the fall began.
  public var slowdownDipDelayS = 0.15
  /// A nose that goes down and comes back: each edge is the smoothed pitch's change over this
  /// long (s; a body pitches within a few tenths of a second when the brakes bite or let go) ...
  public var dipReturnStepS = 0.3
  /// ... standing this many times above how much that change wandered in the baseline window
  /// (going down) ...
  public var dipReturnOnsetNoiseFactor = 3.0
  /// ... and this many coming back (the release is the sharper edge: the body springs back) ...
  public var dipReturnReleaseNoiseFactor = 6.0
  /// ... with the forward motion in the second after the release at most this share of the second
  /// before the onset (0.4 g for 2 s from 100 km/h sheds 28 % of the speed, but the measure
  /// wanders about ±20 % from second to second: such brakes made on real footage read 0.5-0.84) ...
  public var dipReturnExpansionRatio = 0.85
  /// ... and at most 1 − this × the seconds from going down to coming back: a brake of 0.3 g or
  /// more from 140 km/h or less sheds 7.5 % of the speed or more a second it lasts. Pitch edges
  /// of the road paired seconds apart (4.4 s on a rough road, 8.9 s under a canopy, the forward
  /// motion after at 0.70 of before) are no brake that long.
  public var dipReturnSpeedShedPerS = 0.075
  /// Standing means the scene hardly expands at all (per second), whatever it did before. Not
  /// less: a standing car's expansion reads 0.009-0.014 in a dark, noisy picture (the measure is
  /// the upper half of the blocks' outward flow, so noise reads as a little expansion), and a car
  /// creeping after a hard brake 0.013-0.02 (realbrake's dada_6_008 at 15 fps); at 0.01 both were
  /// missed.
  public var standingExpansionPerS = 0.02
  /// ... and at most this share of the level it fell from, which binds where the level is low (a
  /// narrow lens on a highway reads 0.06-0.14 a second). Not more: the demo's camera-only sample
  /// (640x480 at 265 kbit/s, the road's texture smeared) reads 0.095 while the car drives at
  /// 12 m/s and falls to 0.016 (0.17 of it) as a scene element passes; at 0.2 that was a stop.
  public var stopStandingShare = 0.15
  /// ... or, where the level before the fall was steady both ways, this share of it: a shaking
  /// camera's match noise reads 0.02-0.05 a second as a car stands (realbrake's clips with a
  /// vibration added). Not more: falls of the forward motion without the car slowing (a scene
  /// change in the rendered set, an edit's zoom on realvideo's kartik_dashcam2) read as stops
  /// from a share of 0.15.
  public var stopStandingLevelShare = 0.1
  /// A cut in the footage: a frame difference of at least this (luma levels) ...
  public var cutMAFD = 8.0
  /// ... and this many times the median around it (±0.5 s). No event spans one.
  public var cutRatio = 8.0
  /// Smoothing of the expansion (s).
  public var expansionSmoothingS = 0.3
  /// Centred moving average over the pitch (s): about one period of a body bounce.
  public var pitchSmoothingS = 0.5
  /// Yaw rate that starts a `swerve`: picture widths per second of distant-scene shift.
  public var swerveYawWidthsPerS = 0.079
  /// Centred moving average over the yaw rate (s).
  public var yawSmoothingS = 0.5
  /// A swerve goes out and back: the smaller of the two yaw directions within the window must be at
  /// least this share of the larger (a curve or a lane change that stays does not: the lane shift
  /// in realvideo's anmol_highway came back 27 %; swerves made on real clips 48–97 %).
  public var swerveReturnShare = 0.35
  /// The window for that check: this long before the burst starts ...
  public var swerveLookbackS = 1.5
  /// ... to this long after (s).
  public var swerveLookaheadS = 3.0
  /// A swerve's onset: where the yaw rate first rises over this share of its peak (lateral
  /// acceleration is speed × yaw rate, and docs/detection.md's 0.25 g is about half a swerve's peak).
  public var swerveOnsetShareOfPeak = 0.4
  /// Single-frame shift estimates are median-filtered over this many frames first: one wrong match
  /// (a shadow edge taken for the horizon) must not become a step in the integrated pitch.
  public var medianFrames = 5
  /// Same-kind events closer than this become one (s).
  public var mergeGapS = 3.0

  public init() {}
  public static let standard = VisionDetectionConfig()

  enum CodingKeys: String, CodingKey {
    case brakePitchHeightFraction = "brake_pitch_height_fraction"
    case brakeHoldS = "brake_hold_s"
    case brakeMaximumPitchHeightFraction = "brake_maximum_pitch_height_fraction"
    case brakeMaximumS = "brake_maximum_s"
    case brakeNoiseFactor = "brake_noise_factor"
    case brakeQuietPitchHeightFraction = "brake_quiet_pitch_height_fraction"
    case brakeQuietNoiseFactor = "brake_quiet_noise_factor"
    case brakeReturnS = "brake_return_s"
    case brakeReturnShare = "brake_return_share"
    case brakeMaximumRiseS = "brake_maximum_rise_s"
    case brakeExpansionRatio = "brake_expansion_ratio"
    case brakeLeakShare = "brake_leak_share"
    case brakeLevelBeforeShare = "brake_level_before_share"
    case pitchBaselineS = "pitch_baseline_s"
    case pitchBaselineGapS = "pitch_baseline_gap_s"
    case minimumBaselineS = "minimum_baseline_s"
    case driveStartBaselineS = "drive_start_baseline_s"
    case movingExpansionPerS = "moving_expansion_per_s"
    case stopFallMaximumS = "stop_fall_maximum_s"
    case stopHoldS = "stop_hold_s"
    case stopSteadyRatio = "stop_steady_ratio"
    case slowdownExpansionRatio = "slowdown_expansion_ratio"
    case slowdownWindowS = "slowdown_window_s"
    case slowdownDipDelayS = "slowdown_dip_delay_s"
    case dipReturnStepS = "dip_return_step_s"
    case dipReturnOnsetNoiseFactor = "dip_return_onset_noise_factor"
    case dipReturnReleaseNoiseFactor = "dip_return_release_noise_factor"
    case dipReturnExpansionRatio = "dip_return_expansion_ratio"
    case dipReturnSpeedShedPerS = "dip_return_speed_shed_per_s"
    case standingExpansionPerS = "standing_expansion_per_s"
    case stopStandingShare = "stop_standing_share"
    case stopStandingLevelShare = "stop_standing_level_share"
    case cutMAFD = "cut_mafd"
    case cutRatio = "cut_ratio"
    case expansionSmoothingS = "expansion_smoothing_s"
    case pitchSmoothingS = "pitch_smoothing_s"
    case swerveYawWidthsPerS = "swerve_yaw_widths_per_s"
    case yawSmoothingS = "yaw_smoothing_s"
    case swerveReturnShare = "swerve_return_share"
    case swerveLookbackS = "swerve_lookback_s"
    case swerveLookaheadS = "swerve_lookahead_s"
    case swerveOnsetShareOfPeak = "swerve_onset_share_of_peak"
    case medianFrames = "median_frames"
    case mergeGapS = "merge_gap_s"
  }
}
