import Foundation

/// The contents of an event.json in a SavedClips or SentryClips event folder.
///
/// Tesla writes every value as a JSON string, numbers included; numbers are tolerated too
/// because archivers and older tools have rewritten these files.
public struct EventInfo: Sendable, Hashable {
  /// Car-local time of the event (horn, icon tap, sentry trigger), no zone.
  public var timestamp: LocalDateTime?
  public var city: String?
  /// Only on newer firmware.
  public var street: String?
  /// The car's estimated latitude in degrees; nil when missing, unparsable, or out of range.
  public var estLatDeg: Double?
  /// The car's estimated longitude in degrees; nil when missing, unparsable, or out of range.
  public var estLonDeg: Double?
  /// Why the event was saved, e.g. "user_interaction_honk"; unknown values are kept verbatim.
  public var reason: String?
  /// Meaning unconfirmed (seen "0"), so kept as text.
  public var camera: String?
  /// The file text as read, so the database keeps what we did not understand.
  public var rawJSON: String

  public init(
    timestamp: LocalDateTime? = nil, city: String? = nil, street: String? = nil,
    estLatDeg: Double? = nil, estLonDeg: Double? = nil, reason: String? = nil,
    camera: String? = nil, rawJSON: String = ""
  ) {
    self.timestamp = timestamp
    self.city = city
    self.street = street
    self.estLatDeg = estLatDeg
    self.estLonDeg = estLonDeg
    self.reason = reason
    self.camera = camera
    self.rawJSON = rawJSON
  }

  /// - Throws: `EventInfoError` when the data is not JSON or not a JSON object.
  ///   Missing or oddly typed fields are not errors: they come back nil.
  public static func parse(data: Data) throws -> EventInfo {
    let object: Any
    do {
      object = try JSONSerialization.jsonObject(with: data, options: [.fragmentsAllowed])
    } catch {
      throw EventInfoError.notValidJSON(detail: describe(error))
    }
    guard let fields = object as? [String: Any] else {
      throw EventInfoError.notAnObject(found: kind(of: object))
    }
    var info = EventInfo(rawJSON: String(decoding: data, as: UTF8.self))
    info.timestamp = text(fields["timestamp"]).flatMap { LocalDateTime(iso: $0.trimmingCharacters(in: .whitespaces)) }
    info.city = text(fields["city"])
    info.street = text(fields["street"])
    info.estLatDeg = degrees(fields["est_lat"], limit: 90)
    info.estLonDeg = degrees(fields["est_lon"], limit: 180)
    info.reason = text(fields["reason"])
    info.camera = text(fields["camera"])
    return info
  }

  /// A string as is, a number as its decimal text; empty strings count as absent.
  private static func text(_ value: Any?) -> String? {
    switch value {
    case let string as String:
      return string.isEmpty ? nil : string
    case let number as NSNumber:
      return number.stringValue
    default:
      return nil
    }
  }

  private static func degrees(_ value: Any?, limit: Double) -> Double? {
    let parsed: Double?
    switch value {
    case let string as String:
      parsed = Double(string.trimmingCharacters(in: .whitespaces))
    case let number as NSNumber:
      parsed = number.doubleValue
    default:
      parsed = nil
    }
    guard let parsed, parsed.isFinite, abs(parsed) <= limit else { return nil }
    return parsed
  }

  private static func kind(of object: Any) -> String {
    switch object {
    case is [Any]: return "an array"
    case is String: return "a string"
    case is NSNumber: return "a number"
    case is NSNull: return "null"
    default: return "\(type(of: object))"
    }
  }

  /// Foundation's JSON errors carry the useful part ("Unexpected character ... around line 1")
  /// in the debug description, not in the generic localized message.
  private static func describe(_ error: Error) -> String {
    let nsError = error as NSError
    if let debug = nsError.userInfo[NSDebugDescriptionErrorKey] as? String, !debug.isEmpty {
      return debug
    }
    return nsError.localizedDescription
  }
}
