import Foundation

#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

/// A folder's entries read with opendir/readdir, names as the raw bytes the file system holds.
///
/// Foundation's `contentsOfDirectory` turns names into `String`s and silently drops (or
/// mangles) a name that is not valid UTF-8; such a file must be reported, not lost.
enum DirectoryListing {
  struct Entry {
    /// The name's bytes, without the terminating NUL.
    let rawName: [UInt8]
    /// The name as text, or nil when its bytes are not valid UTF-8.
    var name: String? { String(validating: rawName, as: UTF8.self) }
    var isHidden: Bool { rawName.first == UInt8(ascii: ".") }
  }

  /// - Throws: `ListingError` with the system's reason (permission denied, ...).
  static func entries(of folder: String) throws -> [Entry] {
    guard let directory = opendir(folder) else { throw ListingError(errno: errno) }
    defer { closedir(directory) }
    var entries: [Entry] = []
    while true {
      errno = 0
      guard let entry = readdir(directory) else {
        if errno != 0 { throw ListingError(errno: errno) }
        return entries
      }
      let raw = withUnsafeBytes(of: entry.pointee.d_name) { buffer in
        Array(buffer.prefix { $0 != 0 })
      }
      if raw == [UInt8(ascii: ".")] || raw == [UInt8(ascii: "."), UInt8(ascii: ".")] { continue }
      entries.append(Entry(rawName: raw))
    }
  }

  /// A name shown and stored as text: valid UTF-8 kept, every other byte written `\xNN`, so two
  /// different names never read the same and the user can find the file (`ls -b` shows the same).
  static func displayName(_ raw: [UInt8]) -> String {
    if let text = String(validating: raw, as: UTF8.self) { return text }
    var text = ""
    var index = 0
    while index < raw.count {
      // The longest valid UTF-8 sequence starting here (1 to 4 bytes), else one escaped byte.
      var matched = false
      for length in (1...4).reversed() where index + length <= raw.count {
        if let piece = String(validating: raw[index..<index + length], as: UTF8.self) {
          text += piece
          index += length
          matched = true
          break
        }
      }
      if !matched {
        text += "\\x" + String(raw[index], radix: 16, uppercase: true).leftPadded(to: 2)
        index += 1
      }
    }
    return text
  }

  struct ListingError: Error {
    let errno: Int32
    var reason: String { String(cString: strerror(errno)) }
  }
}

/// What a path is on disk, looked at without opening it (opening a FIFO blocks until a writer
/// comes, which is what made a FIFO named like a clip hang ingest).
enum PathKind: Equatable {
  case regularFile, directory
  /// A symbolic link to a folder: not followed inside a walk, which keeps a link back to an
  /// ancestor from looping.
  case linkToDirectory
  /// A FIFO, socket or device: never a clip. The text says which, for the user.
  case special(String)
  /// A symbolic link whose target does not exist (or loops): the text says where it points.
  case danglingLink(String)
  /// lstat/stat failed for another reason (a folder that can be listed but not searched).
  case unexaminable(String)

  static func of(_ path: String) -> PathKind {
    var link = stat()
    guard lstat(path, &link) == 0 else { return .unexaminable(String(cString: strerror(errno))) }
    let isLink = (link.st_mode & S_IFMT) == S_IFLNK
    var target = stat()
    if stat(path, &target) != 0 {
      let reason = errno == ELOOP ? "a loop of symbolic links" : String(cString: strerror(errno))
      guard isLink else { return .unexaminable(reason) }
      let destination = (try? FileManager.default.destinationOfSymbolicLink(atPath: path)) ?? "?"
      return .danglingLink(errno == ELOOP ? "a symbolic link to \(destination), \(reason)"
                             : "a symbolic link to \(destination), which does not exist")
    }
    switch target.st_mode & S_IFMT {
    case S_IFREG: return .regularFile
    case S_IFDIR: return isLink ? .linkToDirectory : .directory
    case S_IFIFO: return .special("a FIFO (named pipe)")
    case S_IFSOCK: return .special("a socket")
    case S_IFCHR: return .special("a character device")
    case S_IFBLK: return .special("a block device")
    default: return .special("not a regular file")
    }
  }
}

extension String {
  fileprivate func leftPadded(to width: Int) -> String {
    String(repeating: "0", count: max(0, width - count)) + self
  }
}
