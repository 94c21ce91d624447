import Foundation
import Synchronization

#if canImport(Glibc)
import Glibc
#endif

extension AtomicFile {
  /// Writes a file atomically a piece at a time: `body` writes to a temporary file in the
  /// same folder, which is then renamed over `path`. If `body` throws, the temporary file is
  /// removed and `path` is left as it was.
  public static func write(to path: String, _ body: (FileHandle) throws -> Void) throws {
    // A set of one file.
    let file = OutputSet()
    try file.write(to: path, body)
    try file.commit()
  }
}

/// Files one run writes together, replacing the previous run's together or not at all.
///
/// Each file is first written to a temporary file beside it (``write(to:_:)``); only when every
/// one is written does ``commit()`` rename them all into place. A run that fails before then
/// leaves the old files as they were and removes its temporary files (as does a run
/// interrupted by SIGINT, SIGTERM or SIGHUP, once ``removeOnSignals()`` is set up: a signal
/// that comes during a commit waits for it, so it never lands between two renames).
///
///     let out = OutputSet()
///     try out.write(data, to: "g.dot")
///     try out.write(to: "g.json") { handle in … }
///     try out.commit()
public final class OutputSet: @unchecked Sendable {
  private var staged: [(tmp: String, path: String, slot: Int)] = []
  /// Files of an earlier run that this one does not replace and that would no longer match.
  private var removals: [String] = []

  public init() {}

  deinit { discard() }

  /// Writes a file's future contents to its temporary file.
  public func write(to path: String, _ body: (FileHandle) throws -> Void) throws {
    let url = URL(fileURLWithPath: path)
    let dir = url.deletingLastPathComponent()
    let tmp = dir.appendingPathComponent(".\(url.lastPathComponent).\(ProcessInfo.processInfo.processIdentifier).tmp").path
    do {
      try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
      // Made and tracked at once: a signal never finds the file made but not yet tracked.
      var fd: Int32 = -1
      var error: Int32 = 0
      SignalCleanup.critical {
        fd = open(tmp, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0o666)
        if fd >= 0 { staged.append((tmp, path, SignalCleanup.trackInside(tmp))) } else { error = errno }
      }
      guard fd >= 0 else { throw EntenteError.writeFailed(file: path, reason: String(cString: strerror(error))) }
      let handle = FileHandle(fileDescriptor: fd, closeOnDealloc: true)
      do {
        try body(handle)
        try handle.close()
      } catch {
        try? handle.close()
        throw error
      }
    } catch let e as EntenteError {
      discard()
      throw e
    } catch {
      discard()
      throw EntenteError.writeFailed(file: path, reason: (error as NSError).localizedDescription)
    }
  }

  public func write(_ data: Data, to path: String) throws {
    try write(to: path) { try $0.write(contentsOf: data) }
  }

  public func write(_ string: String, to path: String) throws {
    try write(Data(string.utf8), to: path)
  }

  /// Removes an earlier run's file on commit (one this run does not write, which would no
  /// longer match the others).
  public func remove(_ path: String) {
    removals.append(path)
  }

  /// Renames every file into place, in the order written, and removes what ``remove(_:)``
  /// named.
  ///
  /// A file replaced keeps a second name until every rename is done (``retired(_:)``): the
  /// old files are then released on threads of their own, side by side, since freeing a large
  /// file's blocks may wait on the disk. The renames replace the files as before.
  public func commit() throws {
    var failure: EntenteError? = nil
    var retired: [(path: String, slot: Int)] = []
    SignalCleanup.critical {
      for (tmp, path, _) in staged where failure == nil {
        let old = OutputSet.retired(path)
        if link(path, old) == 0 { retired.append((old, SignalCleanup.trackInside(old))) }
        if rename(tmp, path) != 0 { failure = .writeFailed(file: path, reason: String(cString: strerror(errno))) }
      }
      for (tmp, _, slot) in staged {
        if failure != nil { unlink(tmp) }
        SignalCleanup.untrack(slot)
      }
      if failure == nil { for path in removals { unlink(path) } }
    }
    staged = []
    removals = []
    if !retired.isEmpty {
      let paths = retired.map(\.path)
      DispatchQueue.concurrentPerform(iterations: paths.count) { unlink(paths[$0]) }
      SignalCleanup.critical { for r in retired { SignalCleanup.untrack(r.slot) } }
    }
    if let failure { throw failure }
  }

