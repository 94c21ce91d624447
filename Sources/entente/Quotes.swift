import ArgumentParser
import Entente
import Foundation

struct Quotes: ParsableCommand {
  static let configuration = CommandConfiguration(
    abstract: "List the quotes of some articles: speaker, cue, words, and the entities they name.",
    discussion: """
      Direct quotes and reported speech, with the speaker each is attributed to (a name, or a \
      pronoun or title resolved to one); unattributed quotes show "-". Given a graph.json or \
      a store, lists the quotes behind its quotation edges (those an edge keeps as evidence).

      Examples:
        entente quotes Fixtures --speaker stoltenberg
        entente quotes Fixtures --about "north korea" --format csv
      """)

  enum Format: String, ExpressibleByArgument, CaseIterable { case table, json, csv }

  @OptionGroup var input: InputOptions

  @Option(name: .long, help: "Only quotes by this speaker (name or alias, case-insensitive).")
  var speaker: String?

  @Option(name: .long, help: "Only quotes that name this entity (name or alias, case-insensitive).")
  var about: String?

  @Option(name: .long, help: "Output format: table, json or csv.")
  var format: Format = .table

  func run() throws {
    var status = RunStatus()
    try reporting {
      var records: [QuoteRecord] = []
      if let path = input.graphInput {
        // A graph.json or a store: the quotes behind its quotation edges.
        let graph = try InputOptions.readGraph(path)
        let speakers = speaker.map { Set(graph.nodes(matching: $0).map(\.name)) }
        let subjects = about.map { Set(graph.nodes(matching: $0).map(\.name)) }
        records = graph.quoteRecords().filter { r in
          (speakers.map { r.speaker.map($0.contains) ?? false } ?? true) && (subjects.map { s in r.names.contains(where: s.contains) } ?? true)
        }
      } else {
        let pipeline = try input.pipeline()
        try pipeline.forEachAnalysis(of: input.articles(&status), jobs: input.threads, { $0 }) { a in
          for (q, r) in zip(a.quotes, a.quoteRecords) {
            if let s = speaker {
              // A coordinated speaker ("Moscow and Pyongyang") speaks for each of its entities.
              guard ([q.speakerEntity].compactMap { $0 } + q.otherSpeakers).contains(where: { a.entity($0, matches: s) }) else { continue }
            }
            if let t = about {
              let named = a.recognition.mentions.contains { m in
                m.kind != .pronoun && q.says(m.span) && a.entity(m.entity, matches: t)
              }
              guard named else { continue }
            }
            records.append(r)
          }
        }
      }
      switch format {
      case .table:
        func clip(_ s: String, _ n: Int) -> String {
          let flat = s.replacingOccurrences(of: "\n", with: " ")
          return flat.count > n ? String(flat.prefix(n - 3)) + "..." : flat
        }
        let rows = records.map { r in
          [r.article, r.speakers ?? "-", r.cue ?? "-", clip(r.text, 60), r.names.joined(separator: "; ")]
        }
        writeStdout(TextTable.render(header: ["ARTICLE", "SPEAKER", "CUE", "QUOTE", "NAMES"], rows: rows))
      case .csv:
        var out = CSV.row(["article", "sentence", "speaker", "speaker_text", "cue", "direct", "quote", "names", "other_speakers"])
        for r in records {
          out += CSV.row([
            r.article, String(r.sentence), r.speaker ?? "", r.speakerText ?? "", r.cue ?? "", r.direct.map { String($0) } ?? "", r.text,
            r.names.joined(separator: "; "), r.otherSpeakers.joined(separator: "; "),
          ])
        }
        writeStdout(out)
      case .json:
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        writeStdout(String(decoding: try encoder.encode(records), as: UTF8.self) + "\n")
      }
    }
    try status.finish()
  }
}
