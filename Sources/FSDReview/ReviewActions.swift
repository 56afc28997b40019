/// The two review keys that reach outside the terminal: `v` plays the clip, `e` exports a
/// preview. Each returns the one-line message the screen shows afterwards.
public protocol ReviewActions {
  func play(_ details: EventDetails) -> String
  func exportPreview(_ details: EventDetails) -> String
}