  /// The second name a file being replaced keeps until the commit is done.
  static func retired(_ path: String) -> String {
    let url = URL(fileURLWithPath: path)
    return url.deletingLastPathComponent().appendingPathComponent(".\(url.lastPathComponent).\(ProcessInfo.processInfo.processIdentifier).old").path
  }

  /// Removes the temporary files written so far; the old files stay as they were.
  public func discard() {
    guard !staged.isEmpty else { return }
    SignalCleanup.critical {
      for (tmp, _, slot) in staged {
        unlink(tmp)
        SignalCleanup.untrack(slot)
      }
    }
    staged = []
  }

  /// From now on, SIGINT, SIGTERM and SIGHUP remove every uncommitted temporary file and end
  /// the process as the signal would have. Call it at start, before other threads exist (the
  /// signals are unblocked on the calling thread, which the threads it starts inherit).
  public static func removeOnSignals() {
    SignalCleanup.install()
  }
}

/// The temporary files a signal removes, kept where a signal handler may read them: C
/// strings in fixed slots, changed only inside ``critical(_:)``. A signal that arrives during
/// a critical section is held until its end.
private enum SignalCleanup {
  static let capacity = 64
  nonisolated(unsafe) static let slots: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?> = {
    let p = UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>.allocate(capacity: capacity)
    p.initialize(repeating: nil, count: capacity)
    return p
  }()
  /// 0: idle; 1: a critical section runs; 2: a signal is ending the process.
  static let state = Atomic<Int>(0)
  /// A signal that arrived during a critical section.
  static let held = Atomic<Int32>(0)
  static let installed = Atomic<Bool>(false)

  static func install() {
    guard installed.compareExchange(expected: false, desired: true, ordering: .sequentiallyConsistent).exchanged else { return }
    _ = slots
    var unblock = sigset_t()
    sigemptyset(&unblock)
    for sig in [SIGINT, SIGTERM, SIGHUP] {
      // A signal the parent left ignored (nohup's SIGHUP) stays ignored; one it left blocked
      // (some process launchers do) is let through, so that the run can be stopped.
      let previous = signal(sig, onSignal)
      if unsafeBitCast(previous, to: Int.self) == unsafeBitCast(SIG_IGN, to: Int.self) { signal(sig, SIG_IGN) }
      sigaddset(&unblock, sig)
    }
    pthread_sigmask(SIG_UNBLOCK, &unblock, nil)
  }

  /// Runs `body` with signals held; a signal that came meanwhile ends the process after it.
  static func critical(_ body: () -> Void) {
    while !state.compareExchange(expected: 0, desired: 1, ordering: .sequentiallyConsistent).exchanged {
      // A signal handler is ending the process.
      pause()
    }
    body()
    state.store(0, ordering: .sequentiallyConsistent)
    let sig = held.exchange(0, ordering: .sequentiallyConsistent)
    if sig != 0 { onSignal(sig) }
  }

  /// A slot holding a copy of `path` (-1 when all are taken: that file is then only removed
  /// by a failed run, not by a signal). Must be called inside ``critical(_:)``.
  static func trackInside(_ path: String) -> Int {
    guard let free = (0..<capacity).first(where: { slots[$0] == nil }) else { return -1 }
    slots[free] = strdup(path)
    return free
  }

  /// Must be called inside ``critical(_:)``.
  static func untrack(_ slot: Int) {
    guard slot >= 0 else { return }
    free(slots[slot])
    slots[slot] = nil
  }

  static let onSignal: @convention(c) (Int32) -> Void = { sig in
    guard SignalCleanup.state.compareExchange(expected: 0, desired: 2, ordering: .sequentiallyConsistent).exchanged else {
      SignalCleanup.held.store(sig, ordering: .sequentiallyConsistent)
      return
    }
    for i in 0..<SignalCleanup.capacity {
      if let p = SignalCleanup.slots[i] { unlink(p) }
    }
    signal(sig, SIG_DFL)
    raise(sig)
  }
}
