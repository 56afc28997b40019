/// Another car on the road, in road coordinates (rendered as a box with a shadow).
public struct VehicleState: Sendable, Equatable {
  /// Along-road position of its rear bumper, same origin as `FrameState.roadProgressM`.
  public var roadM: Double
  /// Lateral position of its centre, + left of the ego lane centre.
  public var lateralM: Double
  public var brakeLights: Bool
  /// Picks the paint colour.
  public var paint: Int

  public init(roadM: Double, lateralM: Double, brakeLights: Bool = false, paint: Int = 0) {
    self.roadM = roadM
    self.lateralM = lateralM
    self.brakeLights = brakeLights
    self.paint = paint
  }
}

/// The truth at one frame: kinematics, controls, and what the picture depends on.
public struct FrameState: Sendable, Equatable {
  public var frameIndex: Int
  /// frameIndex / fps.
  public var timeS: Double
  public var speedMPS: Double
  /// Path length driven since the start (∫ speed dt).
  public var distanceM: Double
  /// Progress along the road (differs from `distanceM` only by the cosine of the yaw in swerves).
  public var roadProgressM: Double
  /// Vehicle frame, gravity excluded: +long forward, +lat left, +vert up.
  public var accelLongMPS2: Double
  public var accelLatMPS2: Double
  public var accelVertMPS2: Double
  /// The same accelerations through the scenario's IMU axis convention (and IMU noise): the SEI values.
  public var imuX: Double
  public var imuY: Double
  public var imuZ: Double
  /// + turning left (counter-clockwise seen from above).
  public var yawRateDegPerS: Double
  /// Compass heading, degrees clockwise from north, 0..<360.
  public var headingDeg: Double
  /// Heading relative to the road direction, + left.
  public var roadYawDeg: Double
  public var latitudeDeg: Double
  public var longitudeDeg: Double
  /// Lateral position, + left of the ego lane centre.
  public var lateralOffsetM: Double
  /// Nose-down positive: ∝ deceleration, plus bump oscillations.
  public var pitchDeg: Double
  /// Body heave from bumps, + up (moves the cameras).
  public var heaveM: Double
  /// + left (counter-clockwise).
  public var steeringWheelDeg: Double
  /// Brake pedal pressed.
  public var brakeApplied: Bool
  /// 0...1
  public var acceleratorPedal: Double
  public var autopilot: AutopilotState
  public var gear: GearState
  public var blinkerLeft: Bool
  public var blinkerRight: Bool
  /// 1 = normal; tunnels and clouds change it.
  public var sceneBrightness: Double
  /// Other cars near the ego car.
  public var vehicles: [VehicleState]

  public init(
    frameIndex: Int = 0, timeS: Double = 0, speedMPS: Double = 0, distanceM: Double = 0, roadProgressM: Double = 0,
    accelLongMPS2: Double = 0, accelLatMPS2: Double = 0, accelVertMPS2: Double = 0, imuX: Double = 0,
    imuY: Double = 0, imuZ: Double = 0, yawRateDegPerS: Double = 0, headingDeg: Double = 0, roadYawDeg: Double = 0,
    latitudeDeg: Double = 0, longitudeDeg: Double = 0, lateralOffsetM: Double = 0, pitchDeg: Double = 0,
    heaveM: Double = 0, steeringWheelDeg: Double = 0, brakeApplied: Bool = false, acceleratorPedal: Double = 0,
    autopilot: AutopilotState = .none, gear: GearState = .drive, blinkerLeft: Bool = false, blinkerRight: Bool = false,
    sceneBrightness: Double = 1, vehicles: [VehicleState] = []
  ) {
    self.frameIndex = frameIndex
    self.timeS = timeS
    self.speedMPS = speedMPS
    self.distanceM = distanceM
    self.roadProgressM = roadProgressM
    self.accelLongMPS2 = accelLongMPS2
    self.accelLatMPS2 = accelLatMPS2
    self.accelVertMPS2 = accelVertMPS2
    self.imuX = imuX
    self.imuY = imuY
    self.imuZ = imuZ
    self.yawRateDegPerS = yawRateDegPerS
    self.headingDeg = headingDeg
    self.roadYawDeg = roadYawDeg
    self.latitudeDeg = latitudeDeg
    self.longitudeDeg = longitudeDeg
    self.lateralOffsetM = lateralOffsetM
    self.pitchDeg = pitchDeg
    self.heaveM = heaveM
    self.steeringWheelDeg = steeringWheelDeg
    self.brakeApplied = brakeApplied
    self.acceleratorPedal = acceleratorPedal
    self.autopilot = autopilot
    self.gear = gear
    self.blinkerLeft = blinkerLeft
    self.blinkerRight = blinkerRight
    self.sceneBrightness = sceneBrightness
    self.vehicles = vehicles
  }
}

/// Things fixed on the road that the renderer draws (placed from the distractors once the
/// kinematics say where the car is at each distractor's `at_s`).
public struct WorldLayout: Sendable, Equatable {
  public struct ShadowStrip: Sendable, Equatable {
    public var startM: Double
    public var endM: Double
    public var darkness: Double
    /// Ragged edges and sun flecks (tree shadows) instead of a clean band.
    public var dappled: Bool
  }
  public struct Patch: Sendable, Equatable {
    public var startM: Double
    public var endM: Double
    /// Lateral extent, + left of the ego lane centre.
    public var rightM: Double
    public var leftM: Double
    /// Luma factor of the patch asphalt relative to the road (< 1 darker).
    public var tone: Double
  }
  public var shadows: [ShadowStrip] = []
  public var patches: [Patch] = []
  public var road = RoadLayout()
  public var seed: UInt64 = 1
  public var sensorNoise: Double = 0

  public init() {}
}
