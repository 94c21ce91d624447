import Foundation
import Synchronization

/// Renders with a deadline: Graphviz lays the graph out on a thread of its own while the
/// caller waits at most `seconds`.
///
/// Graphviz cannot be stopped safely mid-layout (it has no cancellation, and killing a thread
/// would leave its global state and the renderer's lock behind). So past the deadline the
/// layout is abandoned, not stopped: it runs on to its end on its thread, holding
/// ``GraphvizRenderer/shared`` meanwhile, and its result is dropped. The caller's fallback
/// must therefore not use Graphviz (the next render would wait for the abandoned one); a
/// process that exits ends the thread with it.
///
///     switch try TimedRender.render(dot: dot, options: RenderOptions(), seconds: 30) {
///     case .rendered(let svg): …
///     case .timedOut: …  // draw without Graphviz
///     }
public enum TimedRender {
  public enum Outcome: Sendable {
    case rendered(Data)
    /// The deadline passed before Graphviz was done.
    case timedOut
  }

  private final class Slot: Sendable {
    let value = Mutex<(Result<Data, Error>, [String])?>(nil)
    let done = DispatchSemaphore(value: 0)
  }

  /// Renders `dot`, waiting at most `seconds`; `waiting` is called with the seconds spent
  /// about five times a second meanwhile (for a progress line). Graphviz's warnings go to
  /// `warning` once it is done; its errors are thrown.
  public static func render(
    dot: Data, options: RenderOptions, seconds: Double, waiting: (Double) -> Void = { _ in },
    warning: (String) -> Void = { _ in }
  ) throws -> Outcome {
    let slot = Slot()
    let thread = Thread {
      var warnings: [String] = []
      let result = Result { try GraphvizRenderer.shared.render(dot: dot, options: options, warning: { warnings.append($0) }) }
      slot.value.withLock { $0 = (result, warnings) }
      slot.done.signal()
    }
    // Graphviz recurses deeply on some graphs: a stack as large as the main thread's.
    thread.stackSize = 64 << 20
    let start = DispatchTime.now()
    thread.start()
    while true {
      let spent = Double(DispatchTime.now().uptimeNanoseconds - start.uptimeNanoseconds) / 1e9
      let left = seconds - spent
      if left <= 0 { return .timedOut }
      if slot.done.wait(timeout: .now() + min(0.2, left)) == .success { break }
      waiting(Double(DispatchTime.now().uptimeNanoseconds - start.uptimeNanoseconds) / 1e9)
    }
    let (result, warnings) = slot.value.withLock { $0! }
    warnings.forEach(warning)
    return .rendered(try result.get())
  }
}
