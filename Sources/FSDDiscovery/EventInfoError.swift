/// Why an event.json could not be used. The description is stored with the event folder,
/// so it names the file: a user reading it later may not know where it came from.
public enum EventInfoError: Error, CustomStringConvertible, Equatable, Sendable {
  /// The bytes are not JSON at all (empty, truncated by a power cut, binary garbage).
  case notValidJSON(detail: String)
  /// Valid JSON, but an array, string, number, or null instead of an object.
  case notAnObject(found: String)

  public var description: String {
    switch self {
    case .notValidJSON(let detail):
      return "event.json is not valid JSON: \(detail)"
    case .notAnObject(let found):
      return "event.json is not a JSON object (found \(found))"
    }
  }
}
