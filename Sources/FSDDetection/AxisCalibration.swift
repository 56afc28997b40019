import FSDTelemetry

/// Which raw accelerometer axis (SEI x/y/z) is longitudinal and which lateral, with signs, found
/// from the data of one drive (FORMATS.md section 4: public tools disagree on both). Stored with
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

  public init(longitudinalAxis: Axis, longitudinalSign: Double, longitudinalBiasMPS2: Double = 0, lateralAxis: Axis,
              lateralSign: Double, correlation: Double, lateralCorrelation: Double = 0,
              method: String = AxisCalibration.methodCorrelation) {
    self.longitudinalAxis = longitudinalAxis; self.longitudinalSign = longitudinalSign
    self.longitudinalBiasMPS2 = longitudinalBiasMPS2; self.lateralAxis = lateralAxis; self.lateralSign = lateralSign
    self.correlation = correlation; self.lateralCorrelation = lateralCorrelation; self.method = method
  }

  enum CodingKeys: String, CodingKey {
    case longitudinalAxis = "longitudinal_axis", longitudinalSign = "longitudinal_sign"
    case longitudinalBiasMPS2 = "longitudinal_bias_mps2", lateralAxis = "lateral_axis", lateralSign = "lateral_sign"
    case correlation, lateralCorrelation = "lateral_correlation", method
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
    return lateralSign == 0 ? abs(raw) : lateralSign * raw
  }

  /// The lateral axis with a sign even when the true sign is unknown (+1 then): smoothing must see
  /// the signed value, since averaging magnitudes would turn noise into a bias.
  func lateralSigned(_ s: TelemetrySample) -> Double? {
    Self.value(lateralAxis, s).map { (lateralSign == 0 ? 1 : lateralSign) * $0 }
  }

  static func value(_ axis: Axis, _ s: TelemetrySample) -> Double? {
    switch axis {
    case .x: s.accelXMPS2
    case .y: s.accelYMPS2
    case .z: s.accelZMPS2
    }
  }
}
