import FSDTelemetry
import Foundation
import XCTest

/// Excerpts of files written by the synthetic generator (`fsdlog-synth`, the `laps` scenario of
/// CSVGeneratorTests in the tools package, tools/synth/Tests/GeneratorAgreementTests: 60 km/h from
/// 2026-11-02T08:14:31-08:00, an FSD brake at 95 s, a driver brake takeover at 120 s), copied byte
/// for byte; and openpilot and Tessie files written by hand in
/// the layouts of docs/formats.md section 5 (the generator writes neither).
enum CSVFixtures {
  /// laps.csv: lines 1–4 and 2162–2167 (120 s: the takeover's brake pedal, then FSD off).
  static let canonical = """
    time,speed_mps,accel_long_mps2,accel_lat_mps2,brake,accelerator,steering_deg,autopilot,lat,lon,heading_deg
    2026-11-02T16:14:31.000Z,16.667,0.000,0.000,0,0.000,0.0,SELF_DRIVING,37.3947000,-122.1503000,90.00
    2026-11-02T16:14:31.056Z,16.667,0.000,0.000,0,0.000,0.0,SELF_DRIVING,37.3947000,-122.1502895,90.00
    2026-11-02T16:14:31.111Z,16.667,0.000,0.000,0,0.000,0.0,SELF_DRIVING,37.3947000,-122.1502790,90.00
    2026-11-02T16:16:31.000Z,16.667,0.000,0.000,1,0.000,0.0,SELF_DRIVING,37.3947000,-122.1278934,90.00
    2026-11-02T16:16:31.056Z,16.662,-0.242,0.000,1,0.000,0.0,SELF_DRIVING,37.3947000,-122.1278829,90.00
    2026-11-02T16:16:31.111Z,16.632,-0.888,0.000,1,0.000,0.0,SELF_DRIVING,37.3947000,-122.1278724,90.00
    2026-11-02T16:16:31.167Z,16.560,-1.726,0.000,1,0.000,0.0,SELF_DRIVING,37.3947000,-122.1278620,90.00
    2026-11-02T16:16:31.222Z,16.442,-2.480,0.000,1,0.000,0.0,NONE,37.3947000,-122.1278516,90.00
    2026-11-02T16:16:31.278Z,16.290,-2.902,0.000,1,0.000,0.0,NONE,37.3947000,-122.1278413,90.00

    """

  /// laps-tesla-sei/2026-11-02_08-16-31-front.csv: lines 1–3 and 10–12 (frames 4320, 4321, 4328–4330).
  static let teslaSEI = """
    version,gear_state,frame_seq_no,vehicle_speed_mps,accelerator_pedal_position,steering_wheel_angle,blinker_on_left,blinker_on_right,brake_applied,autopilot_state,latitude_deg,longitude_deg,heading_deg,linear_acceleration_mps2_x,linear_acceleration_mps2_y,linear_acceleration_mps2_z
    1,GEAR_DRIVE,4320,16.6666,0.000,0.00,false,false,true,SELF_DRIVING,37.3947000,-122.1278934,90.00,0.0000,0.0000,0.0000
    1,GEAR_DRIVE,4321,16.6661,0.000,0.00,false,false,true,SELF_DRIVING,37.3947000,-122.1278881,90.00,-0.0618,0.0000,0.0000
    1,GEAR_DRIVE,4328,16.4419,0.000,0.00,false,false,true,NONE,37.3947000,-122.1278516,90.00,-2.4805,0.0000,0.0000
    1,GEAR_DRIVE,4329,16.3691,0.000,0.00,false,false,true,NONE,37.3947000,-122.1278464,90.00,-2.7449,0.0000,0.0000
    1,GEAR_DRIVE,4330,16.2904,0.000,0.00,false,false,true,NONE,37.3947000,-122.1278413,90.00,-2.9023,0.0000,0.0000

    """
  static let teslaSEIPath = "laps-tesla-sei/2026-11-02_08-16-31-front.csv"

