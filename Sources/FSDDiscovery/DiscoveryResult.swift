/// Everything found under the paths given to `Discovery.discover(paths:)`.
public struct DiscoveryResult: Sendable {
  /// Sorted by (nameTime, nil first; then path), so cameras of one minute sit together.
  public var clips: [ClipFile]
  /// Sorted by path.
  public var eventFolders: [EventFolder]
  /// TeslaCam/EncryptedClips folders seen: they cannot be read off the car, so they are reported
  /// and their contents are not listed as clips. Sorted.
  public var encryptedFolders: [String]
  /// Regular files that are not .mp4, event.json, or thumb.png, and FIFOs, sockets and devices not
  /// named like a clip. Hidden files (".DS_Store",
  /// "._clip.mp4") are never listed. Sorted.
  public var ignoredFiles: [String]
  /// Folders that exist but could not be listed (permissions). Sorted by path.
  public var unreadableFolders: [UnreadableFolder]
  /// Every path the walk could not take as a clip, with why: unreadable folders (also above),
  /// names that are not UTF-8, links to nothing, FIFOs/sockets/devices named like clips. Sorted.
  public var skippedPaths: [SkippedPath]

  public init(
    clips: [ClipFile] = [], eventFolders: [EventFolder] = [], encryptedFolders: [String] = [],
    ignoredFiles: [String] = [], unreadableFolders: [UnreadableFolder] = [], skippedPaths: [SkippedPath] = []
  ) {
    self.skippedPaths = skippedPaths
    self.clips = clips
    self.eventFolders = eventFolders
    self.encryptedFolders = encryptedFolders
    self.ignoredFiles = ignoredFiles
    self.unreadableFolders = unreadableFolders
  }
}
