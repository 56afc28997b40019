/// The columns of each dialect (docs/formats.md section 5; docs/csv.md for the canonical one).
extension CSVDialectColumns {
  static let canonical = CSVDialectColumns(
    dialect: .canonical,
    columns: [
      CSVColumnSpec(.time, "time", keys: ["time"], required: true),
      CSVColumnSpec(.speed, "speed_mps", keys: ["speed"], .speed, required: true),
      CSVColumnSpec(.accelLong, "accel_long_mps2", keys: ["accellong"], .acceleration),
      CSVColumnSpec(.accelLat, "accel_lat_mps2", keys: ["accellat"], .acceleration),
      CSVColumnSpec(.brakePedal, "brake", keys: ["brake"]),
      CSVColumnSpec(.accelerator, "accelerator", keys: ["accelerator"], .fraction, defaultUnit: "0-1"),
      CSVColumnSpec(.steering, "steering_deg", keys: ["steering"], .angle, defaultUnit: "deg"),
      CSVColumnSpec(.autopilot, "autopilot", keys: ["autopilot"]),
      CSVColumnSpec(.latitude, "lat", keys: ["lat", "latitude"], .coordinate, defaultUnit: "deg"),
      CSVColumnSpec(.longitude, "lon", keys: ["lon", "lng", "longitude"], .coordinate, defaultUnit: "deg"),
      CSVColumnSpec(.heading, "heading_deg", keys: ["heading"], .angle, defaultUnit: "deg"),
    ], ignoredKeys: [])

  /// Tesla's SEI reader export: the `SeiMetadata` field names (docs/formats.md section 4).
  static let teslaSEI = CSVDialectColumns(
    dialect: .teslaSEI,
    columns: [
      CSVColumnSpec(.frameSequence, "frame_seq_no", keys: ["frameseqno"]),
      CSVColumnSpec(
        .speed, "vehicle_speed_mps", keys: ["vehiclespeed", "vehiclespeedmps"], .speed, defaultUnit: "m/s",
        required: true),
      CSVColumnSpec(
        .accelerator, "accelerator_pedal_position", keys: ["acceleratorpedalposition"], .fraction, defaultUnit: "0-1"),
      CSVColumnSpec(.steering, "steering_wheel_angle", keys: ["steeringwheelangle"], .angle, defaultUnit: "deg"),
      CSVColumnSpec(.brakePedal, "brake_applied", keys: ["brakeapplied"]),
      CSVColumnSpec(.autopilot, "autopilot_state", keys: ["autopilotstate"]),
      CSVColumnSpec(.latitude, "latitude_deg", keys: ["latitude", "latitudedeg"], .coordinate, defaultUnit: "deg"),
      CSVColumnSpec(.longitude, "longitude_deg", keys: ["longitude", "longitudedeg"], .coordinate, defaultUnit: "deg"),
      CSVColumnSpec(.heading, "heading_deg", keys: ["heading", "headingdeg"], .angle, defaultUnit: "deg"),
      CSVColumnSpec(
        .accelX, "linear_acceleration_mps2_x", keys: ["linearaccelerationmps2x"], .acceleration, defaultUnit: "m/s^2"),
      CSVColumnSpec(
        .accelY, "linear_acceleration_mps2_y", keys: ["linearaccelerationmps2y"], .acceleration, defaultUnit: "m/s^2"),
      CSVColumnSpec(
        .accelZ, "linear_acceleration_mps2_z", keys: ["linearaccelerationmps2z"], .acceleration, defaultUnit: "m/s^2"),
    ], ignoredKeys: ["version", "gearstate", "blinkeronleft", "blinkeronright"])

