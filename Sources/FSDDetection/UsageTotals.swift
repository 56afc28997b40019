import FSDDomain
import FSDTelemetry

/// Distance and time per assistance state: the denominators of every trust statistic
/// (docs/detection.md: FSD distance = ∫ speed dt while SELF_DRIVING).
public struct UsageTotals: Codable, Sendable, Equatable {
  public var fsdDistanceM = 0.0
  public var autosteerDistanceM = 0.0
  public var taccDistanceM = 0.0
  public var manualDistanceM = 0.0
  /// Samples without an assistance state.
  public var unknownStateDistanceM = 0.0
  public var fsdTimeS = 0.0
  public var autosteerTimeS = 0.0
  public var taccTimeS = 0.0
  public var manualTimeS = 0.0
  public var unknownStateTimeS = 0.0
  /// Time counted above without speed at either end, so without distance: reports must say
  /// their rates are time-based there.
  public var timeWithoutSpeedS = 0.0
  /// Time between samples further apart than the gap limit: not counted anywhere above.
  public var gapTimeS = 0.0

  public init() {}

  public var totalDistanceM: Double {
    fsdDistanceM + autosteerDistanceM + taccDistanceM + manualDistanceM + unknownStateDistanceM
  }

  public var totalTimeS: Double { fsdTimeS + autosteerTimeS + taccTimeS + manualTimeS + unknownStateTimeS }

  enum CodingKeys: String, CodingKey {
    case fsdDistanceM = "fsd_distance_m"
    case autosteerDistanceM = "autosteer_distance_m"
    case taccDistanceM = "tacc_distance_m"
    case manualDistanceM = "manual_distance_m"
    case unknownStateDistanceM = "unknown_state_distance_m"
    case fsdTimeS = "fsd_time_s"
    case autosteerTimeS = "autosteer_time_s"
    case taccTimeS = "tacc_time_s"
    case manualTimeS = "manual_time_s"
    case unknownStateTimeS = "unknown_state_time_s"
    case timeWithoutSpeedS = "time_without_speed_s"
    case gapTimeS = "gap_time_s"
  }

  init(integrating series: CleanSeries) {
    let samples = series.samples
    for k in samples.indices.dropFirst() {
      let a = samples[k - 1]
      let b = samples[k]
      let dt = b.timeS - a.timeS
      guard dt <= series.maxGapS else {
        gapTimeS += dt
        continue
      }
      let distance: Double?
      switch (a.speedMPS, b.speedMPS) {
      case (let va?, let vb?): distance = (va + vb) / 2 * dt
      case (let v?, nil), (nil, let v?): distance = v * dt
      case (nil, nil): distance = nil
      }
      if distance == nil { timeWithoutSpeedS += dt }
      let d = distance ?? 0
      switch a.autopilot {
      case .selfDriving?:
        fsdDistanceM += d
        fsdTimeS += dt
      case .autosteer?:
        autosteerDistanceM += d
        autosteerTimeS += dt
      case .tacc?:
        taccDistanceM += d
        taccTimeS += dt
      case AutopilotMode.none?:
        manualDistanceM += d
        manualTimeS += dt
      case nil:
        unknownStateDistanceM += d
        unknownStateTimeS += dt
      }
    }
  }
}
