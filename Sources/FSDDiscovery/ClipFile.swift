/// One video file found by discovery, with what its path and name say about it.
public struct ClipFile: Sendable, Hashable {
  /// Absolute and standardized (no ".", "..", or trailing slash); symlinks are kept, not resolved.
  public let path: String
  /// "front", "back", "left_repeater", "right_repeater", "left_pillar", "right_pillar", "rear_view",
  /// or an unknown suffix kept verbatim; "front" when the name is not a Tesla name (a user's clip.mp4),
  /// because a single clip someone exports is almost always the forward view.
  public let camera: String
  /// Car-local start time from the file name; nil when the name is not a Tesla name.
  public let nameTime: LocalDateTime?
  /// From the nearest RecentClips/SavedClips/SentryClips ancestor, else `.other`.
  public let source: ClipSource
  /// The folder holding event.json, or the direct child folder of SavedClips/SentryClips it lies in.
  public let eventFolderPath: String?

  public var isFront: Bool { camera == "front" }

  public init(path: String, camera: String, nameTime: LocalDateTime?, source: ClipSource, eventFolderPath: String?) {
    self.path = path
    self.camera = camera
    self.nameTime = nameTime
    self.source = source
    self.eventFolderPath = eventFolderPath
  }
}
