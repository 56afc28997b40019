import Foundation

/// What a relative-time CSV says about when it starts, for ingest to place it on a clip's clock:
/// the car-local time in its file name and, for Tesla's SEI export, the first frame number.
public struct CSVStartHint: Sendable, Equatable {
  /// The file name's `YYYY-MM-DD_HH-MM-SS` stamp (TeslaCam and Track Mode names; openpilot's
  /// `YYYY-MM-DD--HH-MM-SS` too), as the car wrote it: local time with no zone.
  public var localStart: DateComponents?
  /// Tesla SEI export: `frame_seq_no` of the first sample kept, which is time 0 of the series;
  /// a sample at `timeS` is frame `firstFrameSeqNo + timeS × 36`.
  public var firstFrameSeqNo: UInt64?

  public init(localStart: DateComponents? = nil, firstFrameSeqNo: UInt64? = nil) {
    self.localStart = localStart
    self.firstFrameSeqNo = firstFrameSeqNo
  }

  /// What the file name alone says (the first frame number needs the rows): enough for
  /// `startDate(in:)`, so a reader can be told which times to keep before it reads.
  public init(fileName path: String) {
    self.init(localStart: Self.localStart(fileName: path))
  }

  /// `localStart` in `zone` (the car's zone: file names carry none), or nil without a stamp.
  public func startDate(in zone: TimeZone) -> Date? {
    guard let localStart, let year = localStart.year, let month = localStart.month, let day = localStart.day,
      let days = CSVTimestamp.daysFromCivil(year: year, month: month, day: day)
    else { return nil }
    let localS = Double(
      days * 86_400 + (localStart.hour ?? 0) * 3600 + (localStart.minute ?? 0) * 60
        + (localStart.second ?? 0))
    return Date(timeIntervalSince1970: CSVZone.region(zone).utcSeconds(fromLocal: localS))
  }

  /// The stamp in the last path component, if any.
  static func localStart(fileName path: String) -> DateComponents? {
    let bytes = Array(path.utf8)
    let name = bytes[((bytes.lastIndex(of: UInt8(ascii: "/")) ?? -1) + 1)...]
    // YYYY-MM-DD, then `_` or `--`, then HH-MM-SS: 19 or 20 bytes.
    for start in name.indices {
      for gap in [1, 2] where start + 18 + gap <= name.endIndex {
        let pattern = "dddd-dd-dd" + String(repeating: gap == 1 ? "_" : "-", count: gap) + "dd-dd-dd"
        let window = name[start..<(start + 18 + gap)]
        guard zip(pattern.utf8, window).allSatisfy({ $0 == UInt8(ascii: "d") ? (0x30...0x39).contains($1) : $0 == $1 })
        else { continue }
        func value(_ offset: Int, _ length: Int) -> Int {
          window.dropFirst(offset).prefix(length).reduce(0) { $0 * 10 + Int($1 - 0x30) }
        }
        let timeOffset = 10 + gap
        let components = DateComponents(
          year: value(0, 4), month: value(5, 2), day: value(8, 2),
          hour: value(timeOffset, 2), minute: value(timeOffset + 3, 2),
          second: value(timeOffset + 6, 2))
        guard CSVTimestamp.daysFromCivil(year: components.year!, month: components.month!, day: components.day!) != nil,
          components.hour! < 24, components.minute! < 60, components.second! < 61
        else { continue }
        return components
      }
    }
    return nil
  }
}
