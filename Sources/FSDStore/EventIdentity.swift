import Foundation

/// Which stored event a newly detected one is: the same drive's event of the same kind whose
/// time overlaps it (onset to end, widened by a tolerance), whether that event is current or was
/// superseded by an earlier detection. Detection settings (`--mode`, `--config`, `--force`)
/// move an event's onset and end by a few frames, or drop it for a while; neither may take its
/// verdict away.
///
/// Each stored event is given to at most one detected event and the other way round. Pairs are
/// taken best first: a stored event with tags before one without (a verdict must not be left on
/// a superseded row while an untagged twin takes its place), then a current one before a
/// superseded one, then the longer overlap, then the nearer peak.
enum EventIdentity {
  struct Stored {
    let event: EventRecord
    /// The event has tag rows (a verdict, a note, or a verdict taken back).
    let hasTags: Bool
  }

  /// Index into `stored` for each index of `detected` that is an event found again.
  static func match(_ detected: [EventRecord], to stored: [Stored], toleranceS: Double) -> [Int: Int] {
    struct Span { let onset, peak, end: Double }
    func span(_ event: EventRecord) -> Span? {
      guard let onset = ClipClock.utcSeconds(event.onsetUtc), let end = ClipClock.utcSeconds(event.endUtc) else { return nil }
      return Span(onset: onset, peak: ClipClock.utcSeconds(event.peakUtc) ?? onset, end: max(end, onset))
    }
    struct Pair { let detected, stored: Int; let tagged, current: Bool; let overlapS, peakGapS: Double }
    let storedSpans = stored.map { span($0.event) }
    var pairs: [Pair] = []
    for (d, event) in detected.enumerated() {
      guard let new = span(event) else { continue }
      for (s, candidate) in stored.enumerated() where candidate.event.kind == event.kind {
        guard let old = storedSpans[s] else { continue }
        let overlapS = min(new.end, old.end) - max(new.onset, old.onset)
        guard overlapS >= -toleranceS else { continue }
        pairs.append(Pair(detected: d, stored: s, tagged: candidate.hasTags, current: candidate.event.supersededAt == nil,
                          overlapS: overlapS, peakGapS: abs(new.peak - old.peak)))
      }
    }
    pairs.sort { a, b in
      if a.tagged != b.tagged { return a.tagged }
      if a.current != b.current { return a.current }
      if a.overlapS != b.overlapS { return a.overlapS > b.overlapS }
      if a.peakGapS != b.peakGapS { return a.peakGapS < b.peakGapS }
      return (a.detected, a.stored) < (b.detected, b.stored)
    }
    var matches: [Int: Int] = [:]
    var taken: Set<Int> = []
    for pair in pairs where matches[pair.detected] == nil && !taken.contains(pair.stored) {
      matches[pair.detected] = pair.stored
      taken.insert(pair.stored)
    }
    return matches
  }
}
