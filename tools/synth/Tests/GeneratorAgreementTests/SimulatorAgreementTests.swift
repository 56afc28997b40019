import FSDSynth
import FSDTelemetry
import Foundation
import XCTest

@testable import FSDDetection

/// The detector against the simulator's ground truth (computed with the same docs/detection.md rules
/// on the exact signals) on 30 varied seeded drives: issue 4's "Done when" figures.
final class SimulatorAgreementTests: XCTestCase {
  /// Simulated once for all tests in this class (a few seconds).
  nonisolated(unsafe) private static var drives:
    [(scenario: Scenario, simulation: DriveSimulation, samples: [TelemetrySample])]?

  private func simulatedDrives() throws -> [(
    scenario: Scenario, simulation: DriveSimulation, samples: [TelemetrySample]
  )] {
    if let drives = Self.drives { return drives }
    var result: [(Scenario, DriveSimulation, [TelemetrySample])] = []
    for scenario in VariedScenarios.all() {
      do {
        let simulation = try DriveSimulation(scenario: scenario)
        result.append((scenario, simulation, SimulatedTelemetry.samples(simulation)))
      } catch {
        XCTFail("\(scenario.name): the simulator refuses it: \(error)")
      }
    }
    Self.drives = result
    return result
  }

  private func evaluate(label: String, transform: (DriveSimulation, [TelemetrySample]) -> [TelemetrySample]) throws
    -> AgreementFigures
  {
    var figures = AgreementFigures()
    for drive in try simulatedDrives() {
      let samples = transform(drive.simulation, drive.samples)
      let calibration = AxisCalibration.calibrate(samples)
      let events = TelemetryEventDetector.detect(samples, calibration: calibration)
      let truth = drive.simulation.groundTruth
      let matching = EventMatching(truth: truth.events, detected: events)
      figures.matching.add(matching)
      figures.drives += 1
      let usage = TelemetryEventDetector.usage(samples)
      figures.truthFSDDistanceM += truth.usage.fsdDistanceM
      figures.detectedFSDDistanceM += usage.fsdDistanceM
      if truth.usage.fsdDistanceM > 0 {
        figures.worstUsageError = max(
          figures.worstUsageError,
          abs(usage.fsdDistanceM - truth.usage.fsdDistanceM) / truth.usage.fsdDistanceM)
      }
      if samples.contains(where: { $0.accelXMPS2 != nil }) {
        figures.calibrationsChecked += 1
        if calibrationIsRight(calibration, truth) {
          figures.calibrationsRight += 1
          if calibration?.lateralSign == 0 { figures.lateralSignUnknown += 1 }
        } else {
          print(
            "[\(label)] \(drive.scenario.name): calibration \(String(describing: calibration)) for \(truth.imuAxes)")
        }
      }
      for missed in matching.missed {
        print("[\(label)] \(drive.scenario.name): missed \(describe(missed))")
      }
      for extra in matching.extra {
        print("[\(label)] \(drive.scenario.name): extra \(describe(extra))")
      }
      for pair in matching.pairs
      where pair.detected.initiator.rawValue != pair.truth.initiator.rawValue
        || (pair.truth.cause != nil && pair.detected.cause?.rawValue != pair.truth.cause?.rawValue)
        || (pair.truth.severity != nil && pair.detected.severity?.rawValue != pair.truth.severity?.rawValue)
      {
        print("[\(label)] \(drive.scenario.name): disagree \(describe(pair.truth)) vs \(describe(pair.detected))")
      }
    }
    print("[\(label)]\n\(figures)")
    return figures
  }

  /// The lateral axis can only be told from the vertical (and left from right) in a drive that
  /// turns: without a swerve, "sign unknown" is an acceptable answer; a wrong sign never is.
  private func calibrationIsRight(_ calibration: AxisCalibration?, _ truth: GroundTruth) -> Bool {
    guard let calibration, calibration.method == AxisCalibration.methodCorrelation,
      calibration.longitudinalAxis.rawValue == truth.imuAxes.longitudinal.axis.rawValue,
      calibration.longitudinalSign == truth.imuAxes.longitudinal.sign
    else { return false }
    if calibration.lateralSign == 0 { return !truth.events.contains { $0.kind == .swerve } }
    return calibration.lateralAxis.rawValue == truth.imuAxes.lateral.axis.rawValue
      && calibration.lateralSign == truth.imuAxes.lateral.sign
  }