  static let trackMode = CSVDialectColumns(
    dialect: .trackMode,
    columns: [
      CSVColumnSpec(.lap, "Lap", keys: ["lap"]),
      CSVColumnSpec(
        .lapElapsed, "Elapsed Time (ms)", keys: ["elapsedtime"], .duration, defaultUnit: "ms", required: true),
      CSVColumnSpec(.speed, "Speed (MPH)", keys: ["speed"], .speed, required: true),
      CSVColumnSpec(.latitude, "Latitude (decimal)", keys: ["latitude"], .coordinate, defaultUnit: "decimal"),
      CSVColumnSpec(.longitude, "Longitude (decimal)", keys: ["longitude"], .coordinate, defaultUnit: "decimal"),
      CSVColumnSpec(
        .accelLat, "Lateral Acceleration (m/s^2)", keys: ["lateralacceleration"], .acceleration, defaultUnit: "m/s^2"),
      CSVColumnSpec(
        .accelLong, "Longitudinal Acceleration (m/s^2)", keys: ["longitudinalacceleration"], .acceleration,
        defaultUnit: "m/s^2"),
      CSVColumnSpec(
        .accelerator, "Throttle Position (%)", keys: ["throttleposition", "throttle"], .fraction, defaultUnit: "%"),
      CSVColumnSpec(.brakePressure, "Brake Pressure (bar)", keys: ["brakepressure"], .pressure, defaultUnit: "bar"),
      CSVColumnSpec(.steering, "Steering Angle (deg)", keys: ["steeringangle"], .angle, defaultUnit: "deg"),
    ], ignoredKeys: [])

  /// openpilot `carState`; plotting tools prefix the fields with `carState.`.
  static let openpilot = CSVDialectColumns(
    dialect: .openpilot,
    columns: [
      CSVColumnSpec(.time, "time", keys: carState(["time"])),
      CSVColumnSpec(.relativeTime, "t", keys: carState(["t"]), .duration, defaultUnit: "s"),
      CSVColumnSpec(.relativeTime, "logMonoTime", keys: carState(["logmonotime"]), .duration, defaultUnit: "ns"),
      CSVColumnSpec(.speed, "vEgo", keys: carState(["vego"]), .speed, defaultUnit: "m/s", required: true),
      CSVColumnSpec(.accelLong, "aEgo", keys: carState(["aego"]), .acceleration, defaultUnit: "m/s^2"),
      CSVColumnSpec(.brakePedal, "brakePressed", keys: carState(["brakepressed"])),
      CSVColumnSpec(.acceleratorPressed, "gasPressed", keys: carState(["gaspressed"])),
      CSVColumnSpec(.steering, "steeringAngleDeg", keys: carState(["steeringangledeg"]), .angle, defaultUnit: "deg"),
      CSVColumnSpec(.cruiseEnabled, "cruiseState.enabled", keys: carState(["cruisestateenabled"])),
    ],
    ignoredKeys: Set(
      carState([
        "steeringratedeg", "leftblinker", "rightblinker", "gas", "brake", "standstill", "gearshifter",
        "steeringpressed",
        "steeringtorque", "vegoraw", "vegocluster", "yawrate", "cruisestatespeed", "cruisestateavailable", "dooropen",
        "seatbeltunlatched", "espdisabled",
      ])))

  static let tessie = CSVDialectColumns(
    dialect: .tessie,
    columns: [
      CSVColumnSpec(.time, "Timestamp", keys: ["timestamp"], required: true),
      CSVColumnSpec(.latitude, "Latitude", keys: ["latitude"], .coordinate, defaultUnit: "deg"),
      CSVColumnSpec(.longitude, "Longitude", keys: ["longitude"], .coordinate, defaultUnit: "deg"),
      CSVColumnSpec(.speed, "Speed (mph)", keys: ["speed"], .speed, required: true),
    ],
    ignoredKeys: [
      "elevation", "power", "odometer", "batterylevel", "range", "ratedrange", "estimatedrange",
      "heading", "shiftstate", "insidetemp", "outsidetemp", "energy", "chargelevel",
    ])

  private static func carState(_ keys: [String]) -> [String] {
    keys.flatMap { [$0.lowercased(), "carstate" + $0.lowercased()] }
  }
}
