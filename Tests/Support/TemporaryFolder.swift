import Foundation

/// A fresh folder under the system temporary folder, removed when the test ends.
public final class TemporaryFolder: @unchecked Sendable {
  public let path: String

  /// `prefix` names the folder ("fsd-store-…"), so a leftover tells whose it was.
  public init(prefix: String = "fsdlog-test") throws {
    var base = NSTemporaryDirectory()
    while base.count > 1 && base.hasSuffix("/") { base.removeLast() }
    path = base + "/\(prefix)-" + UUID().uuidString
    try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
  }

  deinit { try? FileManager.default.removeItem(atPath: path) }

  /// The absolute path of `relative` inside the folder (nothing is created).
  public func path(_ relative: String) -> String { path + "/" + relative }
}
