import Entente
import EntenteStore
import EntenteTestSupport
import Foundation
import GRDB
import Testing

@Suite("Store")
struct StoreTests {
  /// Fixture articles cycled with new ids a0000… (sorted = input order).
  static let corpus: [Article] = {
    let base = ArticleLoader.load([Repository.path("Fixtures")]).articles
    return (0..<24).map { i in
      var a = base[i % base.count]
      a.id = String(format: "a%04d", i)
      a.date = String(format: "2024-06-%02d", 1 + i)
      return a
    }
  }()

  func storePath() throws -> String {
    let u = try Scratch.directory("store")
    return u.appendingPathComponent("graph.sqlite").path
  }

  @Test func addingBAfterAEqualsBuildingBoth() throws {
    let path = try storePath()
    let a = Array(StoreTests.corpus[0..<10]), b = Array(StoreTests.corpus[10...])
    let store = try GraphStore(path: path)
    store.flushEvery = 4  // several writes within each transaction
    #expect(try store.add(a, pipeline: Pipeline(), jobs: 2) == .init(added: 10, alreadyStored: 0))
    #expect(try store.graph() == Pipeline().graph(for: a))
    #expect(try store.add(b, pipeline: Pipeline(), jobs: 1) == .init(added: 14, alreadyStored: 0))
    let both = Pipeline().graph(for: a + b)
    #expect(try store.graph() == both)
    #expect(try GraphJSON.string(GraphStore.read(path: path)) == GraphJSON.string(both))
    // Re-adding A (and B) changes nothing.
    #expect(try store.add(a + b, pipeline: Pipeline(), jobs: 2) == .init(added: 0, alreadyStored: 24))
    #expect(try store.graph() == both)
    #expect(try store.articleIDs().count == 24)
  }

  @Test func aFailedAddLeavesTheStoreAsItWas() throws {
    let path = try storePath()
    let store = try GraphStore(path: path)
    try store.add(Array(StoreTests.corpus[0..<6]), pipeline: Pipeline(), jobs: 2)
    let before = try store.graph()
    struct Stop: Error {}
    store.flushEvery = 2
    #expect(throws: Stop.self) {
      try store.add(Array(StoreTests.corpus[6...]), pipeline: Pipeline(), jobs: 2, beforeCommit: { throw Stop() })
    }
    #expect(try store.graph() == before)
    #expect(try GraphStore(path: path).articleIDs().count == 6)
  }

  @Test func theStoreKeepsItsEvidenceLimit() throws {
    let path = try storePath()
    var p = Pipeline()
    p.maxEvidence = 2
    _ = try GraphStore(path: path, maxEvidence: 2).add(StoreTests.corpus, pipeline: p, jobs: 2)
    let reopened = try GraphStore(path: path)
    #expect(reopened.maxEvidence == 2)
    let g = try reopened.graph()
    #expect(g.edges.values.allSatisfy { $0.evidence.count == min(2, $0.weight) })
    #expect(g == p.graph(for: StoreTests.corpus))
  }

  @Test func notAStoreIsOneLineError() throws {
    let path = try storePath()
    try Data("hello".utf8).write(to: URL(fileURLWithPath: path))
    #expect(throws: EntenteError.badData(file: path, reason: "not an Entente store (not an SQLite database)")) { try GraphStore(path: path) }
    #expect(throws: EntenteError.notFound(path: path + ".missing")) { try GraphStore.read(path: path + ".missing") }
  }

  @Test func aSecondWriterIsToldTheStoreIsBusy() throws {
    let path = try storePath()
    try GraphStore(path: path).add(Array(StoreTests.corpus[0..<2]), pipeline: Pipeline(), jobs: 1)
    let busy = EntenteError.badData(file: path, reason: "store is busy: another process is writing it; try again when it has finished")
    // Another connection holds a write transaction open.
    var config = Configuration()
    config.allowsUnsafeTransactions = true  // the transaction stays open across accesses
    let other = try DatabaseQueue(path: path, configuration: config)
    try other.inDatabase { try $0.execute(sql: "BEGIN IMMEDIATE") }
    #expect(throws: busy) { try GraphStore(path: path).add(Array(StoreTests.corpus[2..<4]), pipeline: Pipeline(), jobs: 1) }
    // While it commits (an exclusive lock), the store cannot even be opened.
    try other.inDatabase { try $0.execute(sql: "COMMIT; BEGIN EXCLUSIVE") }
    #expect(throws: busy) { try GraphStore(path: path) }
    try other.inDatabase { try $0.execute(sql: "COMMIT") }
    // Once the other writer has finished, the same add goes through.
    #expect(try GraphStore(path: path).add(Array(StoreTests.corpus[2..<4]), pipeline: Pipeline(), jobs: 1) == .init(added: 2, alreadyStored: 0))
  }
}
