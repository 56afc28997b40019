import FSDDomain
import FSDTelemetry
import FSDTestSupport
import Foundation
import XCTest

/// Reads every CSV the synthetic generator writes for a three-lap drive, from disk, and checks
/// the dialects against each other and against the scenario's numbers.
final class CSVGeneratorTests: XCTestCase {
  /// 185 s at 60 km/h from 08:14:31 PST (16:14:31Z): Track Mode laps of 90 s change at 90 s and
  /// 180 s; a driver brake takeover at 120 s.
  static let scenario = """
    {"name": "laps", "seed": 3, "start_local": "2026-11-02T08:14:31", "utc_offset": "-08:00",
     "duration_s": 185, "resolution": {"width": 64, "height": 48}, "initial_speed_kmh": 60,
     "events": [{"kind": "fsd_brake", "at_s": 95, "peak_g": 0.4, "duration_s": 1.6},
                {"kind": "driver_brake_takeover", "at_s": 120, "decel_g": 0.3, "duration_s": 1.5, "reengage_after_s": 10}],
     "output": {"cameras": ["front"], "clip_s": 60, "csv": ["canonical", "tesla_sei", "track_mode"]}}
    """
  let pacific = TimeZone(identifier: "America/Los_Angeles")!
  let startUTC = ISO8601DateFormatter().date(from: "2026-11-02T16:14:31Z")!.timeIntervalSince1970

  /// The built `fsdlog-synth` next to the test bundle (building the tools package's tests builds
  /// it).
  static var generator: URL? {
    let folder = Bundle.main.bundleURL
    return [
      folder.appendingPathComponent("fsdlog-synth"),
      folder.deletingLastPathComponent().appendingPathComponent("fsdlog-synth"),
    ]
    .first { FileManager.default.isExecutableFile(atPath: $0.path) }
  }

  func generate() throws -> URL {
    guard let generator = Self.generator else {
      throw XCTSkip("fsdlog-synth is not built: run `swift build --package-path tools --scratch-path .build-tools --build-tests`")
    }
    let folder = FileManager.default.temporaryDirectory.appendingPathComponent("fsdlog-csv-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
    addTeardownBlock { try? FileManager.default.removeItem(at: folder) }
    let scenario = folder.appendingPathComponent("laps.json")
    try Data(Self.scenario.utf8).write(to: scenario)
    let run = try ProcessRunner.run(
      generator.path, [scenario.path, "--out", folder.appendingPathComponent("out").path, "--quiet"])
    XCTAssertEqual(run.status, 0, run.stderr)
    return folder.appendingPathComponent("out/telemetry")
  }

  func testEveryDialectTheGeneratorWritesAgrees() throws {
    let telemetry = try generate()
    let canonical = try CSVTelemetryReader.read(path: telemetry.appendingPathComponent("laps.csv").path)
    XCTAssertEqual(canonical.dialect, .canonical)
    XCTAssertEqual(canonical.skippedRows, [])
    let reference = canonical.series.samples
    XCTAssertEqual(reference.count, 185 * 18, "every other frame at 36 fps")
    XCTAssertEqual(reference[0].timeS, startUTC)
    XCTAssertEqual(reference[0].speedMPS!, 16.667, accuracy: 1e-9)
    XCTAssertEqual(reference.last!.timeS - startUTC, 184.944, accuracy: 1e-3)
    XCTAssertEqual(reference.filter { $0.autopilot == AutopilotMode.none }.count, 180, "10 s manual after the takeover")

    // The canonical speed at an absolute time, between its samples.
    func speed(atUTC timeS: Double) -> Double {
      let upper = reference.firstIndex { $0.timeS >= timeS } ?? reference.count - 1
      let lower = max(upper - 1, 0)
      let (a, b) = (reference[lower], reference[upper])
      let fraction = b.timeS > a.timeS ? (timeS - a.timeS) / (b.timeS - a.timeS) : 0
      return a.speedMPS! + (b.speedMPS! - a.speedMPS!) * min(max(fraction, 0), 1)
    }

    // Track Mode: relative, placed by its file name; laps accumulate into one even 45 Hz line.
    let track = try CSVTelemetryReader.read(
      path: telemetry.appendingPathComponent("telemetry-v1-2026-11-02_08-14-31.csv").path)
    XCTAssertEqual(track.dialect, .trackMode)
    XCTAssertEqual(track.skippedRows, [])
    XCTAssertFalse(track.series.isAbsoluteTime)
    let trackStart = try XCTUnwrap(track.startHint?.startDate(in: pacific)).timeIntervalSince1970
    XCTAssertEqual(trackStart, startUTC)
    let times = track.series.samples.map(\.timeS)
    let steps = zip(times.dropFirst(), times).map { $0 - $1 }
    XCTAssertEqual(steps.min()!, 1.0 / 45, accuracy: 0.0015)
    XCTAssertEqual(steps.max()!, 1.0 / 45, accuracy: 0.0015, "no jump where the laps change")
    XCTAssertEqual(times.last!, 184.97, accuracy: 0.03)
    // Linear interpolation of the 18 Hz reference is off by a few cm/s while braking; on average
    // the two agree to mph rounding.
    let errors = track.series.samples.map { abs($0.speedMPS! - speed(atUTC: trackStart + $0.timeS)) }
    XCTAssertLessThan(errors.max()!, 0.1)
    XCTAssertLessThan(errors.reduce(0, +) / Double(errors.count), 0.005)

    let referenceByMillisecond = Dictionary(reference.map { (Int(($0.timeS * 1000).rounded()), $0.speedMPS!) }) {
      a, _ in a
    }

    // Tesla SEI export: one file per clip, frames from the clip's first, clip start in the name.
    let folder = telemetry.appendingPathComponent("laps-tesla-sei")
    let names = try FileManager.default.contentsOfDirectory(atPath: folder.path).sorted()
    XCTAssertEqual(names.count, 4)
    for (clip, name) in names.enumerated() {
      let file = try CSVTelemetryReader.read(path: folder.appendingPathComponent(name).path)
      XCTAssertEqual(file.dialect, .teslaSEI)
      XCTAssertEqual(file.skippedRows, [])
      let hint = try XCTUnwrap(file.startHint)
      XCTAssertEqual(hint.firstFrameSeqNo, UInt64(clip * 60 * 36))
      let clipStart = try XCTUnwrap(hint.startDate(in: pacific)).timeIntervalSince1970
      XCTAssertEqual(clipStart, startUTC + Double(clip * 60))
      // Even frames are the canonical file's rows: same instant, same speed (3 vs 4 decimals).
      var compared = 0
      for sample in file.series.samples {
        guard let rowSpeed = referenceByMillisecond[Int(((clipStart + sample.timeS) * 1000).rounded())] else {
          continue
        }
        XCTAssertEqual(sample.speedMPS!, rowSpeed, accuracy: 6e-4, "\(name) at \(sample.timeS)")
        compared += 1
      }
      XCTAssertEqual(compared, clip < 3 ? 1080 : 90, name)
    }
  }
}
