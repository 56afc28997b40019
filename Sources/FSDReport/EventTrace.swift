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

  /// The part of one clip's telemetry within `windowS` of `peakOffsetS`, its acceleration by the
  /// rule every view shares (`StoredTelemetry.acceleration`: vehicle frame, else the drive's
  /// calibrated raw axis, else d(speed)/dt). With `lateral`, the lateral acceleration instead.
  /// - Returns: nil when the clip has no sample in the window.
  public static func around(peakOffsetS: Double, in telemetry: StoredTelemetry, calibrationJSON: String?,
                            windowS: Double = 8, lateral: Bool = false) -> EventTrace? {
    let indices = telemetry.tS.indices.filter { abs(Double(telemetry.tS[$0]) - peakOffsetS) <= windowS }
    guard indices.count >= 2 else { return nil }
    let acceleration = telemetry.acceleration(lateral: lateral, calibrationJSON: calibrationJSON)
    var trace = EventTrace(
      tS: indices.map { Double(telemetry.tS[$0]) - peakOffsetS },
      speedMPS: indices.map { telemetry.speedMPS[$0].isFinite ? Double(telemetry.speedMPS[$0]) : nil },
      longAccelMPS2: indices.map { acceleration.valuesMPS2[$0] }, accelSource: acceleration.source.rawValue)
    trace.isLateral = lateral
    return trace
  }
}
