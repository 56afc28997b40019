import FSDTelemetry

/// The samples the detectors can trust: finite, strictly increasing times (a duplicate or
/// backwards time is skipped, not sorted in: it is a decoder or clock glitch, and sorting would
/// splice a later sample into the past), and NaN or infinite fields read as missing.
struct CleanSeries {
  let samples: [TelemetrySample]
  let times: [Double]
  let maxGapS: Double

  init(_ raw: [TelemetrySample], maxGapS: Double) {
    var kept: [TelemetrySample] = []
    kept.reserveCapacity(raw.count)
    for sample in raw where sample.timeS.isFinite {
      if let last = kept.last, sample.timeS <= last.timeS { continue }
      kept.append(Self.sanitized(sample))
    }
    samples = kept
    times = kept.map(\.timeS)
    self.maxGapS = maxGapS
  }

  var count: Int { samples.count }

  static func sanitized(_ s: TelemetrySample) -> TelemetrySample {
    var out = s
    for reading in TelemetrySample.readings { out[keyPath: reading] = s[keyPath: reading].flatMap { $0.isFinite ? $0 : nil } }
    return out
  }

  /// The value of a field at sample `index`, or at the nearest sample that has it, no further
  /// than one gap away (a single undecodable record should not blank an event's speed).
  func nearest<T>(_ field: (TelemetrySample) -> T?, to index: Int) -> T? {
    guard samples.indices.contains(index) else { return nil }
    if let value = field(samples[index]) { return value }
    let t = times[index]
    var before = index - 1
    var after = index + 1
    while true {
      let beforeOK = before >= 0 && t - times[before] <= maxGapS
      let afterOK = after < count && times[after] - t <= maxGapS
      if !beforeOK && !afterOK { return nil }
      // Whichever candidate is closer in time goes first.
      if beforeOK && (!afterOK || t - times[before] <= times[after] - t) {
        if let value = field(samples[before]) { return value }
        before -= 1
      } else {
        if let value = field(samples[after]) { return value }
        after += 1
      }
    }
  }

  /// Indices of the samples with times in `fromS...toS` (binary search).
  func indices(fromS: Double, toS: Double) -> Range<Int> {
    let lower = firstIndex(atOrAfter: fromS)
    var upper = firstIndex(atOrAfter: toS)
    if upper < count && times[upper] <= toS { upper += 1 }
    return lower..<max(lower, upper)
  }

  func firstIndex(atOrAfter t: Double) -> Int {
    var lo = 0
    var hi = count
    while lo < hi {
      let mid = (lo + hi) / 2
      if times[mid] < t { lo = mid + 1 } else { hi = mid }
    }
    return lo
  }
}
