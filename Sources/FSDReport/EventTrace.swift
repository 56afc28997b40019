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

  /// The trace of an event's telemetry window (already relative to its peak): speed, and the
  /// longitudinal acceleration, or with `lateral` the lateral one, by the window's one rule.
  /// - Returns: nil with fewer than two samples.
  public init?(_ window: TelemetryWindow, lateral: Bool = false) {
    guard window.samples.count >= 2 else { return nil }
    self.init(tS: window.samples.map(\.tS), speedMPS: window.samples.map(\.speedMPS),
              longAccelMPS2: window.samples.map { lateral ? $0.accelLatMPS2 : $0.accelLongMPS2 },
              accelSource: (lateral ? window.lateralSource : window.longitudinalSource).rawValue)
    isLateral = lateral
  }
}
