import FSDDomain
import FSDTelemetry
import Foundation
import XCTest

/// Each dialect read from a file as its writer lays it out, values checked against known numbers.
final class CSVDialectTests: XCTestCase {
  let pacific = TimeZone(identifier: "America/Los_Angeles")!

  func testCanonicalFromTheGenerator() throws {
    let file = try CSVFixtures.read(CSVFixtures.canonical, path: "telemetry/laps.csv")
    XCTAssertEqual(file.dialect, .canonical)
    XCTAssertEqual(file.series.source, .canonicalCSV)
    XCTAssertTrue(file.series.isAbsoluteTime)
    XCTAssertNil(file.startHint)
    XCTAssertEqual(file.skippedRows, [])
    XCTAssertEqual(file.dataRowCount, 9)
    let samples = file.series.samples
    XCTAssertEqual(samples.count, 9)
    XCTAssertEqual(samples[0].timeS, CSVFixtures.epoch("2026-11-02T16:14:31Z"), accuracy: 1e-6)
    XCTAssertEqual(samples[1].timeS - samples[0].timeS, 0.056, accuracy: 1e-6)
    XCTAssertEqual(samples[0].speedMPS!, 16.667, accuracy: 1e-9)  // 60 km/h
    XCTAssertEqual(samples[0].autopilot, .selfDriving)
    XCTAssertEqual(samples[0].brakePedal, false)
    XCTAssertEqual(samples[0].acceleratorPedal, 0)
    XCTAssertEqual(samples[0].latitudeDeg!, 37.3947, accuracy: 1e-9)
    XCTAssertEqual(samples[0].longitudeDeg!, -122.1503, accuracy: 1e-9)
    XCTAssertEqual(samples[0].headingDeg, 90)
    XCTAssertEqual(samples[0].steeringDeg, 0)
    XCTAssertEqual(samples[3].timeS, CSVFixtures.epoch("2026-11-02T16:16:31Z"), accuracy: 1e-6)
    XCTAssertEqual(samples[3].brakePedal, true)
    XCTAssertEqual(samples[7].autopilot, AutopilotMode.none)
    XCTAssertEqual(samples[7].accelLongMPS2!, -2.48, accuracy: 1e-9)
    XCTAssertEqual(samples[7].accelLatMPS2, 0)
    XCTAssertNil(samples[7].accelXMPS2, "canonical accelerations are already longitudinal/lateral")
    XCTAssertEqual(file.summary, "telemetry/laps.csv: fsdlog canonical CSV, 9 samples from 9 rows")
  }

  func testTeslaSEIExportGetsFrameTimesAndTheClipStart() throws {
    let file = try CSVFixtures.read(CSVFixtures.teslaSEI, path: CSVFixtures.teslaSEIPath)
    XCTAssertEqual(file.dialect, .teslaSEI)
    XCTAssertEqual(file.series.source, .teslaSEICSV)
    XCTAssertFalse(file.series.isAbsoluteTime)
    let samples = file.series.samples
    XCTAssertEqual(samples.map(\.timeS), [0, 1, 8, 9, 10].map { Double($0) / 36 })
    XCTAssertEqual(samples[0].speedMPS!, 16.6666, accuracy: 1e-9)
    XCTAssertEqual(samples[0].brakePedal, true)
    XCTAssertEqual(samples[0].autopilot, .selfDriving)
    XCTAssertEqual(samples[2].autopilot, AutopilotMode.none)
    XCTAssertEqual(samples[1].accelXMPS2!, -0.0618, accuracy: 1e-9)
    XCTAssertEqual(samples[1].accelYMPS2, 0)
    XCTAssertEqual(samples[1].accelZMPS2, 0)
    XCTAssertNil(samples[1].accelLongMPS2, "SEI axes are raw: calibration decides which is longitudinal")
    XCTAssertEqual(samples[4].latitudeDeg!, 37.3947, accuracy: 1e-9)
    XCTAssertEqual(samples[4].steeringDeg, 0)
    XCTAssertEqual(samples[4].acceleratorPedal, 0)
    // Frame 4320 is 120 s into the drive: the clip named 08-16-31 local (PST) = 16:16:31Z.
    let hint = try XCTUnwrap(file.startHint)
    XCTAssertEqual(hint.firstFrameSeqNo, 4320)
    XCTAssertEqual(hint.localStart?.hour, 8)
    XCTAssertEqual(hint.localStart?.minute, 16)
    XCTAssertEqual(hint.startDate(in: pacific)?.timeIntervalSince1970, CSVFixtures.epoch("2026-11-02T16:16:31Z"))
  }

