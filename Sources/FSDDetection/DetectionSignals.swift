import FSDDomain
import FSDTelemetry

/// The signals the rules look at, derived once per series.
struct DetectionSignals {
  static let standardGravity = 9.80665

  /// Where the longitudinal acceleration came from (said in the event's rule).
  enum LongitudinalSource: Equatable {
    /// `accelLongMPS2` (a CSV already in the vehicle frame).
    case vehicleFrame
    /// Raw axes through an `AxisCalibration` with method `correlation`.
    case calibrated
    /// d(speed)/dt: no trusted accelerometer.
    case speedDerivative
  }

  let series: CleanSeries
  let config: DetectionConfig
  /// Deceleration in g, + braking, smoothed.
  let decelG: SignalTrack
  /// The same averaged over `brakePeakWindowS`: what a brake's peak is read from.
  let decelForPeakG: SignalTrack
  let longitudinalSource: LongitudinalSource
  /// |lateral acceleration| in g, smoothed before taking the magnitude.
  let lateralG: SignalTrack
  let speed: SignalTrack
  let steering: SignalTrack
  /// Steering-wheel rate (°/s, signed) at the steering points.
  let steeringRate: SignalTrack
  let pedal: SignalTrack
  /// Per sample: the steering rate (nil where unknown).
  let steeringRateAt: [Double?]

  init(_ samples: [TelemetrySample], calibration: AxisCalibration?, config: DetectionConfig) {
    let series = CleanSeries(samples, maxGapS: config.maxSampleGapS)
    self.series = series
    self.config = config
    let g = Self.standardGravity
    speed = SignalTrack(series) { series.samples[$0].speedMPS }

    // The vehicle-frame field wins when the source has it for most samples; else the calibrated
    // raw axes; else the speed's derivative.
    let withVehicleFrame = series.samples.filter { $0.accelLongMPS2 != nil }.count
    var longitudinal: SignalTrack
    if withVehicleFrame > 0 && 2 * withVehicleFrame >= series.count {
      longitudinal = SignalTrack(series) { series.samples[$0].accelLongMPS2 }
      longitudinalSource = .vehicleFrame
    } else if let calibration, calibration.usesAccelerometer,
      case let track = SignalTrack(series, { calibration.longitudinal(series.samples[$0]) }), !track.isEmpty
    {
      longitudinal = track
      longitudinalSource = .calibrated
    } else {
      // A least-squares slope is already an average over its window.
      longitudinal = speed.derivative(windowS: config.speedDerivativeWindowS)
      longitudinalSource = .speedDerivative
    }
    let measured = longitudinalSource != .speedDerivative
    let forThresholds = measured ? longitudinal.smoothed(windowS: config.accelSmoothingS) : longitudinal
    decelG = forThresholds.with(values: forThresholds.values.map { -$0 / g })
    let forPeak =
      measured ? longitudinal.smoothed(windowS: max(config.accelSmoothingS, config.brakePeakWindowS)) : longitudinal
    decelForPeakG = forPeak.with(values: forPeak.values.map { -$0 / g })

    let withVehicleLateral = series.samples.filter { $0.accelLatMPS2 != nil }.count
    var lateral: SignalTrack
    if withVehicleLateral > 0 && 2 * withVehicleLateral >= series.count {
      lateral = SignalTrack(series) { series.samples[$0].accelLatMPS2 }
    } else if let calibration {
      lateral = SignalTrack(series) { calibration.lateralSigned(series.samples[$0]) }
    } else {
      lateral = SignalTrack()
    }
    lateral = lateral.smoothed(windowS: config.accelSmoothingS)
    lateralG = lateral.with(values: lateral.values.map { abs($0) / g })

    steering = SignalTrack(series) { series.samples[$0].steeringDeg }
    steeringRate = steering.rate()
    steeringRateAt = steeringRate.perSample(count: series.count)
    pedal = SignalTrack(series) { series.samples[$0].acceleratorPedal }
  }

  var times: [Double] { series.times }

  func speedMPS(at index: Int) -> Double? { series.nearest({ $0.speedMPS }, to: index) }
  func autopilot(at index: Int) -> AutopilotMode? { series.nearest({ $0.autopilot }, to: index) }
}
