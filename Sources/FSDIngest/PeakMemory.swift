import Foundation

/// The process's peak resident memory so far, in MB.
///
/// On Linux this is VmHWM from /proc/self/status: the high-water mark of this program's own
/// address space. getrusage's ru_maxrss is not usable here: Linux carries it across fork and
/// exec, so fsdlog started by a large parent (a test runner, an IDE) reported the parent's peak.
public enum PeakMemory {
  public static func megabytes() -> Double {
    #if os(Linux)
    if let status = try? String(contentsOfFile: "/proc/self/status", encoding: .utf8),
       let line = status.split(separator: "\n").first(where: { $0.hasPrefix("VmHWM:") }),
       let kilobytes = Double(line.split(separator: " ").dropFirst().first ?? "") {
      return kilobytes / 1024
    }
    var usage = rusage()
    guard getrusage(RUSAGE_SELF.rawValue, &usage) == 0 else { return 0 }
    return Double(usage.ru_maxrss) / 1024
    #else
    var usage = rusage()
    guard getrusage(RUSAGE_SELF, &usage) == 0 else { return 0 }
    return Double(usage.ru_maxrss) / 1024 / 1024
    #endif
  }
}
