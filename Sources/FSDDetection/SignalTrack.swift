/// One signal at the samples that carry it, split into segments at gaps: smoothing, derivatives
/// and hysteresis never reach across a gap (a missing clip is not a slow sample).
struct SignalTrack {
  /// Index of each point's sample in the `CleanSeries`.
  var sampleIndices: [Int] = []
  var times: [Double] = []
  var values: [Double] = []
  /// Point ranges without a gap longer than `maxGapS` inside.
  var segments: [Range<Int>] = []

  var isEmpty: Bool { values.isEmpty }
  var count: Int { values.count }

  init() {}

  init(_ series: CleanSeries, _ field: (Int) -> Double?) {
    for i in 0..<series.count {
      guard let value = field(i), value.isFinite else { continue }
      sampleIndices.append(i)
      times.append(series.times[i])
      values.append(value)
    }
    segments = Self.segments(times, maxGapS: series.maxGapS)
  }

  static func segments(_ times: [Double], maxGapS: Double) -> [Range<Int>] {
    guard !times.isEmpty else { return [] }
    var result: [Range<Int>] = []
    var start = 0
    for k in times.indices.dropFirst() where times[k] - times[k - 1] > maxGapS {
      result.append(start..<k)
      start = k
    }
    result.append(start..<times.count)
    return result
  }

  /// The same points with new values.
  func with(values newValues: [Double]) -> SignalTrack {
    var copy = self
    copy.values = newValues
    return copy
  }

  /// Centred moving average over `windowS` (points within ±windowS/2 of each point, same segment).
  /// Light smoothing takes the edge off accelerometer noise without shifting the timing: on a
  /// linear ramp a centred average changes nothing.
  func smoothed(windowS: Double) -> SignalTrack {
    guard windowS > 0 else { return self }
    let half = windowS / 2 + 1e-9
    var out = values
    for segment in segments {
      var lo = segment.lowerBound
      var hi = segment.lowerBound
      var sum = 0.0
      for k in segment {
        while hi < segment.upperBound && times[hi] - times[k] <= half {
          sum += values[hi]
          hi += 1
        }
        while times[k] - times[lo] > half {
          sum -= values[lo]
          lo += 1
        }
        out[k] = sum / Double(hi - lo)
      }
    }
    return with(values: out)
  }

  /// d(value)/dt as the least-squares slope over ±windowS/2 around each point (same segment): a
  /// fit, not a two-point difference, so speed quantisation and jitter average out. Points
  /// without a neighbour on either side within the window use the nearest neighbours instead.
  func derivative(windowS: Double) -> SignalTrack {
    var out = [Double](repeating: 0, count: count)
    var keep = [Bool](repeating: false, count: count)
    let half = windowS / 2 + 1e-9
    for segment in segments where segment.count >= 2 {
      var lo = segment.lowerBound
      var hi = segment.lowerBound
      for k in segment {
        while hi < segment.upperBound && times[hi] - times[k] <= half { hi += 1 }
        while times[k] - times[lo] > half { lo += 1 }
        var from = lo
        var to = hi
        if to - from < 3 {
          from = max(segment.lowerBound, k - 1)
          to = min(segment.upperBound, k + 2)
        }
        if let slope = Self.slope(times, values, from..<to, centre: times[k]) {
          out[k] = slope
          keep[k] = true
        }
      }
    }
    return compacted(out, keep)
  }

  /// Central difference between neighbouring points (same segment); one-sided at segment ends.
  /// A point alone in its segment has no rate and is dropped.
  func rate() -> SignalTrack {
    var out = [Double](repeating: 0, count: count)
    var keep = [Bool](repeating: false, count: count)
    for segment in segments where segment.count >= 2 {
      for k in segment {
        let a = max(segment.lowerBound, k - 1)
        let b = min(segment.upperBound - 1, k + 1)
        out[k] = (values[b] - values[a]) / (times[b] - times[a])
        keep[k] = true
      }
    }
    return compacted(out, keep)
  }

  /// max − min of the values over the trailing `windowS` (same segment).
  func trailingRange(windowS: Double) -> [Double] {
    var out = [Double](repeating: 0, count: count)
    for segment in segments {
      var lo = segment.lowerBound
      for k in segment {
        while times[k] - times[lo] > windowS + 1e-9 { lo += 1 }
        var minimum = values[k]
        var maximum = values[k]
        for j in lo...k {
          minimum = min(minimum, values[j])
          maximum = max(maximum, values[j])
        }
        out[k] = maximum - minimum
      }
    }
    return out
  }

  /// The point at or nearest before sample index `sample` (binary search on sample indices).
  func point(atOrBefore sample: Int) -> Int? {
    var lo = 0
    var hi = count
    while lo < hi {
      let mid = (lo + hi) / 2
      if sampleIndices[mid] <= sample { lo = mid + 1 } else { hi = mid }
    }
    return lo > 0 ? lo - 1 : nil
  }

  private static func slope(_ t: [Double], _ v: [Double], _ range: Range<Int>, centre: Double) -> Double? {
    guard range.count >= 2 else { return nil }
    var st = 0.0
    var sv = 0.0
    for j in range {
      st += t[j] - centre
      sv += v[j]
    }
    let n = Double(range.count)
    let mt = st / n
    let mv = sv / n
    var stt = 0.0
    var stv = 0.0
    for j in range {
      let dt = t[j] - centre - mt
      stt += dt * dt
      stv += dt * (v[j] - mv)
    }
    return stt > 0 ? stv / stt : nil
  }

  /// The points where `keep` is true, with `newValues`.
  private func compacted(_ newValues: [Double], _ keep: [Bool]) -> SignalTrack {
    var result = SignalTrack()
    for k in 0..<count where keep[k] {
      result.sampleIndices.append(sampleIndices[k])
      result.times.append(times[k])
      result.values.append(newValues[k])
    }
    result.segments = Self.segmentsKeeping(segments, keep)
    return result
  }

  /// Segments re-indexed after dropping the points where `keep` is false.
  private static func segmentsKeeping(_ segments: [Range<Int>], _ keep: [Bool]) -> [Range<Int>] {
    var result: [Range<Int>] = []
    var next = 0
    for segment in segments {
      let kept = segment.filter { keep[$0] }.count
      if kept > 0 { result.append(next..<(next + kept)) }
      next += kept
    }
    return result
  }
}