  func testTrackModeConvertsMPHAndAccumulatesLaps() throws {
    let file = try CSVFixtures.read(CSVFixtures.trackMode, path: CSVFixtures.trackModePath)
    XCTAssertEqual(file.dialect, .trackMode)
    XCTAssertEqual(file.series.source, .trackModeCSV)
    XCTAssertFalse(file.series.isAbsoluteTime)
    XCTAssertEqual(file.skippedRows, [])
    let samples = file.series.samples
    XCTAssertEqual(samples.count, 15)
    XCTAssertEqual(samples[0].speedMPS!, 16.666, accuracy: 1e-3)  // 37.28 mph
    XCTAssertEqual(samples[0].speedMPS!, 37.28 * 0.44704, accuracy: 1e-12)
    // Lap 1 ends at 89.978 s; lap 2 restarts at 0 ms one sampling step (22 ms) later.
    let times = samples.map(\.timeS)
    for (got, expected) in zip(times, [0, 0.022, 0.044, 89.933, 89.956, 89.978, 90.0, 90.022, 90.044, 120.0]) {
      XCTAssertEqual(got, expected, accuracy: 1e-9)
    }
    XCTAssertEqual(times, times.sorted())
    // 120 s: the takeover brakes; pressure 0.25 bar is a resting line, 0.87 bar is braking.
    XCTAssertEqual(samples[9].brakePedal, false)
    XCTAssertEqual(samples[10].brakePedal, true)
    XCTAssertEqual(samples[14].brakePedal, true)
    XCTAssertEqual(samples[14].accelLongMPS2!, -1.156, accuracy: 1e-9)
    XCTAssertEqual(samples[14].speedMPS!, 37.16 * 0.44704, accuracy: 1e-12)
    XCTAssertEqual(samples[14].acceleratorPedal, 0)
    XCTAssertEqual(samples[14].accelLatMPS2, 0)
    XCTAssertEqual(samples[0].latitudeDeg!, 37.3947, accuracy: 1e-9)
    XCTAssertNil(samples[0].autopilot)
    let hint = try XCTUnwrap(file.startHint)
    XCTAssertEqual(hint.startDate(in: pacific)?.timeIntervalSince1970, CSVFixtures.epoch("2026-11-02T16:14:31Z"))
    XCTAssertNil(hint.firstFrameSeqNo)
  }

  func testTrackModePercentThrottleAndOtherUnits() throws {
    let text = """
      Lap,Elapsed Time (s),Speed (km/h),Throttle Position (%),Brake Pressure (psi),Longitudinal Acceleration (g),Steering Angle (rad)
      1,0.5,60,50,0,0.5,0.1
      1,0.6,120,100,100,-1,-0.1

      """
    let samples = try CSVFixtures.read(text).series.samples
    XCTAssertEqual(samples.map(\.timeS), [0, 0.1], accuracy: 1e-12)
    XCTAssertEqual(samples[0].speedMPS!, 16.667, accuracy: 1e-3)  // 60 km/h
    XCTAssertEqual(samples[1].speedMPS!, 120 / 3.6, accuracy: 1e-12)
    XCTAssertEqual(samples[0].acceleratorPedal!, 0.5, accuracy: 1e-12)
    XCTAssertEqual(samples[1].acceleratorPedal!, 1, accuracy: 1e-12)
    XCTAssertEqual(samples[0].brakePedal, false)
    XCTAssertEqual(samples[1].brakePedal, true)  // 100 psi = 6.9 bar
    XCTAssertEqual(samples[0].accelLongMPS2!, 4.903325, accuracy: 1e-9)
    XCTAssertEqual(samples[1].accelLongMPS2!, -9.80665, accuracy: 1e-9)
    XCTAssertEqual(samples[0].steeringDeg!, 5.7296, accuracy: 1e-4)
  }

