/// docs/detection.md's interval rule on one signal: onset at the first point ≥ the threshold, peak at
/// the extreme point, end at the first point back under the release level (half the threshold).
enum Hysteresis {
  /// Point indices into the track.
  struct Run: Equatable {
    var onset: Int
    var peak: Int
    var end: Int
    var peakValue: Double
  }

  /// - Parameter startsAt: extra condition for a point to start a run (the steering rule's
  ///   excursion and speed); continuing a run needs only the release level.
  /// A run that never drops back ends at its segment's last point.
  static func runs(
    _ track: SignalTrack, threshold: Double, release: Double,
    startsAt: (Int) -> Bool = { _ in true }
  ) -> [Run] {
    let values = track.values
    var result: [Run] = []
    for segment in track.segments {
      var i = segment.lowerBound
      while i < segment.upperBound {
        guard values[i] >= threshold, startsAt(i) else {
          i += 1
          continue
        }
        var peak = i
        var j = i
        while j < segment.upperBound && values[j] >= release {
          if values[j] > values[peak] { peak = j }
          j += 1
        }
        let end = min(j, segment.upperBound - 1)
        result.append(Run(onset: i, peak: peak, end: end, peakValue: values[peak]))
        i = j + 1
      }
    }
    return result
  }

  /// Longest time from the first to the last point of an unbroken stretch ≥ `threshold` in the run.
  static func longestHoldS(_ track: SignalTrack, _ run: Run, threshold: Double) -> Double {
    var best = 0.0
    var stretchStart: Int?
    for k in run.onset...run.end {
      if track.values[k] >= threshold {
        if stretchStart == nil { stretchStart = k }
        best = max(best, track.times[k] - track.times[stretchStart!])
      } else {
        stretchStart = nil
      }
    }
    return best
  }
}
