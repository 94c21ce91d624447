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
      var out = ""
      for a in articles {
        out += try ExtractJSON.line(pipeline.analyze(a))
        out += "\n"
        if out.utf8.count > 1 << 16 { writeStdout(out); out = "" }
      }
      writeStdout(out)
    }
    try status.finish()
  }
}