  /// telemetry-v1-2026-11-02_08-14-31.csv: the first rows, the change from lap 1 to lap 2 at 90 s,
  /// and the takeover's braking at 120 s (30 s into lap 2).
  static let trackMode = """
    Lap,Elapsed Time (ms),Speed (MPH),Latitude (decimal),Longitude (decimal),Lateral Acceleration (m/s^2),Longitudinal Acceleration (m/s^2),Throttle Position (%),Brake Pressure (bar),Steering Angle (deg)
    1,0,37.28,37.3947000,-122.1503000,0.000,0.000,0.0,0.00,0.0
    1,22,37.28,37.3947000,-122.1502958,0.000,0.000,0.0,0.00,0.0
    1,44,37.28,37.3947000,-122.1502916,0.000,0.000,0.0,0.00,0.0
    1,89933,37.28,37.3947000,-122.1333304,0.000,0.000,0.0,0.00,0.0
    1,89956,37.28,37.3947000,-122.1333262,0.000,0.000,0.0,0.00,0.0
    1,89978,37.28,37.3947000,-122.1333220,0.000,0.000,0.0,0.00,0.0
    2,0,37.28,37.3947000,-122.1333178,0.000,0.000,0.0,0.00,0.0
    2,22,37.28,37.3947000,-122.1333136,0.000,0.000,0.0,0.00,0.0
    2,44,37.28,37.3947000,-122.1333095,0.000,0.000,0.0,0.00,0.0
    2,30000,37.28,37.3947000,-122.1278900,0.000,-0.040,0.0,0.25,0.0
    2,30022,37.28,37.3947000,-122.1278858,0.000,-0.143,0.0,0.87,0.0
    2,30044,37.27,37.3947000,-122.1278816,0.000,-0.313,0.0,1.91,0.0
    2,30067,37.25,37.3947000,-122.1278774,0.000,-0.543,0.0,3.32,0.0
    2,30089,37.21,37.3947000,-122.1278732,0.000,-0.834,0.0,5.10,0.0
    2,30111,37.16,37.3947000,-122.1278690,0.000,-1.156,0.0,7.07,0.0

    """
  static let trackModePath = "telemetry/telemetry-v1-2026-11-02_08-14-31.csv"

  /// An openpilot carState export as plotting tools write it: `t` in seconds from the route start.
  static let openpilot = """
    t,carState.vEgo,carState.aEgo,carState.brakePressed,carState.gasPressed,carState.steeringAngleDeg,carState.steeringRateDeg,carState.cruiseState.enabled,carState.leftBlinker,carState.rightBlinker
    12.50,16.6667,0.01,False,False,-1.5,0.0,True,False,False
    12.51,16.6650,-0.20,False,True,-1.4,2.0,True,False,False
    12.52,16.6000,-2.50,True,False,-1.3,2.0,False,False,False

    """

  /// A Tessie drive export: rows ~15 s apart, the zone only in the timestamp header.
  static let tessie = """
    "Timestamp (PDT)","Drive ID","Latitude","Longitude","Elevation (m)","Speed (mph)","Power (kW)","Odometer (mi)","Battery Level (%)"
    "2026-07-04 09:00:00",1234,37.3947,-122.1503,12.0,0,0.0,10234.5,80
    "2026-07-04 09:00:15",1234,37.3951,-122.1498,12.5,37.28,15.2,10234.6,80
    "2026-07-04 09:00:30",1234,37.3960,-122.1490,13.0,45,18.0,10234.7,79

    """

  static func read(_ text: String, path: String = "test.csv", zone: TimeZone? = nil) throws -> CSVTelemetryFile {
    try CSVTelemetryReader.read(data: Data(text.utf8), path: path, zoneForNaiveTimes: zone)
  }

  /// The `CSVProblem` that reading `text` throws; fails the test when it reads.
  static func problem(
    _ text: String, path: String = "bad.csv", zone: TimeZone? = nil,
    file: StaticString = #filePath, line: UInt = #line
  ) -> CSVProblem? {
    do {
      let read = try read(text, path: path, zone: zone)
      XCTFail("expected a problem, read \(read.summary)", file: file, line: line)
      return nil
    } catch let problem as CSVProblem {
      return problem
    } catch {
      XCTFail("expected a CSVProblem, got \(error)", file: file, line: line)
      return nil
    }
  }

  /// Seconds since 1970 of an ISO 8601 time with zone.
  static func epoch(_ iso: String) -> Double {
    let formatter = ISO8601DateFormatter()
    formatter.formatOptions = [.withInternetDateTime, .withFractionalSeconds]
    return (formatter.date(from: iso) ?? ISO8601DateFormatter().date(from: iso)!).timeIntervalSince1970
  }
}
