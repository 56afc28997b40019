import Foundation

/// The process's peak resident memory so far, from getrusage (Linux reports KiB).
public enum PeakMemory {
  public static func megabytes() -> Double {
    var usage = rusage()
    #if os(Linux)
    guard getrusage(RUSAGE_SELF.rawValue, &usage) == 0 else { return 0 }
    return Double(usage.ru_maxrss) / 1024
    #else
    guard getrusage(RUSAGE_SELF, &usage) == 0 else { return 0 }
    return Double(usage.ru_maxrss) / 1024 / 1024
    #endif
  }
}
