import Foundation

/// A scripted drive, decoded from a scenario JSON file (documented in tools/synth/README.md).
/// Only `name`, `start_local` and `duration_s` are required; everything else has a default.
public struct Scenario: Codable, Sendable, Equatable {
  public var name: String
  /// Seeds every texture and roadside object: the same seed gives the same pictures.
  public var seed: UInt64
  /// Car-local start time, no zone: `2026-11-02T08:14:31` (what the car puts in file names).
  public var startLocal: String
  /// `+01:00`, `-08:00` or `Z`. Ignored when `timeZone` is set.
  public var utcOffset: String?
  /// An IANA zone id such as `Europe/Berlin`; its offset at the start time is used.
  public var timeZone: String?
  public var durationS: Double
  public var fps: Double
  public var hardware: Hardware
  /// Overrides the hardware's size for every camera.
  public var resolution: FrameSize?
  public var cameras: [CameraName]
  public var start: StartPose
  public var initialSpeedKmh: Double
  public var speedProfile: [SpeedTarget]
  public var comfortAccelMPS2: Double
  public var comfortDecelMPS2: Double
  public var autopilot: [AutopilotPhase]
  public var imuAxes: IMUAxes
  /// Gaussian noise added to the SEI accelerations only (the truth stays exact). Default 0.
  public var imuNoiseMPS2: Double
  /// Gaussian luma noise (standard deviation in 8-bit levels) added to rendered frames. Default 0.
  public var sensorNoise: Double
  public var road: RoadLayout
  public var vehicle: VehicleModel
  public var events: [ScenarioEvent]
  public var distractors: [Distractor]

  public init(
    name: String, startLocal: String = "2026-11-02T08:14:31", durationS: Double, seed: UInt64 = 1,
    utcOffset: String? = "+00:00", timeZone: String? = nil, fps: Double = 36, hardware: Hardware = .hw3,
    resolution: FrameSize? = nil, cameras: [CameraName] = CameraName.allCases, start: StartPose = StartPose(),
    initialSpeedKmh: Double = 100, speedProfile: [SpeedTarget] = [], comfortAccelMPS2: Double = 0.8,
    comfortDecelMPS2: Double = 0.8, autopilot: [AutopilotPhase] = [AutopilotPhase(fromS: 0, state: .selfDriving)],
    imuAxes: IMUAxes = IMUAxes(), imuNoiseMPS2: Double = 0, sensorNoise: Double = 0, road: RoadLayout = RoadLayout(),
    vehicle: VehicleModel = VehicleModel(), events: [ScenarioEvent] = [], distractors: [Distractor] = []
  ) {
    self.name = name
    self.seed = seed
    self.startLocal = startLocal
    self.utcOffset = utcOffset
    self.timeZone = timeZone
    self.durationS = durationS
    self.fps = fps
    self.hardware = hardware
    self.resolution = resolution
    self.cameras = cameras
    self.start = start
    self.initialSpeedKmh = initialSpeedKmh
    self.speedProfile = speedProfile
    self.comfortAccelMPS2 = comfortAccelMPS2
    self.comfortDecelMPS2 = comfortDecelMPS2
    self.autopilot = autopilot
    self.imuAxes = imuAxes
    self.imuNoiseMPS2 = imuNoiseMPS2
    self.sensorNoise = sensorNoise
    self.road = road
    self.vehicle = vehicle
    self.events = events
    self.distractors = distractors
  }

  /// Decodes a scenario file; every failure becomes a `ScenarioError` naming the JSON path.
  public static func decode(json data: Data) throws -> Scenario {
    do {
      return try JSONDecoder().decode(Scenario.self, from: data)
    } catch let error as DecodingError {
      throw ScenarioError.from(decoding: error)
    }
  }

  public static func load(contentsOf url: URL) throws -> Scenario {
    let data: Data
    do { data = try Data(contentsOf: url) } catch {
      throw ScenarioError("cannot read scenario \(url.path): \(error.localizedDescription)")
    }
    do { return try decode(json: data) } catch let error as ScenarioError {
      throw ScenarioError("\(url.lastPathComponent): \(error.message)")
    }
  }

  /// The scenario as pretty JSON with every default written out.
  public func encodedJSON() throws -> Data {
    let encoder = JSONEncoder()
    encoder.outputFormatting = [.prettyPrinted, .sortedKeys]
    return try encoder.encode(self)
  }

  /// Frame size of one camera: `resolution` if set, else the hardware default.
  public func frameSize(for camera: CameraName) -> FrameSize {
    if let resolution { return resolution }
    switch hardware {
    case .hw3: return FrameSize(width: 1280, height: 960)
    case .hw4: return camera == .front ? FrameSize(width: 2896, height: 1876) : FrameSize(width: 1448, height: 938)
    }
  }

