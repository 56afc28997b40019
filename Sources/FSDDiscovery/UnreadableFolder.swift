/// A folder discovery could not list, and why.
///
/// Reported rather than skipped silently: on macOS a removable drive is unreadable until the
/// terminal is granted access, and "0 clips found" would hide that.
public struct UnreadableFolder: Sendable, Hashable {
  public let path: String
  public let reason: String

  public init(path: String, reason: String) {
    self.path = path
    self.reason = reason
  }
}
