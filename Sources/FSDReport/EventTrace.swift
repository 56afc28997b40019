import Foundation
import FSDStore

/// Speed and longitudinal acceleration around an event's peak, from the stored 10 Hz telemetry of
/// the clip that holds the peak: what the trace chart draws.
public struct EventTrace: Sendable, Equatable {
  /// Seconds from the peak (negative: before).
  public var tS: [Double]
  /// m/s; nil where unknown.
  public var speedMPS: [Double?]
  /// m/s², + forward (braking is negative); nil where unknown.
  public var longAccelMPS2: [Double?]
  /// How the acceleration was obtained: `vehicle frame`, `calibrated axis`, `d(speed)/dt`.
  public var accelSource: String
  /// The acceleration is lateral (+ left), for swerves; else longitudinal.
  public var isLateral = false

  public init(tS: [Double], speedMPS: [Double?], longAccelMPS2: [Double?], accelSource: String) {
    self.tS = tS
    self.speedMPS = speedMPS
    self.longAccelMPS2 = longAccelMPS2
    self.accelSource = accelSource
  }

  /// The part of one clip's telemetry within `windowS` of `peakOffsetS`. The acceleration is the
  /// vehicle-frame channel when the source has it (CSV), else the drive's calibrated raw axis
  /// (SEI), else d(speed)/dt: the same order of preference detection uses.
  /// - Returns: nil when the clip has no sample in the window.
  /// With `lateral`, the lateral acceleration instead (vehicle frame, else the calibrated lateral
  /// axis; there is no fallback from speed).
  public static func around(peakOffsetS: Double, in telemetry: StoredTelemetry, calibrationJSON: String?,
                            windowS: Double = 8, lateral: Bool = false) -> EventTrace? {
    let indices = telemetry.tS.indices.filter { abs(Double(telemetry.tS[$0]) - peakOffsetS) <= windowS }
    guard indices.count >= 2 else { return nil }
    func known(_ value: Float) -> Double? { value.isFinite ? Double(value) : nil }
    let t = indices.map { Double(telemetry.tS[$0]) - peakOffsetS }
    let speed = indices.map { known(telemetry.speedMPS[$0]) }

    if lateral {
      var trace: EventTrace
      if indices.contains(where: { telemetry.accelLatMPS2[$0].isFinite }) {
        trace = EventTrace(tS: t, speedMPS: speed, longAccelMPS2: indices.map { known(telemetry.accelLatMPS2[$0]) },
                           accelSource: "vehicle frame")
      } else if let choice = calibrationJSON.flatMap({ AxisChoice(json: $0, lateral: true) }) {
        let axis = telemetry.axis(choice.axis)
        trace = EventTrace(tS: t, speedMPS: speed,
                           longAccelMPS2: indices.map { known(axis[$0]).map { choice.sign * ($0 - choice.biasMPS2) } },
                           accelSource: "calibrated axis")
      } else {
        trace = EventTrace(tS: t, speedMPS: speed, longAccelMPS2: indices.map { _ in nil }, accelSource: "not known")
      }
      trace.isLateral = true
      return trace
    }
    if indices.contains(where: { telemetry.accelLongMPS2[$0].isFinite }) {
      return EventTrace(tS: t, speedMPS: speed, longAccelMPS2: indices.map { known(telemetry.accelLongMPS2[$0]) },
                        accelSource: "vehicle frame")
    }
    if let calibration = calibrationJSON.flatMap({ AxisChoice(json: $0, lateral: false) }) {
      let axis = telemetry.axis(calibration.axis)
      return EventTrace(tS: t, speedMPS: speed,
                        longAccelMPS2: indices.map { known(axis[$0]).map { calibration.sign * $0 - calibration.biasMPS2 } },
                        accelSource: "calibrated axis")
    }
    // Central differences of speed: noisy at 10 Hz, but the shape of a hard brake shows.
    let derivative = t.indices.map { i -> Double? in
      let a = max(0, i - 1), b = min(t.count - 1, i + 1)
      guard b > a, let va = speed[a], let vb = speed[b] else { return nil }
      return (vb - va) / (t[b] - t[a])
    }
    return EventTrace(tS: t, speedMPS: speed, longAccelMPS2: derivative, accelSource: "d(speed)/dt")
  }

  /// The stored axis calibration, read only as far as the trace needs it. Calibrations whose
  /// method is not `correlation` say the raw axes cannot be trusted: then d(speed)/dt is used.
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

extension StoredTelemetry {
  /// A raw accelerometer channel by name (x, y or z).
  func axis(_ name: String) -> [Float] {
    switch name {
    case "x": accelXMPS2
    case "y": accelYMPS2
    default: accelZMPS2
    }
  }
}
