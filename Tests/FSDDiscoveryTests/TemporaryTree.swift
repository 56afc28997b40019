import Foundation

/// A real directory tree under the system temporary folder, removed when the test ends.
/// Discovery only looks at names, so empty files stand in for clips.
final class TemporaryTree {
  let root: String

  init() throws {
    // NSTemporaryDirectory() ends with a slash; discovery reports paths without one.
    var base = NSTemporaryDirectory()
    while base.count > 1 && base.hasSuffix("/") { base.removeLast() }
    root = base + "/fsd-discovery-" + UUID().uuidString
    try FileManager.default.createDirectory(atPath: root, withIntermediateDirectories: true)
  }

  deinit {
    try? FileManager.default.removeItem(atPath: root)
  }

  /// The absolute path of `relative` inside the tree.
  func path(_ relative: String) -> String {
    relative.isEmpty ? root : root + "/" + relative
  }

  /// Creates the file and its folders.
  @discardableResult
  func file(_ relative: String, contents: String = "") throws -> String {
    let path = path(relative)
    let folder = (path as NSString).deletingLastPathComponent
    try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
    guard FileManager.default.createFile(atPath: path, contents: Data(contents.utf8)) else {
      throw CocoaError(.fileWriteUnknown)
    }
    return path
  }

  @discardableResult
  func folder(_ relative: String) throws -> String {
    let path = path(relative)
    try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
    return path
  }

  func symlink(_ relative: String, to destination: String) throws {
    try FileManager.default.createSymbolicLink(atPath: path(relative), withDestinationPath: destination)
  }
}
