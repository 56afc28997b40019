import Foundation

/// Opens a clip at a time in a video player: `$FSDLOG_PLAYER`, else mpv, ffplay or xdg-open,
/// whichever is installed. The player runs on its own; the review goes on.
public struct ClipPlayer: Sendable {
  public struct Command: Equatable, Sendable {
    public var arguments: [String]
    /// False for xdg-open: the desktop's player starts at 0:00.
    public var seeks: Bool

    public init(arguments: [String], seeks: Bool) {
      self.arguments = arguments
      self.seeks = seeks
    }
  }

  let environment: [String: String]

  public init(environment: [String: String] = ProcessInfo.processInfo.environment) {
    self.environment = environment
  }

  /// The command line that opens `file` at `seconds`, or nil when no player is available.
  /// `$FSDLOG_PLAYER` may use `{file}` and `{seconds}`; without `{file}` the file goes last.
  public func command(file: String, seconds: Double) -> Command? {
    let start = String(format: "%.1f", max(0, seconds))
    if let custom = environment["FSDLOG_PLAYER"]?.trimmingCharacters(in: .whitespaces), !custom.isEmpty {
      var words = custom.split(separator: " ").map(String.init)
      let seeks = custom.contains("{seconds}")
      words = words.map { $0.replacingOccurrences(of: "{file}", with: file).replacingOccurrences(of: "{seconds}", with: start) }
      if !custom.contains("{file}") { words.append(file) }
      return Command(arguments: words, seeks: seeks)
    }
    if find("mpv") != nil { return Command(arguments: ["mpv", "--start=\(start)", "--really-quiet", file], seeks: true) }
    if find("ffplay") != nil { return Command(arguments: ["ffplay", "-ss", start, "-autoexit", "-loglevel", "error", file], seeks: true) }
    if find("xdg-open") != nil { return Command(arguments: ["xdg-open", file], seeks: false) }
    return nil
  }

  /// Starts the player for the event's front clip at two seconds before the peak.
  public func play(_ details: EventDetails) -> String {
    guard let footage = details.footage else { return details.noFootageReason }
    let start = max(0, footage.peakOffsetS - 2)
    guard let command = command(file: footage.path, seconds: start) else {
      return "No video player found: install mpv (apt install mpv) or set FSDLOG_PLAYER, e.g. FSDLOG_PLAYER='vlc --start-time={seconds} {file}'."
    }
    // A desktop player with no desktop would fail where nobody sees it.
    if environment["FSDLOG_PLAYER"] == nil, environment["DISPLAY"] == nil, environment["WAYLAND_DISPLAY"] == nil {
      return "No display to play on (DISPLAY is not set): press e to export a preview, or set FSDLOG_PLAYER."
    }
    guard let executable = find(command.arguments[0]) else {
      return "The player \(command.arguments[0]) (from FSDLOG_PLAYER) is not installed or not on PATH."
    }
    let process = Process()
    process.executableURL = URL(fileURLWithPath: executable)
    process.arguments = Array(command.arguments.dropFirst())
    // The player must not read our keys or draw over the review.
    process.standardInput = FileHandle.nullDevice
    process.standardOutput = FileHandle.nullDevice
    process.standardError = FileHandle.nullDevice
    do {
      try process.run()
    } catch {
      return "Could not start \(command.arguments[0]): \(error.localizedDescription)"
    }
    let name = URL(fileURLWithPath: executable).lastPathComponent
    let peak = footage.peakOffsetS
    let which = footage.fromLibrary ? " the kept footage (the clip is gone)" : ""
    return command.seeks
      ? "Playing\(which) in \(name) from \(ReviewCard.clock(start)) (the peak is at \(ReviewCard.clock(peak)))."
      : "Opened\(which) with \(name); it starts at 0:00 — the peak is at \(ReviewCard.clock(peak))."
  }

  /// The full path of an executable: as given when it contains a slash, else searched on PATH.
  func find(_ name: String) -> String? {
    if name.contains("/") { return FileManager.default.isExecutableFile(atPath: name) ? name : nil }
    for directory in (environment["PATH"] ?? "/usr/local/bin:/usr/bin:/bin").split(separator: ":") {
      let candidate = "\(directory)/\(name)"
      if FileManager.default.isExecutableFile(atPath: candidate) { return candidate }
    }
    return nil
  }
}
