import FSDTelemetry
import Foundation

extension AxisCalibration {
  /// Fewer samples with accelerometer data than this: no calibration (nil).
  public static let minimumSamples = 20
  /// The longitudinal correlation is trusted only with at least this much data (s) ...
  public static let minimumSpanS = 5.0
  /// ... this much speed change (standard deviation of d(speed)/dt, m/s²: a drive at constant
  /// speed cannot show which axis is longitudinal) ...
  public static let minimumSpeedChangeMPS2 = 0.1
  /// ... and a |correlation| of at least this. Below any of the three the method is
  /// `speed_derivative`.
  public static let minimumCorrelation = 0.5
  /// Width of the window for d(speed)/dt and of the matching average of each axis (s): wide
  /// enough to average accelerometer noise, narrow enough to keep a brake's shape.
  static let fitWindowS = 0.5

  /// Finds the axes from one drive's samples.
  ///
  /// Longitudinal: the axis (x, y or z) whose average over a 0.5 s window correlates best with
  /// d(speed)/dt; the sign of the correlation makes it + forward. Lateral: of the two other axes,
  /// the one that correlates best with the lateral acceleration implied by the steering wheel
  /// (∝ steering angle × speed²) or by the heading (speed × yaw rate), with that sign; without
  /// steering or heading, or when neither correlates, the one with the larger variance, sign
  /// unknown (0: magnitude only).
  ///
  /// - Returns: nil without accelerometer data (fewer than `minimumSamples` samples with an axis).
  ///   With too little data or speed change to trust the correlation (see `minimumSpanS`,
  ///   `minimumSpeedChangeMPS2`, `minimumCorrelation`), method `speed_derivative`.
  public static func calibrate(_ samples: [TelemetrySample]) -> AxisCalibration? {
    let series = CleanSeries(samples, maxGapS: DetectionConfig.standard.maxSampleGapS)
    let present = Axis.allCases.filter { axis in series.samples.contains { value(axis, $0) != nil } }
    let withAccel = series.samples.filter { s in present.contains { value($0, s) != nil } }.count
    guard !present.isEmpty, withAccel >= minimumSamples else { return nil }

    let n = series.count
    var axis: [Axis: [Double?]] = [:]
    for a in present {
      axis[a] = SignalTrack(series) { value(a, series.samples[$0]) }.smoothed(windowS: fitWindowS).perSample(count: n)
    }
    let speed = SignalTrack(series) { series.samples[$0].speedMPS }
    let dvdt = speed.derivative(windowS: fitWindowS).perSample(count: n)

    // Longitudinal: best |correlation| with d(speed)/dt.
    var best: (axis: Axis, corr: Double)?
    for a in present {
      guard let r = Statistics.correlation(axis[a]!, dvdt) else { continue }
      if best == nil || abs(r) > abs(best!.corr) { best = (a, r) }
    }
    let speedChange = Statistics.standardDeviation(dvdt.compactMap { $0 }) ?? 0
    let pairedTimes = (0..<n).filter { i in dvdt[i] != nil && present.contains { axis[$0]![i] != nil } }.map {
      series.times[$0]
    }
    let span = (pairedTimes.last ?? 0) - (pairedTimes.first ?? 0)
    let trusted =
      best.map { abs($0.corr) >= minimumCorrelation } ?? false
      && speedChange >= minimumSpeedChangeMPS2 && span >= minimumSpanS && pairedTimes.count >= minimumSamples
    let longAxis = best?.axis ?? present[0]
    let longSign: Double = (best?.corr ?? 1) < 0 ? -1 : 1

    var bias = 0.0
    if trusted {
      let residuals = (0..<n).compactMap { i -> Double? in
        guard let a = axis[longAxis]![i], let d = dvdt[i] else { return nil }
        return longSign * a - d
      }
      bias = Statistics.median(residuals) ?? 0
    }

    let lateral = chooseLateral(series: series, axis: axis, candidates: present.filter { $0 != longAxis }, speed: speed)
    let lateralBias = Statistics.median(series.samples.compactMap { value(lateral.axis, $0) }) ?? 0
    return AxisCalibration(
      longitudinalAxis: longAxis, longitudinalSign: longSign, longitudinalBiasMPS2: bias,
      lateralAxis: lateral.axis, lateralSign: lateral.sign, lateralBiasMPS2: lateralBias,
      correlation: abs(best?.corr ?? 0),
      lateralCorrelation: lateral.corr, method: trusted ? methodCorrelation : methodSpeedDerivative)
  }

  private static func chooseLateral(
    series: CleanSeries, axis: [Axis: [Double?]], candidates: [Axis],
    speed: SignalTrack
  ) -> (axis: Axis, sign: Double, corr: Double) {
    guard !candidates.isEmpty else {
      // One axis only: name another, which reads as missing.
      let other = Axis.allCases.first { axis[$0] == nil } ?? .y
      return (other, 0, 0)
    }
    var best: (axis: Axis, corr: Double)?
    for reference in lateralReferences(series: series, speed: speed) {
      for a in candidates {
        guard let r = Statistics.correlation(axis[a]!, reference) else { continue }
        if best == nil || abs(r) > abs(best!.corr) { best = (a, r) }
      }
    }
    if let best, abs(best.corr) >= minimumCorrelation {
      return (best.axis, best.corr < 0 ? -1 : 1, abs(best.corr))
    }
    let byVariance = candidates.max { a, b in
      (Statistics.standardDeviation(axis[a]!.compactMap { $0 }) ?? 0)
        < (Statistics.standardDeviation(axis[b]!.compactMap { $0 }) ?? 0)
    }!
    return (byVariance, 0, 0)
  }

  /// Per-sample lateral accelerations (+ left, up to a positive factor) implied by the steering
  /// wheel (angle × speed²: the bicycle model for small angles) and by the heading (speed × yaw
  /// rate; compass heading grows clockwise, so a left turn makes it fall).
  private static func lateralReferences(series: CleanSeries, speed: SignalTrack) -> [[Double?]] {
    let n = series.count
    let v = speed.perSample(count: n)
    var references: [[Double?]] = []
    let steering = SignalTrack(series) { series.samples[$0].steeringDeg }.smoothed(windowS: fitWindowS).perSample(
      count: n)
    references.append(
      (0..<n).map { i in
        guard let s = steering[i], let v = v[i] else { return nil }
        return s * v * v
      })
    var heading = SignalTrack(series) { series.samples[$0].headingDeg }
    heading = heading.with(values: unwrappedDegrees(heading.values))
    let yawRate = heading.derivative(windowS: fitWindowS).perSample(count: n)
    references.append(
      (0..<n).map { i in
        guard let rate = yawRate[i], let v = v[i], v > 1 else { return nil }
        return -v * rate * .pi / 180
      })
    return references
  }

  private static func unwrappedDegrees(_ values: [Double]) -> [Double] {
    var out = values
    var offset = 0.0
    for k in out.indices.dropFirst() {
      let step = values[k] - values[k - 1]
      if step > 180 { offset -= 360 } else if step < -180 { offset += 360 }
      out[k] = values[k] + offset
    }
    return out
  }
}

extension SignalTrack {
  /// The values spread back over the series' samples (nil where the track has no point).
  func perSample(count n: Int) -> [Double?] {
    var out = [Double?](repeating: nil, count: n)
    for (k, i) in sampleIndices.enumerated() { out[i] = values[k] }
    return out
  }
}
