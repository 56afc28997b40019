import FSDTelemetry

/// Which raw accelerometer axis (SEI x/y/z) is longitudinal and which lateral, with signs, found
/// from the data of one drive (docs/formats.md section 4: public tools disagree on both). Stored with
/// the drive and shown by `fsdlog status`.
public struct AxisCalibration: Codable, Sendable, Equatable {
  public enum Axis: String, Codable, Sendable, CaseIterable { case x, y, z }

  /// The axis whose acceleration follows d(speed)/dt best.
  public var longitudinalAxis: Axis
  /// +1 or −1: the factor that makes the axis + forward.
  public var longitudinalSign: Double
  /// A constant offset of the longitudinal axis (mounting tilt, sensor bias): the median of
  /// (sign × axis − d(speed)/dt), subtracted by `longitudinal(_:)`.
  public var longitudinalBiasMPS2: Double
  public var lateralAxis: Axis
  /// +1 or −1: the factor that makes the axis + left; 0 when the data cannot tell left from right
  /// (no steering or heading to compare with): then `lateral(_:)` gives the magnitude only.
  public var lateralSign: Double
  /// The median of the raw lateral axis, subtracted by `lateral(_:)`: left and right turns balance
  /// over a drive, and should the chosen axis be the vertical one (no turns to tell them apart)
  /// gravity on it must not read as a permanent 1 g swerve.
  public var lateralBiasMPS2: Double
  /// |correlation| of the longitudinal axis with d(speed)/dt.
  public var correlation: Double
  /// |correlation| of the lateral axis with the lateral acceleration implied by steering or
  /// heading; 0 when the lateral axis was chosen by variance.
  public var lateralCorrelation: Double
  /// `correlation`; or `speed_derivative` when the correlation is too weak to trust: then the
  /// longitudinal acceleration is d(speed)/dt (`longitudinal(_:)` returns nil) and the axes
  /// above are only the best guesses.
  public var method: String

  public static let methodCorrelation = "correlation"
  public static let methodSpeedDerivative = "speed_derivative"

  public init(
    longitudinalAxis: Axis, longitudinalSign: Double, longitudinalBiasMPS2: Double = 0, lateralAxis: Axis,
    lateralSign: Double, lateralBiasMPS2: Double = 0, correlation: Double, lateralCorrelation: Double = 0,
    method: String = AxisCalibration.methodCorrelation
  ) {
    self.longitudinalAxis = longitudinalAxis
    self.longitudinalSign = longitudinalSign
    self.longitudinalBiasMPS2 = longitudinalBiasMPS2
    self.lateralAxis = lateralAxis
    self.lateralSign = lateralSign
    self.lateralBiasMPS2 = lateralBiasMPS2
    self.correlation = correlation
    self.lateralCorrelation = lateralCorrelation
    self.method = method
  }

  enum CodingKeys: String, CodingKey {
    case longitudinalAxis = "longitudinal_axis"
    case longitudinalSign = "longitudinal_sign"
    case longitudinalBiasMPS2 = "longitudinal_bias_mps2"
    case lateralAxis = "lateral_axis"
    case lateralSign = "lateral_sign"
    case lateralBiasMPS2 = "lateral_bias_mps2"
    case correlation
    case lateralCorrelation = "lateral_correlation"
    case method
  }

  /// The biases and the lateral correlation may be missing from a calibration stored by an earlier
  /// version: they read as 0.
  public init(from decoder: any Decoder) throws {
    let c = try decoder.container(keyedBy: CodingKeys.self)
    self.init(
      longitudinalAxis: try c.decode(Axis.self, forKey: .longitudinalAxis),
      longitudinalSign: try c.decode(Double.self, forKey: .longitudinalSign),
      longitudinalBiasMPS2: try c.decodeIfPresent(Double.self, forKey: .longitudinalBiasMPS2) ?? 0,
      lateralAxis: try c.decode(Axis.self, forKey: .lateralAxis),
      lateralSign: try c.decode(Double.self, forKey: .lateralSign),
      lateralBiasMPS2: try c.decodeIfPresent(Double.self, forKey: .lateralBiasMPS2) ?? 0,
      correlation: try c.decode(Double.self, forKey: .correlation),
      lateralCorrelation: try c.decodeIfPresent(Double.self, forKey: .lateralCorrelation) ?? 0,
      method: try c.decode(String.self, forKey: .method))
  }

  /// True when `longitudinal(_:)` reads the accelerometer (method `correlation`).
  public var usesAccelerometer: Bool { method == Self.methodCorrelation }

  /// Longitudinal acceleration, + forward (m/s²); nil without that axis or when the method is
  /// `speed_derivative` (use d(speed)/dt).
  public func longitudinal(_ s: TelemetrySample) -> Double? {
    guard usesAccelerometer, let raw = Self.value(longitudinalAxis, s) else { return nil }
    return longitudinalSign * raw - longitudinalBiasMPS2
  }

  /// Lateral acceleration, + left (m/s²); its magnitude when `lateralSign` is 0.
  public func lateral(_ s: TelemetrySample) -> Double? {
    guard let raw = Self.value(lateralAxis, s) else { return nil }
    return lateralSign == 0 ? abs(raw - lateralBiasMPS2) : lateralSign * (raw - lateralBiasMPS2)
  }

  /// The lateral axis with a sign even when the true sign is unknown (+1 then): smoothing must see
  /// the signed value, since averaging magnitudes would turn noise into a bias.
  func lateralSigned(_ s: TelemetrySample) -> Double? {
    Self.value(lateralAxis, s).map { (lateralSign == 0 ? 1 : lateralSign) * ($0 - lateralBiasMPS2) }
  }

  static func value(_ axis: Axis, _ s: TelemetrySample) -> Double? {
    switch axis {
    case .x: s.accelXMPS2
    case .y: s.accelYMPS2
    case .z: s.accelZMPS2
    }
  }
}
