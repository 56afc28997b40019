import ArgumentParser
import FSDStore
import Foundation

/// `--db`, shared by every command that reads or writes the database.
struct DatabaseOptions: ParsableArguments {
  @Option(name: .long, help: ArgumentHelp(
    "The SQLite database (default: $FSDLOG_DB, else $XDG_DATA_HOME/fsdlog/fsdlog.sqlite, else ~/.local/share/fsdlog/fsdlog.sqlite).",
    valueName: "path"))
  var db: String?

  var resolvedPath: String { StorePath.resolve(explicit: db) }

  /// Opens the database for writing, creating it; exits with a clear message when it cannot.
  func openForWriting() throws -> Store {
    do {
      return try Store(path: resolvedPath)
    } catch {
      throw Failure(message: "\(error)", exitCode: 2)
    }
  }

  /// Opens an existing database to read it; a read-only command never creates an empty one by
  /// accident. Where the database cannot be written (read-only media, a file the user may only
  /// read, a full disk, a newer fsdlog's schema) it is opened read-only, so reading still works
  /// and a write says why it is refused.
  func openExisting() throws -> Store {
    let path = try existingPath()
    var writeError: StoreError?
    if Store.isWritable(path: path) {
      do {
        return try Store(path: path)
      } catch let error as StoreError {
        writeError = error
      }
    }
    let refusal = switch writeError {
    case nil: "the file or its folder is read-only"
    case .cannotOpen(_, let reason)?: reason
    case let error?: "\(error)"
    }
    do {
      return try Store(path: path, access: .readOnly, readOnlyBecause: refusal)
    } catch {
      // When both fail, the read-write error says more (it is the one a writable database gives).
      throw Failure(message: "\(writeError ?? error)", exitCode: 2)
    }
  }

  /// Opens an existing database to change it (tag, untag, review): refuses at once, with the
  /// reason, where it cannot be written, instead of after the driver's first verdict.
  func openExistingForWriting() throws -> Store {
    let path = try existingPath()
    guard Store.isWritable(path: path) else {
      throw Failure(message: "cannot change the database at \(path): the file or its folder is read-only "
                      + "(reading commands such as `fsdlog events` still work); copy it to a writable folder "
                      + "and pass that with --db", exitCode: 2)
    }
    return try openForWriting()
  }

  private func existingPath() throws -> String {
    let path = resolvedPath
    guard FileManager.default.fileExists(atPath: path) else {
      throw Failure(message: "no fsdlog database at \(path) yet: run `fsdlog ingest PATH` first "
                      + "(or pass --db / set FSDLOG_DB to the database you used)", exitCode: 1)
    }
    return path
  }
}

/// An error the user can act on: printed as "fsdlog: error: MESSAGE", then exit with the code.
struct Failure: Error, CustomStringConvertible {
  let message: String
  let exitCode: Int32
  var description: String { message }
}

enum Console {
  static func error(_ message: String) {
    FileHandle.standardError.write(Data("fsdlog: error: \(message)\n".utf8))
  }

  static func stderr(_ text: String) {
    FileHandle.standardError.write(Data(text.utf8))
  }

  static var stderrIsTerminal: Bool { isatty(STDERR_FILENO) == 1 }

  /// Runs a command body, turning `Failure` into a message and an exit code.
  static func run(_ body: () throws -> Void) throws {
    do {
      try body()
    } catch let failure as Failure {
      error(failure.message)
      throw ExitCode(failure.exitCode)
    }
  }
}
