/// Problems with the paths themselves, found before anything is listed.
public enum DiscoveryError: Error, CustomStringConvertible, Equatable, Sendable {
  /// The path as the user gave it does not exist.
  case notFound(path: String)
  /// An existing file that is not an .mp4 (or not a regular file at all).
  case notAClipOrFolder(path: String)

  public var description: String {
    switch self {
    case .notFound(let path):
      return "no such file or directory: \(path)"
    case .notAClipOrFolder(let path):
      return "\(path) is not an .mp4 clip or a folder"
    }
  }
}
