/// Lexical path handling, so one file always gets one spelling and overlapping arguments
/// ("TeslaCam" and "TeslaCam/RecentClips/") deduplicate by plain string comparison.
///
/// Symlinks are deliberately not resolved: the user should see the paths they typed, and on
/// macOS resolving would turn /tmp into /private/tmp.
enum StandardPath {
  /// Absolute, with ".", "..", repeated and trailing slashes removed.
  static func absolute(_ path: String, relativeTo currentDirectory: String) -> String {
    let joined = path.hasPrefix("/") ? path : currentDirectory + "/" + path
    var kept: [Substring] = []
    for component in joined.split(separator: "/", omittingEmptySubsequences: true) {
      switch component {
      case ".": continue
      case "..": _ = kept.popLast()
      default: kept.append(component)
      }
    }
    return "/" + kept.joined(separator: "/")
  }

  static func join(_ folder: String, _ name: String) -> String {
    folder == "/" ? "/" + name : folder + "/" + name
  }

  static func parent(of path: String) -> String {
    guard let slash = path.lastIndex(of: "/") else { return "/" }
    return slash == path.startIndex ? "/" : String(path[..<slash])
  }

  static func lastComponent(of path: String) -> String {
    guard let slash = path.lastIndex(of: "/") else { return path }
    return String(path[path.index(after: slash)...])
  }

  static func components(of path: String) -> [Substring] {
    path.split(separator: "/", omittingEmptySubsequences: true)
  }

  /// The absolute path made of the first `count` components.
  static func prefix(_ components: [Substring], count: Int) -> String {
    "/" + components.prefix(count).joined(separator: "/")
  }
}
