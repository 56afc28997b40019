import FSDDomain

/// One video file found by discovery, with what its path and name say about it.
public struct ClipFile: Sendable, Hashable {
  /// Absolute and standardized (no ".", "..", or trailing slash); symlinks are kept, not resolved.
  public let path: String
  /// "front", "back", "left_repeater", "right_repeater", "left_pillar", "right_pillar", "rear_view",
  /// or an unknown suffix kept verbatim; for another dashcam's name `back` or `interior` when it carries
  /// a rear or interior marker (`DashcamClipName`); else "front" (a user's clip.mp4),
  /// because a single clip someone exports is almost always the forward view.
  public let camera: Camera
  /// Start time from the file name, on the camera's own clock (no zone): car-local for a TeslaCam
  /// name, the dashcam's clock for another dashcam's name (`nameFormat`); nil when the name has none.
  public let nameTime: LocalDateTime?
  /// Which kind of name `nameTime` was read from; nil when there is no name time.
  public let nameFormat: ClipNameFormat?
  /// From the nearest RecentClips/SavedClips/SentryClips ancestor, else `.other`.
  public let source: ClipSource
  /// The folder holding event.json, or the direct child folder of SavedClips/SentryClips it lies in.
  public let eventFolderPath: String?

  /// Set when the name has the car's form but a date or time that cannot exist (30 February,
  /// hour 24): what to tell the user, since `nameTime` is nil and another clock places the clip.
  public let nameProblem: String?

  public var isFront: Bool { camera.isFront }

  public init(path: String, camera: Camera, nameTime: LocalDateTime?, source: ClipSource, eventFolderPath: String?,
              nameFormat: ClipNameFormat? = nil, nameProblem: String? = nil) {
    self.nameProblem = nameProblem
    self.path = path
    self.camera = camera
    self.nameTime = nameTime
    self.nameFormat = nameTime == nil ? nil : nameFormat ?? .teslaCam
    self.source = source
    self.eventFolderPath = eventFolderPath
  }
}

/// Where a clip's file-name time comes from.
public enum ClipNameFormat: String, Sendable, Hashable {
  /// "2026-11-02_08-14-31-front.mp4": one camera of a TeslaCam set, on the car's clock.
  case teslaCam
  /// Another dashcam's or a phone's name ("20231105_142233.mp4", `DashcamClipName`).
  case dashcam
}
