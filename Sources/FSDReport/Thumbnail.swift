import Foundation

/// An event's picture for the report: PNG bytes and where they came from, or why there is none
/// (the report says so instead of failing).
public enum Thumbnail: Sendable, Equatable {
  case png(Data, source: String)
  case unavailable(reason: String)

  public static let none = Thumbnail.unavailable(reason: "no thumbnail requested")
}
