/// What a folder's position in a TeslaCam tree says about the clips inside it.
///
/// Folder names are matched exactly as the car writes them: a user's "savedclips" folder
/// is their own, not the car's.
enum TeslaCamLayout {
  static let recentClipsName = "RecentClips"
  static let savedClipsName = "SavedClips"
  static let sentryClipsName = "SentryClips"
  static let encryptedClipsName = "EncryptedClips"
  static let eventJSONName = "event.json"
  static let thumbnailName = "thumb.png"

  /// The source given by the nearest RecentClips/SavedClips/SentryClips among the folder
  /// and its ancestors, and, for SavedClips/SentryClips, the event folder directly below it.
  ///
  /// Nearest wins because archives may nest whole TeslaCam copies inside other folders, and the
  /// innermost car folder is the one the car actually wrote the clip into.
  static func placement(ofFolder path: String) -> (source: ClipSource, savedEventFolder: String?) {
    let components = StandardPath.components(of: path)
    for index in components.indices.reversed() {
      let source: ClipSource
      switch components[index] {
      case Substring(recentClipsName): source = .recent
      case Substring(savedClipsName): source = .saved
      case Substring(sentryClipsName): source = .sentry
      default: continue
      }
      // Clips lying directly in SavedClips (very old firmware) belong to no event folder.
      let hasChild = index + 1 < components.count
      let eventFolder = source != .recent && hasChild ? StandardPath.prefix(components, count: index + 2) : nil
      return (source, eventFolder)
    }
    return (.other, nil)
  }

  /// The nearest EncryptedClips folder among the path and its ancestors.
  static func encryptedFolder(containing path: String) -> String? {
    let components = StandardPath.components(of: path)
    guard let index = components.lastIndex(of: Substring(encryptedClipsName)) else { return nil }
    return StandardPath.prefix(components, count: index + 1)
  }
}
