import FSDDetection
import FSDSynth
import Foundation

/// Detected events against the simulator's ground truth: same kind, onset within a tolerance,
/// closest pairs first.
struct EventMatching {
  struct Pair {
    var truth: GroundTruthEvent
    var detected: DetectedEvent
    var onsetErrorS: Double { detected.onsetS - truth.onsetS }
  }

  var pairs: [Pair] = []
  var missed: [GroundTruthEvent] = []
  var extra: [DetectedEvent] = []

  init(truth: [GroundTruthEvent], detected: [DetectedEvent], toleranceS: Double = 1) {
    var candidates: [(Int, Int, Double)] = []
    for (i, t) in truth.enumerated() {
      for (j, d) in detected.enumerated()
      where d.kind.rawValue == t.kind.rawValue && abs(d.onsetS - t.onsetS) <= toleranceS {
        candidates.append((i, j, abs(d.onsetS - t.onsetS)))
      }
    }
    var usedTruth = Set<Int>()
    var usedDetected = Set<Int>()
    for (i, j, _) in candidates.sorted(by: { $0.2 < $1.2 }) where !usedTruth.contains(i) && !usedDetected.contains(j) {
      usedTruth.insert(i)
      usedDetected.insert(j)
      pairs.append(Pair(truth: truth[i], detected: detected[j]))
    }
    missed = truth.indices.filter { !usedTruth.contains($0) }.map { truth[$0] }
    extra = detected.indices.filter { !usedDetected.contains($0) }.map { detected[$0] }
  }

  mutating func add(_ other: EventMatching) {
    pairs += other.pairs
    missed += other.missed
    extra += other.extra
  }
}

/// The figures issue 4's "Done when" asks for, over a set of drives.
struct AgreementFigures: CustomStringConvertible {
  var matching = EventMatching(truth: [], detected: [])
  var worstUsageError = 0.0
  var truthFSDDistanceM = 0.0
  var detectedFSDDistanceM = 0.0
  var drives = 0
  var calibrationsChecked = 0
  var calibrationsRight = 0
  /// Right, but the lateral sign left unknown (drives that never turn).
  var lateralSignUnknown = 0

  var truthCount: Int { matching.pairs.count + matching.missed.count }
  var detectedCount: Int { matching.pairs.count + matching.extra.count }
  var recall: Double { truthCount == 0 ? 1 : Double(matching.pairs.count) / Double(truthCount) }
  var precision: Double { detectedCount == 0 ? 1 : Double(matching.pairs.count) / Double(detectedCount) }
  var medianOnsetErrorS: Double {
    let errors = matching.pairs.map { abs($0.onsetErrorS) }.sorted()
    return errors.isEmpty ? 0 : errors[errors.count / 2]
  }
  var p95OnsetErrorS: Double {
    let errors = matching.pairs.map { abs($0.onsetErrorS) }.sorted()
    return errors.isEmpty ? 0 : errors[min(errors.count - 1, Int(0.95 * Double(errors.count)))]
  }
  func share(_ agree: (EventMatching.Pair) -> Bool?) -> (Int, Int) {
    let judged = matching.pairs.compactMap(agree)
    return (judged.filter { $0 }.count, judged.count)
  }
  var initiatorAgreement: (Int, Int) { share { $0.detected.initiator.rawValue == $0.truth.initiator.rawValue } }
  var severityAgreement: (Int, Int) {
    share { p in p.truth.severity.map { p.detected.severity?.rawValue == $0.rawValue } }
  }
  var causeAgreement: (Int, Int) { share { p in p.truth.cause.map { p.detected.cause?.rawValue == $0.rawValue } } }
  var fsdDistanceError: Double { abs(detectedFSDDistanceM - truthFSDDistanceM) / max(truthFSDDistanceM, 1) }

  var description: String {
    func ratio(_ pair: (Int, Int)) -> String {
      String(format: "%.4f (%d/%d)", pair.1 == 0 ? 1 : Double(pair.0) / Double(pair.1), pair.0, pair.1)
    }
    var lines = [
      "drives \(drives), ground-truth events \(truthCount), detected \(detectedCount), matched \(matching.pairs.count)",
      String(
        format: "recall %.4f  precision %.4f  median |onset error| %.3f s  p95 %.3f s", recall, precision,
        medianOnsetErrorS, p95OnsetErrorS),
      "kind right (same-kind matching) 1.0000; initiator right \(ratio(initiatorAgreement))",
      "severity right \(ratio(severityAgreement)); disengagement cause right \(ratio(causeAgreement))",
      String(
        format: "FSD distance: truth %.1f m, detected %.1f m, error %.4f %% (worst drive %.4f %%)",
        truthFSDDistanceM, detectedFSDDistanceM, 100 * fsdDistanceError, 100 * worstUsageError),
      calibrationsChecked == 0
        ? "axis calibration: none needed (vehicle-frame accelerations)"
        : "axis calibration right on \(calibrationsRight)/\(calibrationsChecked) drives "
          + "(lateral sign rightly unknown on \(lateralSignUnknown): no turns)",
    ]
    for kind in [GroundTruthEvent.Kind.brake, .swerve] {
      let errors = matching.pairs.filter { $0.truth.kind == kind }.compactMap { p -> Double? in
        guard let truth = p.truth.magnitude, let found = kind == .brake ? p.detected.peakDecelG : p.detected.peakLatG
        else { return nil }
        return found - truth
      }.sorted()
      if !errors.isEmpty {
        lines.append(
          String(
            format: "  %@ peak error (detected − truth, g): median %+.4f, 5 %% %+.4f, 95 %% %+.4f", kind.rawValue,
            errors[errors.count / 2], errors[errors.count / 20], errors[errors.count * 19 / 20]))
      }
    }
    for kind in GroundTruthEvent.Kind.allCases {
      let truth =
        matching.pairs.filter { $0.truth.kind == kind }.count + matching.missed.filter { $0.kind == kind }.count
      let found = matching.pairs.filter { $0.truth.kind == kind }.count
      let extra = matching.extra.filter { $0.kind.rawValue == kind.rawValue }.count
      lines.append("  \(kind.rawValue): \(found)/\(truth) found, \(extra) extra")
    }
    return lines.joined(separator: "\n")
  }
}
