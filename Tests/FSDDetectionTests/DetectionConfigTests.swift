import FSDTelemetry
import Foundation
import XCTest

@testable import FSDDetection

final class DetectionConfigTests: XCTestCase {
  private var directory: URL!

  override func setUpWithError() throws {
    directory = FileManager.default.temporaryDirectory.appendingPathComponent(
      "fsd-detection-config-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
  }

  override func tearDownWithError() throws {
    try? FileManager.default.removeItem(at: directory)
  }

  private func write(_ json: String, name: String = "detect.json") throws -> String {
    let url = directory.appendingPathComponent(name)
    try json.write(to: url, atomically: true, encoding: .utf8)
    return url.path
  }

  private func message(_ body: () throws -> Void) -> String {
    do {
      try body()
      XCTFail("expected an error")
      return ""
    } catch {
      return "\(error)"
    }
  }

  func testDefaultsAreDetectionMd() {
    let c = DetectionConfig.standard
    XCTAssertEqual(c.brakeDecelG, 0.20)
    XCTAssertEqual(c.brakeHoldS, 0.4)
    XCTAssertEqual(c.speedDropKmh, 8)
    XCTAssertEqual(c.speedDropWindowS, 2)
    XCTAssertEqual(c.speedDropMinKmh, 15)
    XCTAssertEqual(c.hardG, 0.30)
    XCTAssertEqual(c.emergencyG, 0.45)
    XCTAssertEqual(c.swerveLatG, 0.25)
    XCTAssertEqual(c.swerveSteeringRateDegPerS, 90)
    XCTAssertEqual(c.swerveSteeringExcursionDeg, 20)
    XCTAssertEqual(c.swerveMinKmh, 30)
    XCTAssertEqual(c.overrideWindowS, 3)
    XCTAssertEqual(c.mergeGapS, 3)
    XCTAssertEqual(c.releaseFraction, 0.5)
    XCTAssertEqual(c.disengagementFrom, [.selfDriving, .autosteer])
  }

  func testMissingKeysTakeDefaults() throws {
    let path = try write(#"{"brake_decel_g": 0.25, "merge_gap_s": 5, "disengagement_from": ["SELF_DRIVING"]}"#)
    let config = try DetectionConfig.load(path: path)
    var expected = DetectionConfig()
    expected.brakeDecelG = 0.25
    expected.mergeGapS = 5
    expected.disengagementFrom = [.selfDriving]
    XCTAssertEqual(config, expected)
    XCTAssertEqual(try DetectionConfig.load(path: try write("{}", name: "empty.json")), .standard)
  }

  func testUnknownKeyIsRejectedNamingFileAndKey() throws {
    let path = try write(#"{"brake_decel_g": 0.25, "brake_decel": 0.3}"#, name: "mine.json")
    let text = message { _ = try DetectionConfig.load(path: path) }
    XCTAssertTrue(text.hasPrefix("mine.json: unknown key 'brake_decel'"), text)
    XCTAssertTrue(text.contains("brake_decel_g"), "lists the known keys: \(text)")
  }

  func testWrongTypeNamesTheKey() throws {
    let path = try write(#"{"brake_hold_s": "long"}"#)
    let text = message { _ = try DetectionConfig.load(path: path) }
    XCTAssertEqual(text, "detect.json: 'brake_hold_s' has the wrong type: expected a number")
    let state = try write(#"{"disengagement_from": ["FSD"]}"#)
    XCTAssertTrue(message { _ = try DetectionConfig.load(path: state) }.contains("'disengagement_from"))
  }

  func testOutOfRangeValuesNameTheKey() throws {
    let path = try write(#"{"hard_g": 0.5, "emergency_g": 0.4}"#)
    XCTAssertTrue(
      message { _ = try DetectionConfig.load(path: path) }.hasPrefix("detect.json: 'emergency_g' must be above hard_g"))
    let negative = try write(#"{"brake_decel_g": -0.2}"#)
    XCTAssertEqual(
      message { _ = try DetectionConfig.load(path: negative) },
      "detect.json: 'brake_decel_g' must be a positive number, not -0.2")
  }

  func testNotJSONOrMissingFile() throws {
    let path = try write("brake_decel_g = 0.2")
    XCTAssertTrue(message { _ = try DetectionConfig.load(path: path) }.hasPrefix("detect.json: not valid JSON"))
    let array = try write("[1, 2]")
    XCTAssertTrue(message { _ = try DetectionConfig.load(path: array) }.contains("JSON object"))
    XCTAssertTrue(message { _ = try DetectionConfig.load(path: "/nonexistent/x.json") }.contains("/nonexistent/x.json"))
  }

  func testRoundTripWithSnakeCaseKeys() throws {
    var config = DetectionConfig()
    config.swerveLatG = 0.3
    let data = try JSONEncoder().encode(config)
    let object = try XCTUnwrap(try JSONSerialization.jsonObject(with: data) as? [String: Any])
    XCTAssertEqual(object["swerve_lat_g"] as? Double, 0.3)
    XCTAssertEqual(object["disengagement_from"] as? [String], ["SELF_DRIVING", "AUTOSTEER"])
    XCTAssertEqual(Set(object.keys), Set(DetectionConfig.CodingKeys.allCases.map(\.stringValue)))
    XCTAssertEqual(try JSONDecoder().decode(DetectionConfig.self, from: data), config)
  }

  func testThresholdsFromConfigAreUsed() {
    var series = HandMadeSeries()
    series.decelG = { trapezoid($0, start: 5, ramp: 0.3, hold: 1, peak: 0.25) }
    XCTAssertEqual(TelemetryEventDetector.detect(series.samples(), calibration: nil).count, 1)
    var strict = DetectionConfig()
    strict.brakeDecelG = 0.3
    strict.speedDropKmh = 20
    let events = TelemetryEventDetector.detect(series.samples(), calibration: nil, config: strict)
    XCTAssertEqual(events, [])
    strict.brakeDecelG = 0.22
    XCTAssertEqual(
      TelemetryEventDetector.detect(series.samples(), calibration: nil, config: strict).map(\.rule),
      ["decel>=0.22g for 0.4s"])
  }
}
