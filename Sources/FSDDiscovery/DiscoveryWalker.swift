import FSDDomain
import Foundation

/// Accumulates clips, event folders, and skipped files over every path given to discovery.
///
/// Keyed by standardized path so overlapping arguments list each file once, and each folder is
/// listed at most once however many arguments reach it.
struct DiscoveryWalker {
  private let fileManager = FileManager.default
  private var clipsByPath: [String: ClipFile] = [:]
  private var eventFolderPaths: Set<String> = []
  private var factsByFolder: [String: FolderFacts] = [:]
  private var listedFolders: Set<String> = []
  private var encryptedFolders: Set<String> = []
  private var ignoredFiles: Set<String> = []
  private var unreadableFolders: [String: String] = [:]
  private var skipped: [String: SkippedPath] = [:]

  /// Adds one validated argument: an existing folder, or an existing .mp4 file.
  mutating func add(path: String, isDirectory: Bool) {
    if let encrypted = TeslaCamLayout.encryptedFolder(containing: path) {
      encryptedFolders.insert(encrypted)
      return
    }
    if isDirectory {
      walk(root: path)
    } else if case .special(let what) = PathKind.of(path) {
      skipped[path] = Self.notRegular(path, what)
    } else {
      let folder = StandardPath.parent(of: path)
      addClip(path: path, folder: folder, facts: facts(ofFolder: folder))
    }
  }

  func result() -> DiscoveryResult {
    let clips = clipsByPath.values.sorted { lhs, rhs in
      switch (lhs.nameTime, rhs.nameTime) {
      case (nil, nil): return lhs.path < rhs.path
      case (nil, _): return true
      case (_, nil): return false
      case (let left?, let right?): return left == right ? lhs.path < rhs.path : left < right
      }
    }
    return DiscoveryResult(
      clips: clips,
      eventFolders: eventFolderPaths.sorted().map(eventFolder(at:)),
      encryptedFolders: encryptedFolders.sorted(),
      ignoredFiles: ignoredFiles.sorted(),
      unreadableFolders: unreadableFolders.map { UnreadableFolder(path: $0.key, reason: $0.value) }
        .sorted { $0.path < $1.path },
      skippedPaths: (Array(skipped.values) + unreadableFolders.map { folder, reason in
        SkippedPath(path: folder, kind: .unreadable,
                    reason: "the folder cannot be listed (\(reason)): any clips inside it were not read")
      }).sorted { $0.path < $1.path }
    )
  }

  /// Depth-first with an explicit stack: per-day archive folders can nest deeply, and the
  /// stack keeps that off the call stack. Symlinked folders inside the walk are not followed,
  /// which is what keeps a link back to an ancestor from looping.
  ///
  /// Only regular files are clips: each entry is looked at with lstat/stat before anything opens
  /// it (opening a FIFO blocks). A name that is not UTF-8, a link to nothing, and a FIFO, socket
  /// or device named like a clip are kept as `SkippedPath`s with their reason.
  private mutating func walk(root: String) {
    var pending = [root]
    while let folder = pending.popLast() {
      guard listedFolders.insert(folder).inserted else { continue }
      let entries: [DirectoryListing.Entry]
      do {
        entries = try DirectoryListing.entries(of: folder)
      } catch let error as DirectoryListing.ListingError {
        unreadableFolders[folder] = error.reason
        continue
      } catch {
        unreadableFolders[folder] = "\(error)"
        continue
      }
      var facts = FolderFacts()
      var clipPaths: [String] = []
      // Hidden names cover .DS_Store, .Trashes, .Spotlight-V100 and the "._" AppleDouble twins
      // macOS writes next to every clip on a FAT drive, which are not videos.
      for entry in entries where !entry.isHidden {
        guard let name = entry.name else {
          let path = StandardPath.join(folder, DirectoryListing.displayName(entry.rawName))
          skipped[path] = SkippedPath(
            path: path, kind: .unreadable,
            reason: "the name is not valid UTF-8 (its other bytes are shown as \\xNN): fsdlog cannot read it "
              + "by name; rename it (a copy from another system's file name encoding does this)")
          continue
        }
        let path = StandardPath.join(folder, name)
        switch PathKind.of(path) {
        case .directory:
          if name == TeslaCamLayout.encryptedClipsName {
            encryptedFolders.insert(path)
          } else {
            pending.append(path)
          }
        case .linkToDirectory:
          continue
        case .regularFile:
          if TeslaClipName.isMP4(name) {
            clipPaths.append(path)
          } else if name == TeslaCamLayout.eventJSONName {
            facts.hasEventJSON = true
          } else if name == TeslaCamLayout.thumbnailName {
            facts.hasThumbnail = true
          } else {
            ignoredFiles.insert(path)
          }
        case .special(let what):
          if TeslaClipName.isMP4(name) {
            skipped[path] = Self.notRegular(path, what)
          } else {
            ignoredFiles.insert(path)
          }
        case .danglingLink(let what):
          skipped[path] = SkippedPath(
            path: path, kind: .unreadable,
            reason: "\(what): nothing there to read (a drive that is not mounted, or a copy that lost its target)")
        case .unexaminable(let reason):
          skipped[path] = SkippedPath(path: path, kind: .unreadable, reason: "cannot be examined: \(reason)")
        }
      }
      factsByFolder[folder] = facts
      if facts.hasEventJSON { eventFolderPaths.insert(folder) }
      for path in clipPaths {
        addClip(path: path, folder: folder, facts: facts)
      }
    }
  }

