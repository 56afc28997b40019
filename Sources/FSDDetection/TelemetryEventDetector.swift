import FSDDomain
import FSDTelemetry

/// docs/detection.md's telemetry rules: `brake`, `swerve`, `disengagement`, `override`.
public enum TelemetryEventDetector {
  /// Events in a continuous, time-sorted series (one drive: the caller concatenates its clips, so
  /// an event spanning a clip boundary is one event).
  ///
  /// Accelerations are smoothed by a centred moving average (`accelSmoothingS`) before any
  /// threshold. Samples with a non-finite or non-increasing time are skipped; NaN fields read as
  /// missing; nothing is smoothed, held or integrated across a gap longer than `maxSampleGapS`.
  ///
  /// - Parameters:
  ///   - samples: one drive, in time order.
  ///   - calibration: from `AxisCalibration.calibrate` on the same drive; nil (or method
  ///     `speed_derivative`) makes the deceleration come from d(speed)/dt. Samples that already
  ///     carry `accelLongMPS2` / `accelLatMPS2` (vehicle-frame CSVs) use those instead.
  ///   - config: the thresholds.
  /// - Returns: events sorted by onset.
  public static func detect(
    _ samples: [TelemetrySample], calibration: AxisCalibration?,
    config: DetectionConfig = .standard
  ) -> [DetectedEvent] {
    let signals = DetectionSignals(samples, calibration: calibration, config: config)
    guard signals.series.count >= 2 else { return [] }
    let builder = EventBuilder(signals: signals)

    let brakes = BrakeDetector.candidates(signals)
    let swerves = SwerveDetector.candidates(signals)
    let overrides = OverrideDetector.candidates(signals, brakes: brakes)
    let disengagements = mergedDisengagements(DisengagementDetector.find(signals), signals: signals)
    let steeringDisengagements = disengagements.filter { $0.cause == .steering }.map {
      signals.times[$0.candidate.onset]
    }

    var events: [DetectedEvent] = []
    events += brakes.map { builder.brake($0, steeringDisengagements: steeringDisengagements) }
    events += swerves.map { builder.swerve($0, steeringDisengagements: steeringDisengagements) }
    events += overrides.map { builder.override($0) }
    events += disengagements.map { builder.disengagement($0) }
    let order = EventKind.allCases
    return events.sorted {
      $0.onsetS != $1.onsetS ? $0.onsetS < $1.onsetS : order.firstIndex(of: $0.kind)! < order.firstIndex(of: $1.kind)!
    }
  }

  /// Distance and time per assistance state: ∫ speed dt (trapezoid) over each pair of
  /// neighbouring samples, credited to the state of the earlier one. Pairs further apart than
  /// `maxGapS` are not integrated (a missing clip is not driving).
  public static func usage(_ samples: [TelemetrySample], maxGapS: Double = DetectionConfig.standard.maxSampleGapS)
    -> UsageTotals
  {
    UsageTotals(integrating: CleanSeries(samples, maxGapS: maxGapS))
  }

  /// docs/detection.md merges same-kind events closer than the merge gap; for disengagements that means
  /// a quick re-engage and disengage is one event (the first change's cause and states).
  private static func mergedDisengagements(
    _ found: [DisengagementDetector.Found],
    signals: DetectionSignals
  ) -> [DisengagementDetector.Found] {
    var result: [DisengagementDetector.Found] = []
    for item in found {
      if var last = result.last,
        signals.times[item.candidate.onset] - signals.times[last.candidate.end] < signals.config.mergeGapS
      {
        last.candidate.end = item.candidate.end
        last.to = item.to
        result[result.count - 1] = last
      } else {
        result.append(item)
      }
    }
    return result
  }
}
