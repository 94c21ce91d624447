import ArgumentParser
import Entente
import Foundation

struct Extract: ParsableCommand {
  static let configuration = CommandConfiguration(
    abstract: "Print each article's entities, mentions and quotes (or its graph) as JSON Lines.",
    discussion: """
      One JSON object per article: its id, title and date, its entities (name, type, \
      mention spans with their kind: name, demonym, metonym, pronoun or role) and its \
      quotes (speaker span, speaker entity, content span, cue, direct or not). Offsets count \
      Unicode scalars from the start of the file, end-exclusive.

      With --format edges, each line is instead the article's graph: its nodes and its \
      edges with their evidence. That is the map stage of a distributed build; \
      `entente merge` is the reduce. Then - (stdin) is read as JSON Lines only \
      (--stdin-format text for one plain-text article), Hadoop Streaming's key<TAB>value \
      lines included; a bad line is reported with its number and skipped (exit code 1, or 0 \
      with --tolerate-bad-lines); and --jobs is 1 unless given, one thread per map task.

      Examples:
        entente extract Fixtures --format jsonl
        zcat corpus.jsonl.gz | entente extract - --format edges > part.edges.jsonl
      """)

  enum Format: String, ExpressibleByArgument, CaseIterable { case jsonl, edges }

  @OptionGroup var input: InputOptions

  @Option(name: .long, help: "Output format: jsonl (entities and quotes) or edges (each article's nodes and edges).")
  var format: Format = .jsonl

  func run() throws {
    var status = RunStatus()
    try reporting {
      let pipeline = try input.pipeline()
      let progress = ProgressLine(quiet: input.quiet)
      defer { progress.clear() }
      // The map stage reads JSON Lines from a pipe: a bad first line is reported, not taken
      // for the text of one article.
      let reader = input.reader(progress, stdinFormat: format == .edges ? .jsonl : .auto)
      let format = self.format
      // Analyse and encode on the worker threads; print in input order, a batch at a time.
      var out = ""
      var done = 0
      pipeline.forEachAnalysis(of: reader, jobs: input.threads, { a in
        switch format {
        case .jsonl: return ExtractJSON.line(a)
        case .edges: return EdgesJSON.line(pipeline.graph(for: a))
        }
      }) { line in
        out += line
        out += "\n"
        done += 1
        if out.utf8.count >= 1 << 20 {
          progress.clear()
          writeStdout(out)
          out = ""
        }
        progress.update(articles: done)
      }
      progress.clear()
      writeStdout(out)
      // An empty stdin is an empty partition of a larger job (Spark's RDD.pipe, Hadoop
      // Streaming), not a failure: nothing in, nothing out.
      try input.finish(reader, &status, allowEmpty: input.inputs == ["-"])
    }
    try status.finish()
  }
}
