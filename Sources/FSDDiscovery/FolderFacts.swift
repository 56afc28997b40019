/// What discovery needs to know about one folder's own files.
struct FolderFacts: Sendable, Hashable {
  var hasEventJSON = false
  var hasThumbnail = false
}
