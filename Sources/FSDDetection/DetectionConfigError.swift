import Foundation

/// A detection config that cannot be used; the message names the file (when there is one) and
/// the key, and says what would be accepted.
public struct DetectionConfigError: Error, Equatable, CustomStringConvertible, LocalizedError {
  public var message: String

  public init(message: String) { self.message = message }

  public var description: String { message }
  public var errorDescription: String? { message }

  static func unknownKey(_ key: String, known: [String]) -> DetectionConfigError {
    DetectionConfigError(message: "unknown key '\(key)'; known keys: \(known.joined(separator: ", "))")
  }

  static func badValue(_ key: String, _ problem: String) -> DetectionConfigError {
    DetectionConfigError(message: "'\(key)' \(problem)")
  }

  /// Says which key was wrong and how, in words (DecodingError's own text names Swift types).
  static func describe(_ error: DecodingError) -> String {
    func path(_ context: DecodingError.Context) -> String {
      context.codingPath.reduce(into: "") { text, key in
        if let index = key.intValue {
          text += "[\(index)]"
        } else {
          text += (text.isEmpty ? "" : ".") + key.stringValue
        }
      }
    }
    switch error {
    case .typeMismatch(let type, let context):
      let key = path(context)
      if key.isEmpty { return "the file must hold a JSON object of thresholds, like {\"brake_decel_g\": 0.2}" }
      return "'\(key)' has the wrong type: expected \(describe(type))"
    case .valueNotFound(let type, let context):
      return "'\(path(context))' is null: expected \(describe(type)) (leave the key out to use the default)"
    case .keyNotFound(let key, _):
      return "'\(key.stringValue)' is missing"
    case .dataCorrupted(let context):
      let key = path(context)
      let detail = context.debugDescription
      return key.isEmpty ? "not valid JSON (\(detail))" : "'\(key)': \(detail)"
    @unknown default:
      return "\(error)"
    }
  }

  private static func describe(_ type: Any.Type) -> String {
    if type == Double.self { return "a number" }
    if type == String.self { return "a string" }
    if type == Bool.self { return "true or false" }
    if type is [Any].Type { return "an array" }
    return "\(type)"
  }
}
