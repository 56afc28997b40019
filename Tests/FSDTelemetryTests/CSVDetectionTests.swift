import XCTest

@testable import FSDTelemetry

/// Dialect detection from headers, and what a header cell is taken to say.
final class CSVDetectionTests: XCTestCase {
  func testEachDialectsHeader() {
    func first(_ text: String) -> [String] { text.split(separator: "\n")[0].split(separator: ",").map(String.init) }
    XCTAssertEqual(CSVTelemetryReader.detectDialect(header: first(CSVFixtures.canonical)), .canonical)
    XCTAssertEqual(CSVTelemetryReader.detectDialect(header: first(CSVFixtures.teslaSEI)), .teslaSEI)
    XCTAssertEqual(CSVTelemetryReader.detectDialect(header: first(CSVFixtures.trackMode)), .trackMode)
    XCTAssertEqual(CSVTelemetryReader.detectDialect(header: first(CSVFixtures.openpilot)), .openpilot)
    XCTAssertEqual(
      CSVTelemetryReader.detectDialect(header: [
        "Timestamp (PDT)", "Drive ID", "Latitude", "Longitude",
        "Elevation (m)", "Speed (mph)", "Power (kW)", "Odometer (mi)",
      ]),
      .tessie)
  }

  func testCaseSpacesUnitsAndBOMDoNotMatter() {
    XCTAssertEqual(CSVTelemetryReader.detectDialect(header: ["\u{FEFF}TIME", " Speed_MPS "]), .canonical)
    XCTAssertEqual(CSVTelemetryReader.detectDialect(header: ["time", "speed_kmh"]), .canonical)
    XCTAssertEqual(CSVTelemetryReader.detectDialect(header: ["lap", "elapsed time (s)", "speed (km/h)"]), .trackMode)
    XCTAssertEqual(CSVTelemetryReader.detectDialect(header: ["vEgo", "aEgo"]), .openpilot)
    XCTAssertEqual(CSVTelemetryReader.detectDialect(header: ["VehicleSpeedMps", "FrameSeqNo"]), .teslaSEI)
  }

  func testUnknownHeaders() {
    XCTAssertNil(CSVTelemetryReader.detectDialect(header: []))
    XCTAssertNil(CSVTelemetryReader.detectDialect(header: ["foo", "bar"]))
    XCTAssertNil(CSVTelemetryReader.detectDialect(header: ["\u{FFFD}\u{0}", ""]))
  }

  func testHeaderCells() {
    func cell(_ text: String) -> (String, String?) {
      let header = CSVColumnHeader(Substring(text))
      return (header.key, header.unitText)
    }
    XCTAssertTrue(cell("Speed (MPH)") == ("speed", "MPH"))
    XCTAssertTrue(cell("accel_long_mps2") == ("accellong", "mps2"))
    XCTAssertTrue(cell("Lateral Acceleration (m/s^2)") == ("lateralacceleration", "m/s^2"))
    XCTAssertTrue(cell("carState.vEgo") == ("carstatevego", nil))
    XCTAssertTrue(cell("frame_seq_no") == ("frameseqno", nil))
    XCTAssertTrue(cell("Timestamp [UTC]") == ("timestamp", "UTC"))
    XCTAssertTrue(cell("time_ms") == ("time", "ms"))
  }
}