  func testOpenpilotCarState() throws {
    let file = try CSVFixtures.read(CSVFixtures.openpilot, path: "rlog-carState.csv")
    XCTAssertEqual(file.dialect, .openpilot)
    XCTAssertEqual(file.series.source, .openpilotCSV)
    XCTAssertFalse(file.series.isAbsoluteTime)
    let samples = file.series.samples
    XCTAssertEqual(samples.map(\.timeS), [0, 0.01, 0.02], accuracy: 1e-9)
    XCTAssertEqual(samples[0].speedMPS!, 16.6667, accuracy: 1e-12)
    XCTAssertEqual(samples[2].accelLongMPS2!, -2.5, accuracy: 1e-12)
    XCTAssertEqual(samples.map(\.brakePedal), [false, false, true])
    XCTAssertEqual(samples.map(\.acceleratorPedal), [0, 1, 0], "gasPressed stands in for the pedal position")
    XCTAssertEqual(samples.map(\.autopilot), [.tacc, .tacc, AutopilotMode.none], "cruiseState.enabled → TACC")
    XCTAssertEqual(samples[0].steeringDeg, -1.5)
  }

  func testOpenpilotTimeColumns() throws {
    let monotonic = try CSVFixtures.read("logMonoTime,vEgo\n1000000000000,1\n1000050000000,2\n").series
    XCTAssertFalse(monotonic.isAbsoluteTime)
    XCTAssertEqual(monotonic.samples.map(\.timeS), [0, 0.05], accuracy: 1e-9)
    let absolute = try CSVFixtures.read("time,vEgo\n2026-11-02T16:14:31Z,1\n1793636072.5,2\n").series
    XCTAssertTrue(absolute.isAbsoluteTime)
    XCTAssertEqual(absolute.samples.map(\.timeS), [1_793_636_071, 1793636072.5])
    let relative = try CSVFixtures.read("time,vEgo\n3.5,1\n3.6,2\n").series
    XCTAssertFalse(relative.isAbsoluteTime, "small numbers in openpilot's time are seconds from the start")
    XCTAssertEqual(relative.samples.map(\.timeS), [0, 0.1], accuracy: 1e-9)
    let untimed = try CSVFixtures.read("vEgo,aEgo\n1,0\n2,0\n3,0\n").series
    XCTAssertEqual(untimed.samples.map(\.timeS), [0, 0.01, 0.02], accuracy: 1e-12, "carState runs at 100 Hz")
  }

  func testTessieZoneFromTheHeader() throws {
    let file = try CSVFixtures.read(CSVFixtures.tessie, path: "tessie-drive.csv")
    XCTAssertEqual(file.dialect, .tessie)
    XCTAssertEqual(file.series.source, .tessieCSV)
    XCTAssertTrue(file.series.isAbsoluteTime)
    let samples = file.series.samples
    XCTAssertEqual(samples[0].timeS, CSVFixtures.epoch("2026-07-04T16:00:00Z"))  // 09:00 PDT
    XCTAssertEqual(samples[1].timeS - samples[0].timeS, 15)
    XCTAssertEqual(samples[0].speedMPS, 0)
    XCTAssertEqual(samples[1].speedMPS!, 16.666, accuracy: 1e-3)  // 37.28 mph
    XCTAssertEqual(samples[2].speedMPS!, 45 * 0.44704, accuracy: 1e-12)
    XCTAssertEqual(samples[2].latitudeDeg, 37.396)
    XCTAssertNil(samples[2].accelLongMPS2)
  }

  func testTessieUSDatesAndOtherZones() throws {
    let eastern = try CSVFixtures.read("Timestamp (EST),Speed (mph)\n1/15/2026 1:05:09 PM,10\n").series.samples
    XCTAssertEqual(eastern[0].timeS, CSVFixtures.epoch("2026-01-15T18:05:09Z"))
    // PT is the region: the date picks PST or PDT.
    let winter = try CSVFixtures.read("Timestamp (PT),Speed (mph)\n2026-01-15 12:00:00,10\n").series.samples
    XCTAssertEqual(winter[0].timeS, CSVFixtures.epoch("2026-01-15T20:00:00Z"))
    let summer = try CSVFixtures.read("Timestamp (PT),Speed (mph)\n2026-07-15 12:00:00,10\n").series.samples
    XCTAssertEqual(summer[0].timeS, CSVFixtures.epoch("2026-07-15T19:00:00Z"))
    let offset = try CSVFixtures.read("Timestamp (UTC+02:00),Speed (km/h)\n2026-07-15 12:00:00,36\n").series.samples
    XCTAssertEqual(offset[0].timeS, CSVFixtures.epoch("2026-07-15T10:00:00Z"))
    XCTAssertEqual(offset[0].speedMPS!, 10, accuracy: 1e-12)
  }

