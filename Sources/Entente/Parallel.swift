/// How many threads the pipeline uses by default.
public enum Parallel {
  /// The number of cores, the default for `--jobs`.
  public static var defaultJobs: Int { max(1, ProcessInfo_activeProcessorCount()) }
}

#if canImport(Glibc)
import Glibc
func ProcessInfo_activeProcessorCount() -> Int { Int(sysconf(Int32(_SC_NPROCESSORS_ONLN))) }
#else
import Foundation
func ProcessInfo_activeProcessorCount() -> Int { ProcessInfo.processInfo.activeProcessorCount }
#endif

#if canImport(Dispatch)
import Dispatch
#endif

extension Parallel {
  /// `here()` on this thread while `other()` runs on another one; both results. (The second
  /// core is free at the end of a build, when the workers are done.)
  static func both<A, B>(_ here: () -> A, _ other: @escaping @Sendable () -> B) -> (A, B) {
    let result = Box<B>()
    let group = DispatchGroup()
    DispatchQueue.global().async(group: group) { result.value = other() }
    let a = here()
    group.wait()
    return (a, result.value!)
  }

  /// What the other thread hands back (read only after waiting for it).
  private final class Box<T>: @unchecked Sendable {
    var value: T?
  }
}

/// A value handed to another thread whole: once taken there, nothing else holds it, so arrays
/// in it change in place instead of being copied first.
final class Handover<T>: @unchecked Sendable {
  private var value: T?

  init(_ value: consuming T) {
    self.value = value
  }

  /// The value, taken out (call once, on the thread it was handed to).
  func take() -> T {
    value.take()!
  }
}
