import Foundation

/// Finds the clips and event folders under the paths a user gives to `fsdlog ingest`.
public enum Discovery {
  /// Each path may be a single .mp4, an event folder, a TeslaCam root, RecentClips (flat or with
  /// per-day subfolders at any depth), or any folder: all .mp4 below it are clips.
  ///
  /// Every path is validated before anything is listed, so a typo in the last argument fails fast
  /// instead of after a long walk. A clip reached twice (overlapping arguments) is listed once.
  /// A single .mp4 given directly that lies in an event folder still gets that event folder.
  /// - Parameter paths: absolute or relative to the current directory; symlinks are followed.
  /// - Throws: `DiscoveryError` for the first path that does not exist or is a non-.mp4 file.
  public static func discover(paths: [String]) throws -> DiscoveryResult {
    let fileManager = FileManager.default
    let currentDirectory = fileManager.currentDirectoryPath
    var arguments: [(path: String, isDirectory: Bool)] = []
    for given in paths {
      // An empty argument would otherwise standardize to the current directory.
      guard !given.isEmpty else { throw DiscoveryError.notFound(path: given) }
      let path = StandardPath.absolute(given, relativeTo: currentDirectory)
      var isDirectory: ObjCBool = false
      guard fileManager.fileExists(atPath: path, isDirectory: &isDirectory) else {
        throw DiscoveryError.notFound(path: given)
      }
      if !isDirectory.boolValue && !TeslaClipName.isMP4(StandardPath.lastComponent(of: path)) {
        throw DiscoveryError.notAClipOrFolder(path: given)
      }
      arguments.append((path, isDirectory.boolValue))
    }

    var walker = DiscoveryWalker()
    for argument in arguments {
      walker.add(path: argument.path, isDirectory: argument.isDirectory)
    }
    return walker.result()
  }
}
