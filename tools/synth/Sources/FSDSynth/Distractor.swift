import Foundation

/// Something that changes the picture (or the car's pitch) but is NOT an event: the vision core must
/// ignore it, and the ground truth lists it only as a distractor interval.
public enum Distractor: Codable, Sendable, Equatable {
  case shadowBand(ShadowBand)
  case tunnel(BrightnessChange)
  case cloud(BrightnessChange)
  case bump(Bump)
  case roadPatch(RoadPatch)
  case stoppedAtLight(StoppedAtLight)

  /// Shadows lying across the road (an overpass, a row of trees), fixed in the world: they sweep
  /// toward the camera as the car drives. `at_s` is when the car reaches the first band.
  public struct ShadowBand: Codable, Sendable, Equatable {
    public enum Style: String, Codable, Sendable, CaseIterable {
      /// Straight, uniform shadow with soft edges.
      case overpass
      /// Ragged edges with sun flecks.
      case trees
    }
    public var atS: Double
    public var count: Int
    /// Along-road length of each band.
    public var lengthM: Double
    /// Start-to-start distance between bands.
    public var spacingM: Double
    /// 0 = no shadow, 1 = black.
    public var darkness: Double
    public var style: Style

    public init(
      atS: Double, count: Int = 1, lengthM: Double = 7, spacingM: Double = 14, darkness: Double = 0.5,
      style: Style = .overpass
    ) {
      self.atS = atS
      self.count = count
      self.lengthM = lengthM
      self.spacingM = spacingM
      self.darkness = darkness
      self.style = style
    }

    enum CodingKeys: String, CodingKey, CaseIterable {
      case kind, atS = "at_s", count, lengthM = "length_m", spacingM = "spacing_m", darkness, style
    }
    public init(from decoder: any Decoder) throws {
      try decoder.rejectUnknownKeys(CodingKeys.self)
      let c = try decoder.container(keyedBy: CodingKeys.self)
      self.init(
        atS: try c.decode(Double.self, forKey: .atS), count: try c.value(.count, default: 1),
        lengthM: try c.value(.lengthM, default: 7), spacingM: try c.value(.spacingM, default: 14),
        darkness: try c.value(.darkness, default: 0.5), style: try c.choice(.style, default: .overpass))
    }
    public func encode(to encoder: any Encoder) throws {
      var c = encoder.container(keyedBy: CodingKeys.self)
      try c.encode("shadow_band", forKey: .kind)
      try c.encode(atS, forKey: .atS)
      try c.encode(count, forKey: .count)
      try c.encode(lengthM, forKey: .lengthM)
      try c.encode(spacingM, forKey: .spacingM)
      try c.encode(darkness, forKey: .darkness)
      try c.encode(style, forKey: .style)
    }
  }

  /// A sudden global brightness change: `tunnel` (dark, fast) or `cloud` (milder, slower).
  public struct BrightnessChange: Codable, Sendable, Equatable {
    public var atS: Double
    /// Time spent at the changed brightness (transitions not included).
    public var durationS: Double
    /// Scene brightness inside, relative to 1 = normal.
    public var brightness: Double
    /// Time for each change (in and out).
    public var transitionS: Double

    public init(atS: Double, durationS: Double = 6, brightness: Double, transitionS: Double) {
      self.atS = atS
      self.durationS = durationS
      self.brightness = brightness
      self.transitionS = transitionS
    }

    static func defaults(tunnel: Bool) -> (brightness: Double, transitionS: Double) {
      tunnel ? (0.4, 0.35) : (0.68, 0.8)
    }

    enum CodingKeys: String, CodingKey, CaseIterable {
      case kind, atS = "at_s", durationS = "duration_s", brightness, transitionS = "transition_s"
    }
    init(from decoder: any Decoder, tunnel: Bool) throws {
      try decoder.rejectUnknownKeys(CodingKeys.self)
      let c = try decoder.container(keyedBy: CodingKeys.self)
      let fallback = Self.defaults(tunnel: tunnel)
      self.init(
        atS: try c.decode(Double.self, forKey: .atS), durationS: try c.value(.durationS, default: 6),
        brightness: try c.value(.brightness, default: fallback.brightness),
        transitionS: try c.value(.transitionS, default: fallback.transitionS))
    }
    public init(from decoder: any Decoder) throws { try self.init(from: decoder, tunnel: true) }
    func encode(to encoder: any Encoder, kind: String) throws {
      var c = encoder.container(keyedBy: CodingKeys.self)
      try c.encode(kind, forKey: .kind)
      try c.encode(atS, forKey: .atS)
      try c.encode(durationS, forKey: .durationS)
      try c.encode(brightness, forKey: .brightness)
      try c.encode(transitionS, forKey: .transitionS)
    }
    public func encode(to encoder: any Encoder) throws { try encode(to: encoder, kind: "tunnel") }
  }

