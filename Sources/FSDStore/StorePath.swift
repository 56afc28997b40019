import Foundation

/// Where the database lives when the user does not say: `--db`, then `FSDLOG_DB`, then
/// `$XDG_DATA_HOME/fsdlog/fsdlog.sqlite`, then `~/.local/share/fsdlog/fsdlog.sqlite`.
public enum StorePath {
  public static func resolve(explicit: String?, environment: [String: String] = ProcessInfo.processInfo.environment) -> String {
    if let explicit, !explicit.isEmpty { return explicit }
    if let fromEnvironment = environment["FSDLOG_DB"], !fromEnvironment.isEmpty { return fromEnvironment }
    let dataHome: String
    // The XDG spec: a relative XDG_DATA_HOME is invalid and must be ignored.
    if let xdg = environment["XDG_DATA_HOME"], xdg.hasPrefix("/") {
      dataHome = xdg
    } else {
      let home = environment["HOME"] ?? NSHomeDirectory()
      dataHome = (home as NSString).appendingPathComponent(".local/share")
    }
    return (dataHome as NSString).appendingPathComponent("fsdlog/fsdlog.sqlite")
  }
}
