import Foundation

/// Where an acceleration shown to the driver came from.
public enum AccelerationSource: String, Sendable, Equatable {
  /// The source's own vehicle-frame channel (CSV loggers give one).
  case vehicleFrame = "vehicle frame"
  /// A raw accelerometer axis of the SEI record, chosen, signed and de-biased by the drive's
  /// axis calibration.
  case calibratedAxis = "calibrated axis"
  /// Central differences of speed (longitudinal only): noisy at 10 Hz, but a hard brake's shape shows.
  case speedDerivative = "d(speed)/dt"
  /// Nothing to tell it from (lateral without a vehicle-frame channel or a calibration).
  case unknown = "not known"
}

extension StoredTelemetry {
  /// The longitudinal (+ forward) or lateral (+ left) acceleration of every sample, by the one
  /// rule every view uses (the review card, `fsdlog event`, the report's trace) and detection
  /// prefers too: the vehicle-frame channel when the source has it, else the drive's calibrated raw
  /// axis, else — longitudinal only — d(speed)/dt. A calibration whose method is not
  /// `correlation` says the raw axes cannot be trusted for the longitudinal direction.
  public func acceleration(lateral: Bool, calibrationJSON: String?) -> (valuesMPS2: [Double?], source: AccelerationSource) {
    func known(_ value: Float) -> Double? { value.isFinite ? Double(value) : nil }
    let frame = lateral ? accelLatMPS2 : accelLongMPS2
    if frame.contains(where: \.isFinite) { return (frame.map(known), .vehicleFrame) }
    if let choice = calibrationJSON.flatMap({ AxisChoice(json: $0, lateral: lateral) }) {
      let axis = rawAxis(choice.axis)
      // Longitudinal: sign × raw − bias (the bias is in the vehicle frame); lateral: sign × (raw − bias).
      let values = axis.map { raw in
        known(raw).map { lateral ? choice.sign * ($0 - choice.biasMPS2) : choice.sign * $0 - choice.biasMPS2 }
      }
      return (values, .calibratedAxis)
    }
    guard !lateral else { return (tS.map { _ in nil }, .unknown) }
    let derivative = tS.indices.map { index -> Double? in
      let before = max(0, index - 1), after = min(tS.count - 1, index + 1)
      guard after > before, tS[after] > tS[before], let v0 = known(speedMPS[before]), let v1 = known(speedMPS[after])
      else { return nil }
      return (v1 - v0) / Double(tS[after] - tS[before])
    }
    return (derivative, .speedDerivative)
  }

  /// A raw accelerometer channel by name (x, y or z).
  func rawAxis(_ name: String) -> [Float] {
    switch name {
    case "x": accelXMPS2
    case "y": accelYMPS2
    default: accelZMPS2
    }
  }

  /// The stored axis calibration, read only as far as the views need it.
  struct AxisChoice {
    let axis: String
    let sign: Double
    let biasMPS2: Double

    /// Lateral: the lateral axis, sign and bias (a zero sign, "left or right unknown", reads as +).
    init?(json: String, lateral: Bool) {
      let prefix = lateral ? "lateral" : "longitudinal"
      guard let object = try? JSONSerialization.jsonObject(with: Data(json.utf8)) as? [String: Any],
            lateral || object["method"] as? String == "correlation", let axis = object["\(prefix)_axis"] as? String,
            let sign = object["\(prefix)_sign"] as? Double, lateral || sign != 0 else { return nil }
      self.axis = axis
      self.sign = sign == 0 ? 1 : sign
      biasMPS2 = object["\(prefix)_bias_mps2"] as? Double ?? 0
    }
  }
}
