/// One camera of a car's dashcam set, by the name its files carry: TeslaCam's `front`, `back`,
/// `left_repeater`, `right_repeater`, `left_pillar`, `right_pillar` (`rear_view` on old firmware),
/// another dashcam's `back` or `interior`. Not an enum: a car that adds a camera names it in its
/// file names, and an unknown name is kept as it is (docs/formats.md), stored in `clips.camera`.
public struct Camera: RawRepresentable, Hashable, Codable, Sendable, CustomStringConvertible, ExpressibleByStringLiteral {
  public let rawValue: String
  public init(rawValue: String) { self.rawValue = rawValue }
  /// A name as a file would carry it (`"mystery_cam"`).
  public init(stringLiteral name: String) { self.init(rawValue: name) }

  public static let front = Camera(rawValue: "front")
  public static let back = Camera(rawValue: "back")
  public static let leftRepeater = Camera(rawValue: "left_repeater")
  public static let rightRepeater = Camera(rawValue: "right_repeater")
  public static let leftPillar = Camera(rawValue: "left_pillar")
  public static let rightPillar = Camera(rawValue: "right_pillar")
  /// Another dashcam's cabin camera.
  public static let interior = Camera(rawValue: "interior")

  /// The cameras of a TeslaCam set as a preview sheet shows them: pillars and front on top,
  /// repeaters and back below, as a driver looking forward sees them.
  public static let sheetLayout: [Camera] = [.leftPillar, .front, .rightPillar, .leftRepeater, .back, .rightRepeater]

  /// This camera's file of the same moment beside a front clip named as TeslaCam names them
  /// ("…_08-14-31-front.mp4" → "…_08-14-31-back.mp4"); nil for any other name.
  public func siblingPath(ofFrontClip path: String) -> String? {
    let suffix = "-front.mp4"
    guard path.hasSuffix(suffix) else { return nil }
    return String(path.dropLast(suffix.count)) + "-\(rawValue).mp4"
  }

  /// The forward view: the only camera the motion core analyses and drives are built from.
  public var isFront: Bool { self == .front }

  public var description: String { rawValue }
}
