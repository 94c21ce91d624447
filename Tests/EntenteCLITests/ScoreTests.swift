import EntenteTestSupport
import Foundation
import Testing

/// The shared scorer, on the seed and development sets, where `../shared` is present.
@Suite("Scores", .enabled(if: Repository.shared != nil && FileManager.default.isExecutableFile(atPath: "/usr/bin/python3")))
struct ScoreTests {
  func score(_ set: String) throws -> [String: Double] {
    let shared = try #require(Repository.shared)
    let exe = Run.executable.path
    let p = Process()
    p.executableURL = URL(fileURLWithPath: "/usr/bin/python3")
    p.arguments = [shared.appendingPathComponent("eval/score.py").path, shared.appendingPathComponent("eval/\(set)").path, "--json", "--cmd", "'\(exe)' extract --format jsonl"]
    let out = Pipe()
    p.standardOutput = out
    try p.run()
    let data = out.fileHandleForReading.readDataToEndOfFile()
    p.waitUntilExit()
    let line = String(decoding: data, as: UTF8.self).split(separator: "\n").last.map(String.init) ?? "{}"
    let obj = try JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any] ?? [:]
    return obj.compactMapValues { ($0 as? NSNumber)?.doubleValue }
  }

  @Test func seedMeetsTheBar() throws {
    let m = try score("seed")
    #expect(m["mention_all_f1", default: 0] >= 0.97)
    #expect(m["entity_all_f1", default: 0] >= 0.95)
    #expect(m["quote_f1", default: 0] >= 0.80)
    #expect(m["speaker_acc", default: 0] >= 0.85)
  }
}