  private static func notRegular(_ path: String, _ what: String) -> SkippedPath {
    SkippedPath(path: path, kind: .notAClip, reason: "\(what), not a regular file: only regular files are clips")
  }

  private mutating func addClip(path: String, folder: String, facts: FolderFacts) {
    guard clipsByPath[path] == nil else { return }
    let name = StandardPath.lastComponent(of: path)
    let tesla = TeslaClipName.parse(fileName: name)
    // The car's form with a date that cannot exist: the camera still counts, the time does not.
    let impossible = tesla == nil ? TeslaClipName.impossibleStamp(fileName: name) : nil
    // Not a TeslaCam name: another dashcam's clip, on its own (no camera set to join).
    let parsed = tesla ?? (impossible == nil ? DashcamClipName.parse(fileName: name) : nil)
    let placement = TeslaCamLayout.placement(ofFolder: folder)
    let eventFolder = facts.hasEventJSON ? folder : placement.savedEventFolder
    if let eventFolder { eventFolderPaths.insert(eventFolder) }
    clipsByPath[path] = ClipFile(
      path: path,
      camera: parsed?.camera ?? impossible?.camera ?? .front,
      nameTime: parsed?.time,
      source: placement.source,
      eventFolderPath: eventFolder,
      nameFormat: tesla != nil ? .teslaCam : parsed != nil ? .dashcam : nil,
      nameProblem: impossible.map { "\(name): the date and time in its name (\($0.stamp)) do not exist, so they are not "
        + "used: the clip is placed by its MP4 creation time, or else its file's modification time" }
    )
  }

  /// Facts for a folder that may not have been listed (the parent of a single clip argument,
  /// or a SavedClips event folder above a walked subfolder): probe just the two names.
  private func facts(ofFolder folder: String) -> FolderFacts {
    if let known = factsByFolder[folder] { return known }
    return FolderFacts(
      hasEventJSON: isFile(StandardPath.join(folder, TeslaCamLayout.eventJSONName)),
      hasThumbnail: isFile(StandardPath.join(folder, TeslaCamLayout.thumbnailName))
    )
  }

  private func eventFolder(at folder: String) -> EventFolder {
    let facts = facts(ofFolder: folder)
    let source = TeslaCamLayout.placement(ofFolder: folder).source
    let thumbnailPath = facts.hasThumbnail ? StandardPath.join(folder, TeslaCamLayout.thumbnailName) : nil
    var info: EventInfo?
    var infoError: String?
    if facts.hasEventJSON {
      switch EventJSONReader.read(path: StandardPath.join(folder, TeslaCamLayout.eventJSONName)) {
      case .success(let parsed): info = parsed
      case .failure(let message): infoError = message.text
      }
    }
    return EventFolder(
      path: folder, source: source, info: info, infoError: infoError,
      hasEventJSON: facts.hasEventJSON, thumbnailPath: thumbnailPath
    )
  }

  private func isFile(_ path: String) -> Bool {
    var isDirectory: ObjCBool = false
    return fileManager.fileExists(atPath: path, isDirectory: &isDirectory) && !isDirectory.boolValue
  }
}
