import Dispatch
import Synchronization

/// Runs a corpus through a function a batch at a time, on worker threads, while the calling
/// thread reads the next batch and consumes the results of the last one.
///
/// The input sequence is only ever iterated on the calling thread (a reader need not be
/// thread-safe), at most three batches are in memory at once, and results reach `body` in
/// input order. A batch is cut into small chunks of consecutive articles that the workers
/// take in turn; the chunks do not depend on the number of threads, so neither does the
/// output.
public enum Streaming {
  /// Articles read ahead at a time.
  public static let batchSize = 256
  /// Consecutive articles a worker handles in one go (and merges into one result).
  public static let chunkSize = 64

  public static func run<S: Sequence<Article>, R: Sendable>(
    _ articles: S, jobs: Int, batchSize: Int = Streaming.batchSize, chunkSize: Int = Streaming.chunkSize,
    transform: @escaping @Sendable (ArraySlice<Article>) -> R, body: (R) throws -> Void
  ) rethrows {
    var iterator = articles.makeIterator()
    func nextBatch() -> [Article] {
      var batch: [Article] = []
      batch.reserveCapacity(batchSize)
      while batch.count < batchSize, let a = iterator.next() { batch.append(a) }
      return batch
    }
    // Two batches in flight: the workers start on the next batch before the last chunks of
    // the one before are done, so no core waits at a batch boundary. A chunk runs only with
    // one of `jobs` permits, however many batches are in flight.
    let permits = DispatchSemaphore(value: max(1, jobs))
    var inFlight: [BatchJob<R>] = []
    // Whatever happens in `body`, no worker outlives the call.
    defer { for job in inFlight { job.wait() } }
    let first = nextBatch()
    guard !first.isEmpty else { return }
    inFlight.append(BatchJob(first, jobs: jobs, chunkSize: chunkSize, permits: permits, transform: transform))
    while !inFlight.isEmpty {
      let next = nextBatch()  // read while the workers analyse
      if !next.isEmpty { inFlight.append(BatchJob(next, jobs: jobs, chunkSize: chunkSize, permits: permits, transform: transform)) }
      // Each chunk's result as soon as it is done, in order: merged while the workers go on
      // with the batch's other chunks and the next batch (so at the end of the input, only
      // the last chunk waits for this thread).
      let job = inFlight[0]
      for i in 0..<job.count { try body(job.result(i)) }
      inFlight.removeFirst().wait()
    }
  }
}

/// One batch in flight: its chunks, transformed on `jobs` worker threads.
final class BatchJob<R: Sendable>: @unchecked Sendable {
  private let group = DispatchGroup()
  /// Each chunk's result, written by the worker that transformed it, then read once its
  /// semaphore is signalled (memory of their own: no array is accessed from two threads).
  private let results: UnsafeMutableBufferPointer<R?>
  private let done: [DispatchSemaphore]
  /// The number of chunks.
  let count: Int

  init(
    _ batch: [Article], jobs: Int, chunkSize: Int, permits: DispatchSemaphore,
    transform: @escaping @Sendable (ArraySlice<Article>) -> R
  ) {
    let size = max(1, chunkSize)
    let chunks = stride(from: 0, to: batch.count, by: size).map { batch[$0..<min(batch.count, $0 + size)] }
    count = chunks.count
    results = .allocate(capacity: chunks.count)
    results.initialize(repeating: nil)
    done = chunks.map { _ in DispatchSemaphore(value: 0) }
    let workers = max(1, min(jobs, chunks.count))
    group.enter()
    DispatchQueue.global().async { [self] in
      // Workers take the next chunk as they finish one, so none idles while chunks are left.
      let next = Atomic<Int>(0)
      DispatchQueue.concurrentPerform(iterations: workers) { _ in
        while true {
          permits.wait()
          let i = next.wrappingAdd(1, ordering: .relaxed).oldValue
          guard i < chunks.count else { permits.signal(); break }
          results[i] = transform(chunks[i])
          done[i].signal()
          permits.signal()
        }
      }
      group.leave()
    }
  }

  deinit {
    results.deinitialize()
    results.deallocate()
  }

  /// The result of chunk `i`, once a worker has made it.
  func result(_ i: Int) -> R {
    done[i].wait()
    done[i].signal()  // for another wait on the same chunk
    return results[i]!
  }

  /// Waits for the workers.
  func wait() {
    group.wait()
  }
}