  public var frameCount: Int { max(0, Int((durationS * fps).rounded())) }

  enum CodingKeys: String, CodingKey, CaseIterable {
    case name, seed
    case startLocal = "start_local"
    case utcOffset = "utc_offset"
    case timeZone = "time_zone"
    case durationS = "duration_s"
    case fps, hardware, resolution, cameras, start
    case initialSpeedKmh = "initial_speed_kmh"
    case speedProfile = "speed_profile"
    case comfortAccelMPS2 = "comfort_accel_mps2"
    case comfortDecelMPS2 = "comfort_decel_mps2"
    case autopilot
    case imuAxes = "imu_axes"
    case imuNoiseMPS2 = "imu_noise_mps2"
    case sensorNoise = "sensor_noise"
    case road, vehicle, events, distractors
  }

  public init(from decoder: any Decoder) throws {
    try decoder.rejectUnknownKeys(CodingKeys.self)
    let c = try decoder.container(keyedBy: CodingKeys.self)
    var cameras = CameraName.allCases
    if let names = try c.decodeIfPresent([String].self, forKey: .cameras) {
      cameras = []
      for name in names {
        guard let camera = CameraName(rawValue: name) else {
          let list = CameraName.allCases.map(\.rawValue).joined(separator: ", ")
          throw DecodingError.dataCorruptedError(
            forKey: .cameras, in: c, debugDescription: "unknown camera '\(name)' (cameras: \(list))")
        }
        cameras.append(camera)
      }
    }
    let timeZone = try c.decodeIfPresent(String.self, forKey: .timeZone)
    self.init(
      name: try c.decode(String.self, forKey: .name),
      startLocal: try c.decode(String.self, forKey: .startLocal),
      durationS: try c.decode(Double.self, forKey: .durationS),
      seed: try c.value(.seed, default: 1),
      utcOffset: try c.decodeIfPresent(String.self, forKey: .utcOffset) ?? (timeZone == nil ? "+00:00" : nil),
      timeZone: timeZone,
      fps: try c.value(.fps, default: 36),
      hardware: try c.choice(.hardware, default: .hw3),
      resolution: try c.decodeIfPresent(FrameSize.self, forKey: .resolution),
      cameras: cameras,
      start: try c.value(.start, default: StartPose()),
      initialSpeedKmh: try c.value(.initialSpeedKmh, default: 100),
      speedProfile: try c.value(.speedProfile, default: []),
      comfortAccelMPS2: try c.value(.comfortAccelMPS2, default: 0.8),
      comfortDecelMPS2: try c.value(.comfortDecelMPS2, default: 0.8),
      autopilot: try c.value(.autopilot, default: [AutopilotPhase(fromS: 0, state: .selfDriving)]),
      imuAxes: try c.value(.imuAxes, default: IMUAxes()),
      imuNoiseMPS2: try c.value(.imuNoiseMPS2, default: 0),
      sensorNoise: try c.value(.sensorNoise, default: 0),
      road: try c.value(.road, default: RoadLayout()),
      vehicle: try c.value(.vehicle, default: VehicleModel()),
      events: try c.value(.events, default: []),
      distractors: try c.value(.distractors, default: []))
  }

  public func encode(to encoder: any Encoder) throws {
    var c = encoder.container(keyedBy: CodingKeys.self)
    try c.encode(name, forKey: .name)
    try c.encode(seed, forKey: .seed)
    try c.encode(startLocal, forKey: .startLocal)
    try c.encodeIfPresent(utcOffset, forKey: .utcOffset)
    try c.encodeIfPresent(timeZone, forKey: .timeZone)
    try c.encode(durationS, forKey: .durationS)
    try c.encode(fps, forKey: .fps)
    try c.encode(hardware, forKey: .hardware)
    try c.encodeIfPresent(resolution, forKey: .resolution)
    try c.encode(cameras.map(\.rawValue), forKey: .cameras)
    try c.encode(start, forKey: .start)
    try c.encode(initialSpeedKmh, forKey: .initialSpeedKmh)
    try c.encode(speedProfile, forKey: .speedProfile)
    try c.encode(comfortAccelMPS2, forKey: .comfortAccelMPS2)
    try c.encode(comfortDecelMPS2, forKey: .comfortDecelMPS2)
    try c.encode(autopilot, forKey: .autopilot)
    try c.encode(imuAxes, forKey: .imuAxes)
    try c.encode(imuNoiseMPS2, forKey: .imuNoiseMPS2)
    try c.encode(sensorNoise, forKey: .sensorNoise)
    try c.encode(road, forKey: .road)
    try c.encode(vehicle, forKey: .vehicle)
    try c.encode(events, forKey: .events)
    try c.encode(distractors, forKey: .distractors)
  }
}
