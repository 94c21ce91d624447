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
    defer { for job in inFlight { _ = job.wait() } }
    let first = nextBatch()
    guard !first.isEmpty else { return }
    inFlight.append(BatchJob(first, jobs: jobs, chunkSize: chunkSize, permits: permits, transform: transform))
    while !inFlight.isEmpty {
      let next = nextBatch()  // read while the workers analyse
      if !next.isEmpty { inFlight.append(BatchJob(next, jobs: jobs, chunkSize: chunkSize, permits: permits, transform: transform)) }
      let results = inFlight.removeFirst().wait()
      for r in results { try body(r) }  // merge while the workers analyse the next batch
    }
  }
}

/// One batch in flight: its chunks, transformed on `jobs` worker threads.
final class BatchJob<R: Sendable>: @unchecked Sendable {
  private let group = DispatchGroup()
  private var results: [R?]

  init(
    _ batch: [Article], jobs: Int, chunkSize: Int, permits: DispatchSemaphore,
    transform: @escaping @Sendable (ArraySlice<Article>) -> R
  ) {
    let size = max(1, chunkSize)
    let chunks = stride(from: 0, to: batch.count, by: size).map { batch[$0..<min(batch.count, $0 + size)] }
    results = [R?](repeating: nil, count: chunks.count)
    let workers = max(1, min(jobs, chunks.count))
    group.enter()
    DispatchQueue.global().async { [self] in
      // Workers take the next chunk as they finish one, so none idles while chunks are left.
      let next = Atomic<Int>(0)
      results.withUnsafeMutableBufferPointer { buffer in
        nonisolated(unsafe) let out = buffer
        DispatchQueue.concurrentPerform(iterations: workers) { _ in
          while true {
            permits.wait()
            let i = next.wrappingAdd(1, ordering: .relaxed).oldValue
            guard i < chunks.count else { permits.signal(); break }
            out[i] = transform(chunks[i])
            permits.signal()
          }
        }
      }
      group.leave()
    }
  }

  /// Waits for the workers; the results in input order.
  func wait() -> [R] {
    group.wait()
    return results.map { $0! }
  }
}
