/// An interval some rule found, before it becomes a `DetectedEvent`. Indices are samples of the
/// `CleanSeries`.
struct Candidate: Equatable {
  var onset: Int
  var peak: Int
  var end: Int
  /// The rule's own measure at the peak (g, pedal position, °/s): what "extreme" compares.
  var peakValue: Double
  var rule: String

  init(onset: Int, peak: Int, end: Int, peakValue: Double, rule: String) {
    self.onset = onset
    self.peak = peak
    self.end = end
    self.peakValue = peakValue
    self.rule = rule
  }

  /// A hysteresis run of `track`, re-indexed to samples.
  init(_ run: Hysteresis.Run, on track: SignalTrack, rule: String) {
    self.init(
      onset: track.sampleIndices[run.onset], peak: track.sampleIndices[run.peak],
      end: track.sampleIndices[run.end], peakValue: run.peakValue, rule: rule)
  }
}

enum CandidateMerging {
  /// docs/detection.md: events of one kind closer than the gap (one's end to the next one's onset)
  /// become one; it keeps the first onset, the larger peak and the later end.
  static func merge(_ candidates: [Candidate], times: [Double], gapS: Double) -> [Candidate] {
    var merged: [Candidate] = []
    for candidate in candidates.sorted(by: { $0.onset < $1.onset }) {
      if var last = merged.last, times[candidate.onset] - times[last.end] < gapS {
        if candidate.peakValue > last.peakValue {
          last.peak = candidate.peak
          last.peakValue = candidate.peakValue
        }
        last.end = max(last.end, candidate.end)
        merged[merged.count - 1] = last
      } else {
        merged.append(candidate)
      }
    }
    return merged
  }

  /// When two rules describe one kind (deceleration and speed drop; lateral g and steering rate),
  /// the primary rule's events keep their timing and a secondary event within the merge gap of one
  /// of them is the same manoeuvre seen through a slower or earlier signal: it is absorbed, so it
  /// cannot pull the onset away from the measured acceleration. Secondary events alone stand.
  static func combine(primary: [Candidate], secondary: [Candidate], times: [Double], gapS: Double) -> [Candidate] {
    let alone = secondary.filter { s in
      !primary.contains { p in times[s.onset] - times[p.end] < gapS && times[p.onset] - times[s.end] < gapS }
    }
    return merge(primary + alone, times: times, gapS: gapS)
  }
}
