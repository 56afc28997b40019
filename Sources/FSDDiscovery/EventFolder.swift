/// A SavedClips/SentryClips event folder (or any folder holding an event.json).
public struct EventFolder: Sendable, Hashable {
  /// Absolute and standardized, like `ClipFile.path`.
  public let path: String
  public let source: ClipSource
  /// nil when event.json is missing or malformed.
  public let info: EventInfo?
  /// Why event.json could not be used, e.g. "event.json is not valid JSON: ..."; nil when fine or missing.
  public let infoError: String?
  public let hasEventJSON: Bool
  /// thumb.png when present.
  public let thumbnailPath: String?

  public init(
    path: String, source: ClipSource, info: EventInfo?, infoError: String?, hasEventJSON: Bool,
    thumbnailPath: String?
  ) {
    self.path = path
    self.source = source
    self.info = info
    self.infoError = infoError
    self.hasEventJSON = hasEventJSON
    self.thumbnailPath = thumbnailPath
  }
}
