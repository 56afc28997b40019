import FSDTelemetry
import Foundation
import XCTest

/// Defect 11: a 189 MB CSV peaked at 805 MB because every sample was held (twice). Ingest now
/// tells the reader which times it can use; the others are counted, not kept.
final class CSVKeepingTests: XCTestCase {
  private let header =
    "time,speed_mps,accel_long_mps2,accel_lat_mps2,brake,accelerator,steering_deg,autopilot,lat,lon,heading_deg"
  private let startS = 1_793_636_071.0

  /// `count` canonical rows 0.1 s apart, speed rising so every sample differs.
  private func writeCSV(rows count: Int) throws -> String {
    let path = FileManager.default.temporaryDirectory.appendingPathComponent("keep-\(UUID().uuidString).csv").path
    var text = header + "\n"
    for index in 0..<count {
      text += String(format: "%.1f,%.3f,0.000,0.000,0,0.000,0.0,SELF_DRIVING,37.3947,-122.1503,90.00\n",
                     startS + Double(index) / 10, Double(index) / 100)
    }
    try text.write(toFile: path, atomically: true, encoding: .utf8)
    addTeardownBlock { try? FileManager.default.removeItem(atPath: path) }
    return path
  }

  func testOnlyTheTimesAskedForAreKeptAndTheRestCounted() throws {
    let path = try writeCSV(rows: 3000)
    let all = try CSVTelemetryReader.read(path: path)
    let window = (startS + 100)..<(startS + 130)
    var asked: [Bool] = []
    let kept = try CSVTelemetryReader.read(path: path, keeping: { timeS, isAbsolute in
      asked.append(isAbsolute)
      return window.contains(timeS)
    })

    XCTAssertEqual(asked.count, 3000, "every good sample is offered")
    XCTAssertTrue(asked.allSatisfy { $0 }, "a canonical CSV is on an absolute clock")
    let expected = all.series.samples.filter { window.contains($0.timeS) }
    XCTAssertEqual(expected.count, 300)
    XCTAssertEqual(kept.series.samples.map(\.timeS), expected.map(\.timeS))
    XCTAssertEqual(kept.series.samples.map(\.speedMPS), expected.map(\.speedMPS))
    XCTAssertEqual(kept.samplesNotKept, 2700)
    XCTAssertEqual(kept.timeSpanS, all.timeSpanS, "the span is the whole file's, for messages")
    XCTAssertEqual(all.timeSpanS?.lowerBound, startS)
    XCTAssertEqual(try XCTUnwrap(all.timeSpanS?.upperBound), startS + 299.9, accuracy: 1e-6)
    XCTAssertEqual(all.samplesNotKept, 0)
    XCTAssertTrue(kept.summary.hasSuffix("3000 samples from 3000 rows (2700 outside every clip not kept)"), kept.summary)
  }

  func testKeepingNothingIsNotAnUnreadableFile() throws {
    let path = try writeCSV(rows: 50)
    let file = try CSVTelemetryReader.read(path: path, keeping: { _, _ in false })
    XCTAssertEqual(file.series.samples.count, 0)
    XCTAssertEqual(file.samplesNotKept, 50)
    XCTAssertEqual(file.skippedRows, [])
  }
}
