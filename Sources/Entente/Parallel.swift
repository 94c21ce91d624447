import Dispatch

/// Runs a function over a list on several threads, keeping the input order in the results.
///
/// Output depends only on the input, never on the number of threads: each result lands in
/// its input's slot, and callers merge the results in that order.
public enum Parallel {
  /// The number of cores, the default for `--jobs`.
  public static var defaultJobs: Int { max(1, ProcessInfo_activeProcessorCount()) }

  public static func map<T: Sendable, R: Sendable>(_ items: [T], jobs: Int, _ transform: @Sendable (T) -> R) -> [R] {
    guard jobs > 1, items.count > 1 else { return items.map(transform) }
    var results = [R?](repeating: nil, count: items.count)
    results.withUnsafeMutableBufferPointer { buffer in
      nonisolated(unsafe) let out = buffer
      let workers = min(jobs, items.count)
      DispatchQueue.concurrentPerform(iterations: workers) { w in
        var i = w
        while i < items.count {
          out[i] = transform(items[i])
          i += workers
        }
      }
    }
    return results.map { $0! }
  }
}

#if canImport(Glibc)
import Glibc
func ProcessInfo_activeProcessorCount() -> Int { Int(sysconf(Int32(_SC_NPROCESSORS_ONLN))) }
#else
import Foundation
func ProcessInfo_activeProcessorCount() -> Int { ProcessInfo.processInfo.activeProcessorCount }
#endif
