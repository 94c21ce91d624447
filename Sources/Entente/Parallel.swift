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