  private func describe(_ e: GroundTruthEvent) -> String {
    String(
      format: "truth %@ onset %.3f end %.3f mag %.3f initiator %@ cause %@ rule %@ event %@", e.kind.rawValue, e.onsetS,
      e.endS, e.magnitude ?? -1, e.initiator.rawValue, e.cause?.rawValue ?? "-", e.rule,
      e.scenarioEvent.map(String.init) ?? "-")
  }

  private func describe(_ e: DetectedEvent) -> String {
    String(
      format: "detected %@ onset %.3f end %.3f decel %.3f lat %.3f initiator %@ cause %@ rule %@", e.kind.rawValue,
      e.onsetS, e.endS, e.peakDecelG ?? -1, e.peakLatG ?? -1, e.initiator.rawValue, e.cause?.rawValue ?? "-", e.rule)
  }

  private func assertDoneWhen(
    _ figures: AgreementFigures, calibrated: Bool = true, file: StaticString = #filePath,
    line: UInt = #line
  ) {
    XCTAssertGreaterThanOrEqual(figures.truthCount, 300, "enough events to mean something", file: file, line: line)
    XCTAssertGreaterThanOrEqual(figures.recall, 0.99, file: file, line: line)
    XCTAssertGreaterThanOrEqual(figures.precision, 0.98, file: file, line: line)
    XCTAssertLessThanOrEqual(figures.medianOnsetErrorS, 0.2, file: file, line: line)
    let initiator = figures.initiatorAgreement
    XCTAssertGreaterThanOrEqual(Double(initiator.0), 0.98 * Double(initiator.1), file: file, line: line)
    XCTAssertLessThanOrEqual(figures.fsdDistanceError, 0.01, file: file, line: line)
    XCTAssertLessThanOrEqual(figures.worstUsageError, 0.01, file: file, line: line)
    if calibrated { XCTAssertEqual(figures.calibrationsRight, figures.drives, file: file, line: line) }
  }

  func testEveryFrameAsTheSEIWritesIt() throws {
    assertDoneWhen(try evaluate(label: "SEI 36 fps") { $1 })
  }

  func testResampledTo18Hz() throws {
    assertDoneWhen(try evaluate(label: "SEI resampled to 18 Hz") { TelemetryResampler.resample($1, hz: 18) })
  }

  /// The canonical CSV as fsdlog-synth writes it with `csv_noise` 0.1: every other frame,
  /// vehicle-frame accelerations (no calibration needed) with 0.2 m/s² noise, speed with 0.1 m/s.
  func testCanonicalCSVAt18HzWithNoise() throws {
    let figures = try evaluate(label: "CSV 18 Hz, csv_noise 0.1") { simulation, _ in
      SimulatedTelemetry.canonicalCSV(simulation, noise: 0.1, seed: simulation.scenario.seed)
    }
    assertDoneWhen(figures, calibrated: false)
  }

  func testScenarioSetIsVaried() throws {
    var kinds: [String: Int] = [:]
    var initiators: [String: Int] = [:]
    var causes: [String: Int] = [:]
    for drive in try simulatedDrives() {
      for event in drive.simulation.groundTruth.events {
        kinds[event.kind.rawValue, default: 0] += 1
        initiators[event.initiator.rawValue, default: 0] += 1
        if let cause = event.cause { causes[cause.rawValue, default: 0] += 1 }
      }
    }
    print(
      "ground truth: kinds \(kinds.sorted { $0.key < $1.key }), initiators \(initiators.sorted { $0.key < $1.key }), "
        + "causes \(causes.sorted { $0.key < $1.key })")
    for kind in ["brake", "swerve", "disengagement", "override"] {
      XCTAssertGreaterThanOrEqual(kinds[kind] ?? 0, 15, kind)
    }
    for cause in ["brake_pedal", "steering", "accelerator", "unknown"] {
      XCTAssertGreaterThanOrEqual(causes[cause] ?? 0, 3, cause)
    }
    XCTAssertGreaterThanOrEqual(initiators["driver"] ?? 0, 30)
  }
}
