/// Values a command keeps until the process exits, never freed: releasing a large graph
/// node by node, edge by edge and string by string costs a noticeable part of a `build`,
/// while the system takes the whole memory back at exit at once. Only for what lives to the
/// end of a command anyway (the graph it wrote), on the main thread.
enum KeptUntilExit {
  nonisolated(unsafe) private static var values: [Any] = []

  static func keep(_ value: Any) {
    values.append(value)
  }
}
