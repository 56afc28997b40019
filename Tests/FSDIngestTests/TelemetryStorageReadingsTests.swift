import FSDDomain
import FSDStore
import FSDTelemetry
import XCTest

@testable import FSDIngest

/// Every reading of `TelemetrySample.readings` has a stored column and comes back from it; a
/// missing one comes back as missing, not as zero. Through the real store form (float32 and
/// float64 columns with NaN for "no value").
final class TelemetryStorageReadingsTests: XCTestCase {
  func testEveryReadingSurvivesTheStoredForm() {
    var sample = TelemetrySample(timeS: 0.05)
    // Distinct values that float32 holds exactly, so a reading read back from another column shows.
    for (index, reading) in TelemetrySample.readings.enumerated() { sample[keyPath: reading] = Double(index + 1) * 0.5 }
    sample.latitudeDeg = 37.123_456_789
    sample.brakePedal = true
    sample.autopilot = .selfDriving
    var empty = TelemetrySample(timeS: 0.15)
    empty.brakePedal = nil

    let stored = TelemetryStorage.stored([sample, empty], source: "sei", startUTC: nil)
    let back = TelemetryStorage.samples(stored, startS: 100)

    XCTAssertEqual(back.count, 2)
    for (index, reading) in TelemetrySample.readings.enumerated() where reading != \TelemetrySample.latitudeDeg {
      XCTAssertEqual(back[0][keyPath: reading], Double(index + 1) * 0.5, "reading \(index)")
      XCTAssertNil(back[1][keyPath: reading], "reading \(index)")
    }
    XCTAssertEqual(back[0].latitudeDeg, 37.123_456_789, "position is stored as float64")
    XCTAssertEqual(back[0].brakePedal, true)
    XCTAssertEqual(back[0].autopilot, .selfDriving)
    XCTAssertNil(back[1].brakePedal)
    XCTAssertNil(back[1].autopilot)
    XCTAssertEqual(back[0].timeS, 100.05, accuracy: 1e-6)
  }
}