  /// A road bump: a short, decaying pitch (and heave) oscillation. No longitudinal effect.
  public struct Bump: Codable, Sendable, Equatable {
    public var atS: Double
    public var pitchDeg: Double
    public var frequencyHz: Double
    public var decayS: Double
    public var heaveM: Double

    public init(
      atS: Double, pitchDeg: Double = 0.8, frequencyHz: Double = 2.2, decayS: Double = 0.35, heaveM: Double = 0.015
    ) {
      self.atS = atS
      self.pitchDeg = pitchDeg
      self.frequencyHz = frequencyHz
      self.decayS = decayS
      self.heaveM = heaveM
    }

    var endS: Double { atS + 5 * decayS }

    enum CodingKeys: String, CodingKey, CaseIterable {
      case kind, atS = "at_s", pitchDeg = "pitch_deg", frequencyHz = "frequency_hz", decayS = "decay_s", heaveM =
        "heave_m"
    }
    public init(from decoder: any Decoder) throws {
      try decoder.rejectUnknownKeys(CodingKeys.self)
      let c = try decoder.container(keyedBy: CodingKeys.self)
      self.init(
        atS: try c.decode(Double.self, forKey: .atS), pitchDeg: try c.value(.pitchDeg, default: 0.8),
        frequencyHz: try c.value(.frequencyHz, default: 2.2), decayS: try c.value(.decayS, default: 0.35),
        heaveM: try c.value(.heaveM, default: 0.015))
    }
    public func encode(to encoder: any Encoder) throws {
      var c = encoder.container(keyedBy: CodingKeys.self)
      try c.encode("bump", forKey: .kind)
      try c.encode(atS, forKey: .atS)
      try c.encode(pitchDeg, forKey: .pitchDeg)
      try c.encode(frequencyHz, forKey: .frequencyHz)
      try c.encode(decayS, forKey: .decayS)
      try c.encode(heaveM, forKey: .heaveM)
    }
  }

  /// Repaired asphalt: rectangles of different texture and tone, fixed in the world. `at_s` is when
  /// the car reaches the first patch.
  public struct RoadPatch: Codable, Sendable, Equatable {
    public enum Tone: String, Codable, Sendable, CaseIterable { case dark, light }
    public var atS: Double
    public var count: Int
    public var lengthM: Double
    public var widthM: Double
    public var spacingM: Double
    /// Patch centre relative to the ego lane centre (+ left).
    public var lateralM: Double
    public var tone: Tone

    public init(
      atS: Double, count: Int = 3, lengthM: Double = 3.5, widthM: Double = 2.6, spacingM: Double = 11,
      lateralM: Double = 0, tone: Tone = .dark
    ) {
      self.atS = atS
      self.count = count
      self.lengthM = lengthM
      self.widthM = widthM
      self.spacingM = spacingM
      self.lateralM = lateralM
      self.tone = tone
    }

    enum CodingKeys: String, CodingKey, CaseIterable {
      case kind, atS = "at_s", count, lengthM = "length_m", widthM = "width_m", spacingM = "spacing_m"
      case lateralM = "lateral_m", tone
    }
    public init(from decoder: any Decoder) throws {
      try decoder.rejectUnknownKeys(CodingKeys.self)
      let c = try decoder.container(keyedBy: CodingKeys.self)
      self.init(
        atS: try c.decode(Double.self, forKey: .atS), count: try c.value(.count, default: 3),
        lengthM: try c.value(.lengthM, default: 3.5), widthM: try c.value(.widthM, default: 2.6),
        spacingM: try c.value(.spacingM, default: 11), lateralM: try c.value(.lateralM, default: 0),
        tone: try c.choice(.tone, default: .dark))
    }
    public func encode(to encoder: any Encoder) throws {
      var c = encoder.container(keyedBy: CodingKeys.self)
      try c.encode("road_patch", forKey: .kind)
      try c.encode(atS, forKey: .atS)
      try c.encode(count, forKey: .count)
      try c.encode(lengthM, forKey: .lengthM)
      try c.encode(widthM, forKey: .widthM)
      try c.encode(spacingM, forKey: .spacingM)
      try c.encode(lateralM, forKey: .lateralM)
      try c.encode(tone, forKey: .tone)
    }
  }

