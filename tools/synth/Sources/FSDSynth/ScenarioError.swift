import Foundation

/// A scenario that cannot be simulated as written. The message names the place (for example
/// `events[2] (fsd_brake at 30 s)`), says what is wrong, and where it can, what to change.
public struct ScenarioError: Error, CustomStringConvertible, LocalizedError, Equatable, Sendable {
  public var message: String

  public init(_ message: String) { self.message = message }

  public var description: String { message }
  public var errorDescription: String? { message }

  /// Turns a `DecodingError` into a one-line message with the JSON path (`events[1].peak_g`).
  static func from(decoding error: DecodingError) -> ScenarioError {
    func path(_ keys: [any CodingKey]) -> String {
      var text = ""
      for key in keys {
        if let index = key.intValue {
          text += "[\(index)]"
        } else {
          text += (text.isEmpty ? "" : ".") + key.stringValue
        }
      }
      return text.isEmpty ? "scenario" : text
    }
    switch error {
    case .keyNotFound(let key, let context):
      let place = path(context.codingPath)
      return ScenarioError("\(place): missing required key '\(key.stringValue)'")
    case .typeMismatch(let type, let context):
      return ScenarioError("\(path(context.codingPath)): expected \(describe(type)); \(context.debugDescription)")
    case .valueNotFound(let type, let context):
      return ScenarioError("\(path(context.codingPath)): expected \(describe(type)), found null")
    case .dataCorrupted(let context):
      return ScenarioError("\(path(context.codingPath)): \(context.debugDescription)")
    @unknown default:
      return ScenarioError("\(error)")
    }
  }

  private static func describe(_ type: Any.Type) -> String {
    switch type {
    case is Double.Type, is Float.Type: "a number"
    case is Int.Type, is UInt64.Type: "an integer"
    case is String.Type: "a string"
    case is Bool.Type: "true or false"
    default: "\(type)"
    }
  }
}

/// Any JSON key, so decoders can list the keys an object has and reject typos.
struct AnyKey: CodingKey {
  var stringValue: String
  var intValue: Int? { nil }
  init(_ string: String) { stringValue = string }
  init?(stringValue: String) { self.stringValue = stringValue }
  init?(intValue: Int) { nil }
}

extension Decoder {
  /// Fails on keys the object does not define: a misspelt `peak_gs` would otherwise be ignored
  /// silently and the default used, which is the worst kind of scenario bug.
  func rejectUnknownKeys<Key: CodingKey & CaseIterable>(_ keys: Key.Type) throws {
    let container = try self.container(keyedBy: AnyKey.self)
    let known = Set(Key.allCases.map(\.stringValue))
    for key in container.allKeys where !known.contains(key.stringValue) {
      let list = Key.allCases.map(\.stringValue).sorted().joined(separator: ", ")
      throw DecodingError.dataCorrupted(
        .init(
          codingPath: codingPath,
          debugDescription: "unknown key '\(key.stringValue)' (known keys: \(list))"))
    }
  }
}

extension KeyedDecodingContainer {
  func value<T: Decodable>(_ key: Key, default fallback: T) throws -> T {
    try decodeIfPresent(T.self, forKey: key) ?? fallback
  }

  /// A string-valued enumeration, with the accepted values in the error.
  func choice<T: RawRepresentable & CaseIterable>(_ key: Key, default fallback: T) throws -> T
  where T.RawValue == String {
    guard let text = try decodeIfPresent(String.self, forKey: key) else { return fallback }
    guard let value = T(rawValue: text) else {
      let list = T.allCases.map(\.rawValue).joined(separator: ", ")
      throw DecodingError.dataCorruptedError(
        forKey: key, in: self, debugDescription: "'\(text)' is not one of: \(list)")
    }
    return value
  }

  func optionalChoice<T: RawRepresentable & CaseIterable>(_ key: Key) throws -> T? where T.RawValue == String {
    guard let text = try decodeIfPresent(String.self, forKey: key) else { return nil }
    guard let value = T(rawValue: text) else {
      let list = T.allCases.map(\.rawValue).joined(separator: ", ")
      throw DecodingError.dataCorruptedError(
        forKey: key, in: self, debugDescription: "'\(text)' is not one of: \(list)")
    }
    return value
  }
}
