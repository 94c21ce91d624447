import Foundation

#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

/// Scratch directories for tests: each one under a folder of its own test process, which is
/// removed when the process exits, so a test run leaves nothing behind in the temp folder.
public enum Scratch {
  /// `<temp>/entente-tests-<pid>`, registered once for removal at exit.
  static let root: URL = {
    let u = FileManager.default.temporaryDirectory.appendingPathComponent("entente-tests-\(getpid())")
    try? FileManager.default.createDirectory(at: u, withIntermediateDirectories: true)
    atexit { try? FileManager.default.removeItem(at: Scratch.root) }
    return u
  }()

  /// A new empty directory named `<prefix>-<uuid>` under the process's folder.
  public static func directory(_ prefix: String) throws -> URL {
    let u = root.appendingPathComponent("\(prefix)-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: u, withIntermediateDirectories: true)
    return u
  }
}
