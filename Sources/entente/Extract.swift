import ArgumentParser
import Entente
import Foundation

struct Extract: ParsableCommand {
  static let configuration = CommandConfiguration(
    abstract: "Print each article's entities, mentions and quotes as JSON Lines.",
    discussion: """
      One JSON object per article: its id, title and date, its entities (name, type, \
      mention spans with their kind: name, demonym, metonym, pronoun or role) and its \
      quotes (speaker span, speaker entity, content span, cue, direct or not). Offsets count \
      Unicode scalars from the start of the file, end-exclusive.

      Example:
        entente extract Fixtures --format jsonl
      """)

  enum Format: String, ExpressibleByArgument, CaseIterable { case jsonl }

  @OptionGroup var input: InputOptions

  @Option(name: .long, help: "Output format: jsonl.")
  var format: Format = .jsonl

  func run() throws {
    var status = RunStatus()
    try reporting {
      let articles = try input.articles(&status)
      let pipeline = try input.pipeline()
      // Analyse and encode in parallel, a batch at a time; print in input order.
      for start in stride(from: 0, to: articles.count, by: 256) {
        let batch = Array(articles[start..<min(articles.count, start + 256)])
        let lines = Parallel.map(batch, jobs: input.jobs) { ExtractJSON.line(pipeline.analyze($0)) }
        writeStdout(lines.joined(separator: "\n") + "\n")
      }
    }
    try status.finish()
  }
}