  /// Roll gently to a standstill (too gently to be a brake event), stand with a static scene, go.
  /// `at_s` is when the car starts slowing.
  public struct StoppedAtLight: Codable, Sendable, Equatable {
    public var atS: Double
    public var standS: Double
    /// Keep ≤ 1.0 m/s²: docs/detection.md counts a drop of 8 km/h within 2 s as a brake.
    public var decelMPS2: Double
    public var goAccelMPS2: Double

    public init(atS: Double, standS: Double = 20, decelMPS2: Double = 0.9, goAccelMPS2: Double = 1.0) {
      self.atS = atS
      self.standS = standS
      self.decelMPS2 = decelMPS2
      self.goAccelMPS2 = goAccelMPS2
    }

    enum CodingKeys: String, CodingKey, CaseIterable {
      case kind, atS = "at_s", standS = "stand_s", decelMPS2 = "decel_mps2", goAccelMPS2 = "go_accel_mps2"
    }
    public init(from decoder: any Decoder) throws {
      try decoder.rejectUnknownKeys(CodingKeys.self)
      let c = try decoder.container(keyedBy: CodingKeys.self)
      self.init(
        atS: try c.decode(Double.self, forKey: .atS), standS: try c.value(.standS, default: 20),
        decelMPS2: try c.value(.decelMPS2, default: 0.9), goAccelMPS2: try c.value(.goAccelMPS2, default: 1.0))
    }
    public func encode(to encoder: any Encoder) throws {
      var c = encoder.container(keyedBy: CodingKeys.self)
      try c.encode("stopped_at_light", forKey: .kind)
      try c.encode(atS, forKey: .atS)
      try c.encode(standS, forKey: .standS)
      try c.encode(decelMPS2, forKey: .decelMPS2)
      try c.encode(goAccelMPS2, forKey: .goAccelMPS2)
    }
  }

  public static let kindNames = ["shadow_band", "tunnel", "cloud", "bump", "road_patch", "stopped_at_light"]

  public var kindName: String {
    switch self {
    case .shadowBand: "shadow_band"
    case .tunnel: "tunnel"
    case .cloud: "cloud"
    case .bump: "bump"
    case .roadPatch: "road_patch"
    case .stoppedAtLight: "stopped_at_light"
    }
  }

  public var atS: Double {
    switch self {
    case .shadowBand(let d): d.atS
    case .tunnel(let d), .cloud(let d): d.atS
    case .bump(let d): d.atS
    case .roadPatch(let d): d.atS
    case .stoppedAtLight(let d): d.atS
    }
  }

  enum KindKey: String, CodingKey { case kind }

  public init(from decoder: any Decoder) throws {
    let c = try decoder.container(keyedBy: KindKey.self)
    let kind = try c.decode(String.self, forKey: .kind)
    switch kind {
    case "shadow_band": self = .shadowBand(try ShadowBand(from: decoder))
    case "tunnel": self = .tunnel(try BrightnessChange(from: decoder, tunnel: true))
    case "cloud": self = .cloud(try BrightnessChange(from: decoder, tunnel: false))
    case "bump": self = .bump(try Bump(from: decoder))
    case "road_patch": self = .roadPatch(try RoadPatch(from: decoder))
    case "stopped_at_light": self = .stoppedAtLight(try StoppedAtLight(from: decoder))
    default:
      let hint = ScenarioEvent.kindNames.contains(kind) ? " ('\(kind)' is an event: list it under \"events\")" : ""
      throw DecodingError.dataCorruptedError(
        forKey: .kind, in: c,
        debugDescription:
          "unknown distractor kind '\(kind)'\(hint); distractors are: \(Self.kindNames.joined(separator: ", "))")
    }
  }

  public func encode(to encoder: any Encoder) throws {
    switch self {
    case .shadowBand(let d): try d.encode(to: encoder)
    case .tunnel(let d): try d.encode(to: encoder, kind: "tunnel")
    case .cloud(let d): try d.encode(to: encoder, kind: "cloud")
    case .bump(let d): try d.encode(to: encoder)
    case .roadPatch(let d): try d.encode(to: encoder)
    case .stoppedAtLight(let d): try d.encode(to: encoder)
    }
  }
}
