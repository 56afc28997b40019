import ArgumentParser
import FSDDomain

// The domain's values as command-line arguments: their raw values, as the outputs spell them;
// an unknown one is refused by the parser with the list of valid ones.
extension EventKind: ExpressibleByArgument {}
extension Initiator: ExpressibleByArgument {}
extension Verdict: ExpressibleByArgument {}

extension VerdictFilter: ExpressibleByArgument {
  public init?(argument: String) { self.init(rawValue: argument) }
  public static var allValueStrings: [String] { allCases.map(\.rawValue) }
}

extension CaseIterable where Self: RawRepresentable, RawValue == String {
  /// "brake, swerve, disengagement or override", for help texts.
  static var choices: String {
    let names = allCases.map(\.rawValue)
    return names.dropLast().joined(separator: ", ") + " or " + (names.last ?? "")
  }
}
