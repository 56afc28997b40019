import FSDTelemetry
import Foundation

/// Reduces a series to a lower rate for storage, plots and reports (issue 4: about 10 Hz).
public enum TelemetryResampler {
  /// One sample per bin of 1/`hz` seconds (bins aligned to multiples of 1/`hz`), stamped with the
  /// mean time of the samples in it, so averaged values belong to that time.
  ///
  /// - Numeric fields: the mean of the values present in the bin (heading: the circular mean).
  ///   An average is a box filter one bin wide: a peak narrower than a bin is lowered, a wider one
  ///   barely. Braking and swerves last ≥ 0.4 s, so at 10 Hz their peaks stay within about 2 %
  ///   (checked by the tests on a 0.4 g brake with 0.3 s ramps) and their onsets within a bin.
  /// - Brake pedal: true if pressed anywhere in the bin (a tap must survive).
  /// - Autopilot: the last state in the bin (the state the bin ends in).
  /// - Bins without samples produce nothing: gaps stay gaps. A rate above the input's returns the
  ///   input (cleaned), never invented samples. Samples with non-finite or non-increasing times
  ///   are skipped; a non-positive or non-finite `hz` returns the cleaned input.
  public static func resample(_ samples: [TelemetrySample], hz: Double) -> [TelemetrySample] {
    let series = CleanSeries(samples, maxGapS: .infinity)
    guard hz.isFinite, hz > 0 else { return series.samples }
    var result: [TelemetrySample] = []
    var bin: [TelemetrySample] = []
    var binIndex: Double?
    for sample in series.samples {
      let index = (sample.timeS * hz).rounded(.down)
      if index != binIndex, !bin.isEmpty {
        result.append(combine(bin))
        bin.removeAll(keepingCapacity: true)
      }
      binIndex = index
      bin.append(sample)
    }
    if !bin.isEmpty { result.append(combine(bin)) }
    return result
  }

  static func combine(_ bin: [TelemetrySample]) -> TelemetrySample {
    if bin.count == 1 { return bin[0] }
    func mean(_ field: (TelemetrySample) -> Double?) -> Double? {
      var sum = 0.0
      var n = 0.0
      for s in bin {
        if let v = field(s) {
          sum += v
          n += 1
        }
      }
      return n > 0 ? sum / n : nil
    }
    var out = TelemetrySample(timeS: bin.map(\.timeS).reduce(0, +) / Double(bin.count))
    out.speedMPS = mean { $0.speedMPS }
    out.accelXMPS2 = mean { $0.accelXMPS2 }
    out.accelYMPS2 = mean { $0.accelYMPS2 }
    out.accelZMPS2 = mean { $0.accelZMPS2 }
    out.accelLongMPS2 = mean { $0.accelLongMPS2 }
    out.accelLatMPS2 = mean { $0.accelLatMPS2 }
    out.acceleratorPedal = mean { $0.acceleratorPedal }
    out.steeringDeg = mean { $0.steeringDeg }
    out.latitudeDeg = mean { $0.latitudeDeg }
    out.longitudeDeg = mean { $0.longitudeDeg }
    let headings = bin.compactMap(\.headingDeg)
    if !headings.isEmpty {
      let x = headings.reduce(0) { $0 + cos($1 * .pi / 180) }
      let y = headings.reduce(0) { $0 + sin($1 * .pi / 180) }
      var degrees = atan2(y, x) * 180 / .pi
      if degrees < 0 { degrees += 360 }
      out.headingDeg = degrees
    }
    let brakes = bin.compactMap(\.brakePedal)
    out.brakePedal = brakes.isEmpty ? nil : brakes.contains(true)
    out.autopilot = bin.last { $0.autopilot != nil }?.autopilot
    return out
  }
}