  func testCanonicalTimeForms() throws {
    let text = """
      time,speed_mps
      2026-11-02T16:14:31Z,1
      2026-11-02T08:14:32-08:00,2
      2026-11-02 17:14:33+01:00,3
      1793636074.25,4
      2026-11-02T16:14:35.125+0000,5

      """
    let samples = try CSVFixtures.read(text).series.samples
    let start = CSVFixtures.epoch("2026-11-02T16:14:31Z")
    XCTAssertEqual(samples.map { $0.timeS - start }, [0, 1, 2, 3.25, 4.125], accuracy: 1e-6)
    let milliseconds = try CSVFixtures.read("time_ms,speed_mps\n1793636071000,1\n").series.samples
    XCTAssertEqual(milliseconds[0].timeS, start, accuracy: 1e-6)
  }

  func testCanonicalUnitsInTheHeaderAreConverted() throws {
    let text = """
      time,speed_kmh,accel_long_g,accel_lat_g,accelerator_pct,steering_rad,autopilot
      2026-11-02T16:14:31Z,60,-0.5,0.25,40,-0.5,autopilot_state_tacc

      """
    let sample = try CSVFixtures.read(text).series.samples[0]
    XCTAssertEqual(sample.speedMPS!, 16.667, accuracy: 1e-3)
    XCTAssertEqual(sample.accelLongMPS2!, -4.903325, accuracy: 1e-9)
    XCTAssertEqual(sample.accelLatMPS2!, 2.4516625, accuracy: 1e-9)
    XCTAssertEqual(sample.acceleratorPedal!, 0.4, accuracy: 1e-12)
    XCTAssertEqual(sample.steeringDeg!, -28.6479, accuracy: 1e-4)
    XCTAssertEqual(sample.autopilot, .tacc)
    let mph = try CSVFixtures.read("time,Speed (MPH)\n2026-11-02T16:14:31Z,37.28\n").series.samples[0]
    XCTAssertEqual(mph.speedMPS!, 16.666, accuracy: 1e-3)
  }

  func testEmptyCellsAreMissingValues() throws {
    let text = "time,speed_mps,brake,autopilot,lat,lon\n2026-11-02T16:14:31Z,,,,,\n2026-11-02T16:14:32Z,5,1,,,\n"
    let file = try CSVFixtures.read(text)
    XCTAssertEqual(file.skippedRows, [])
    XCTAssertNil(file.series.samples[0].speedMPS)
    XCTAssertNil(file.series.samples[0].brakePedal)
    XCTAssertEqual(file.series.samples[1].speedMPS, 5)
    XCTAssertNil(file.series.samples[1].autopilot)
  }

  func testReadsFromAFileOnDisk() throws {
    let url = FileManager.default.temporaryDirectory.appendingPathComponent("fsdlog-csv-\(UUID().uuidString).csv")
    try Data(CSVFixtures.canonical.utf8).write(to: url)
    defer { try? FileManager.default.removeItem(at: url) }
    let file = try CSVTelemetryReader.read(path: url.path)
    XCTAssertEqual(file.path, url.path)
    XCTAssertEqual(file.series, try CSVFixtures.read(CSVFixtures.canonical).series)
  }
}

func XCTAssertEqual(
  _ got: [Double], _ expected: [Double], accuracy: Double, _ message: String = "",
  file: StaticString = #filePath, line: UInt = #line
) {
  XCTAssertEqual(got.count, expected.count, "count: \(got) vs \(expected) \(message)", file: file, line: line)
  for (a, b) in zip(got, expected) where abs(a - b) > accuracy {
    XCTFail("\(got) is not \(expected) ±\(accuracy) \(message)", file: file, line: line)
    return
  }
}
