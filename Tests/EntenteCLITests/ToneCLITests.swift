import EntenteTestSupport
import Foundation
import Testing

@Suite("Tone: CLI and the fixture annotation")
struct ToneCLITests {
  @Test func edgesFilterByToneWithATONEColumn() throws {
    let r = try Run(["edges", "Fixtures", "--tone", "conflictual", "--quiet"])
    #expect(r.status == 0)
    let lines = r.stdout.split(separator: "\n")
    #expect(lines.first?.contains("TONE") == true)
    #expect(lines.count > 3)
    // Every edge listed is on balance conflictual: its TONE is negative.
    let header = String(lines[0])
    let at = header.distance(from: header.startIndex, to: header.range(of: "TONE")!.lowerBound)
    for line in lines.dropFirst() {
      #expect(String(line).dropFirst(at).hasPrefix("-"), "\(line)")
    }
    #expect(r.stdout.contains("Russia") && r.stdout.contains("United States"))
    let bad = try Run(["edges", "Fixtures", "--tone", "hostile"])
    #expect(bad.status == 64)
  }

  @Test func explainShowsTheCueWords() throws {
    let r = try Run(["explain", "united states", "russia", "Fixtures", "--kind", "cooccurrence", "--article", "sanctions-and-the-kremlin", "--quiet"])
    #expect(r.status == 0)
    #expect(r.stdout.contains("co-occurrence, weight 1, conflictual (tone -1)"))
    #expect(r.stdout.contains("tone: conflictual (accused)"))
  }

  /// scripts/tone: every annotated item is found among the evidence, and the scorer beats
  /// calling everything neutral (the most common gold tone).
  @Test(.enabled(if: FileManager.default.isExecutableFile(atPath: "/usr/bin/python3"))) func annotationAccuracy() throws {
    let p = Process()
    p.executableURL = URL(fileURLWithPath: "/bin/bash")
    p.arguments = [Repository.path("scripts/tone"), Run.executable.path]
    let out = Pipe()
    p.standardOutput = out
    try p.run()
    let data = out.fileHandleForReading.readDataToEndOfFile()
    p.waitUntilExit()
    let text = String(decoding: data, as: UTF8.self)
    print(text)
    #expect(p.terminationStatus == 0)
    #expect(text.contains("unmatched: 0"))
    let accuracy = text.split(separator: "\n").first { $0.hasPrefix("tone accuracy: ") }.flatMap { Double($0.split(separator: " ")[2]) }
    let annotations = try JSONSerialization.jsonObject(with: Data(contentsOf: URL(fileURLWithPath: Repository.path("Fixtures/tone/fixtures.json")))) as? [String: Any]
    let tones = (annotations?["items"] as? [[String: Any]] ?? []).compactMap { $0["tone"] as? Int }
    let neutral = Double(tones.filter { $0 == 0 }.count) / Double(max(tones.count, 1))
    #expect(try #require(accuracy) > neutral)
  }
}
