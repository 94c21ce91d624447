import ArgumentParser
import Entente
import Foundation

struct Tagger: ParsableCommand {
  static let configuration = CommandConfiguration(
    abstract: "Train and cross-validate the learned name tagger.",
    subcommands: [Train.self, CrossValidate.self])

  struct Options: ParsableArguments {
    @Argument(help: "Folders of annotated articles (*.json with text and entities), one set each.")
    var sets: [String] = []

    @Option(name: .long, help: "Training passes over the data.")
    var epochs: Int = 8

    @Option(name: .long, parsing: .upToNextOption, help: "Sets that count more than once in training (SET=TIMES, by folder name).")
    var weight: [String] = []

    @Option(name: .long, help: "Features whose weights all stay below this in magnitude are left out of the model.")
    var minWeight: Float?

    func trainer() throws -> TaggerTrainer {
      var t = TaggerTrainer(gazetteer: try Gazetteer.loadBundled())
      t.epochs = epochs
      if let m = minWeight { t.minWeight = m }
      for w in weight {
        let parts = w.split(separator: "=")
        guard parts.count == 2, let n = Int(parts[1]), n >= 1 else { throw ValidationError("--weight takes SET=TIMES, TIMES 1 or more: \(w)") }
        t.setWeights[String(parts[0])] = n
      }
      return t
    }

    func load(_ folders: [String]) throws -> [[AnnotatedArticle]] {
      try folders.map { try AnnotatedArticle.load(folder: $0) }
    }

    func validate() throws {
      if sets.isEmpty { throw ValidationError("Give at least one folder of annotated articles.") }
      if epochs < 1 { throw ValidationError("--epochs must be 1 or more.") }
    }
  }

  struct Train: ParsableCommand {
    static let configuration = CommandConfiguration(
      abstract: "Train the tagger's weights on annotated articles and write them to a file.",
      discussion: """
        The same articles give the same bytes. `scripts/train` trains the bundled weights.

        Example:
          entente tagger train ../eval/train/gum ../eval/train/wikigold -o tagger.bin
        """)

    @OptionGroup var options: Options
    @Option(name: .shortAndLong, help: "The weights file to write.")
    var output: String

    func run() throws {
      try reporting {
        let trainer = try options.trainer()
        let articles = try options.load(options.sets).flatMap { $0 }
        let model = trainer.train(articles) { FileHandle.standardError.write(Data("\($0)\n".utf8)) }
        try AtomicFile.write(model.serialized(), to: output)
        FileHandle.standardError.write(Data("\(articles.count) articles: \(model.featureCount) features -> \(output)\n".utf8))
      }
    }
  }

  struct CrossValidate: ParsableCommand {
    static let configuration = CommandConfiguration(
      commandName: "cv",
      abstract: "Cross-validate the tagger by document: mention F1 by set and type on held-out folds.",
      discussion: """
        Each set's articles are dealt into folds; each fold is scored by weights trained on the \
        other folds of every set (and on all of --extra).

        Example:
          entente tagger cv ../eval/train/gum ../eval/train/wikigold --folds 5
        """)

    @OptionGroup var options: Options
    @Option(name: .long, help: "Number of folds.")
    var folds: Int = 5
    @Option(name: .long, parsing: .upToNextOption, help: "Sets trained on in every fold, never scored.")
    var extra: [String] = []
    @Option(name: .long, help: "A folder to write each fold's weights (fold-K.bin) and held-out ids (fold-K.txt) to.")
    var saveFolds: String?
    @Flag(name: .long, help: "Score the rules alone on every article (no training).")
    var rulesOnly = false
    @Option(name: .long, parsing: .upToNextOption, help: "The least margin of a name the tagger adds (one table each).")
    var minMargin: [Float] = []
    @Option(name: .long, parsing: .upToNextOption, help: "The least margin by which the tagger drops a rule's name (one table each; none: never).")
    var reviseMargin: [String] = []

    func run() throws {
      try reporting {
        let trainer = try options.trainer()
        let sets = try options.load(options.sets)
        if rulesOnly {
          let r = TaggerEvaluation.evaluate(sets.flatMap { $0 }, recognizer: Recognizer(gazetteer: trainer.gazetteer, tagger: nil))
          writeStdout(TaggerEvaluation.table(r) + "\n")
          return
        }
        let extra = try options.load(extra).flatMap { $0 }
        if let dir = saveFolds { try FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true) }
        var failure: (any Error)? = nil
        let margins = minMargin.isEmpty ? [TaggedNames.defaultMinMargin] : minMargin
        let revises: [Float?] = reviseMargin.isEmpty ? [TaggedNames.defaultReviseMargin] : reviseMargin.map { Float($0) }
        let results = TaggerEvaluation.crossValidate(
          sets: sets, extra: extra, folds: folds, trainer: trainer, minMargins: margins, reviseMargins: revises,
          progress: { FileHandle.standardError.write(Data("\($0)\n".utf8)) },
          model: { k, m, ids in
            guard let dir = saveFolds else { return }
            do {
              try AtomicFile.write(m.serialized(), to: "\(dir)/fold-\(k + 1).bin")
              try AtomicFile.write(Data((ids.joined(separator: "\n") + "\n").utf8), to: "\(dir)/fold-\(k + 1).txt")
            } catch { failure = error }
          })
        if let failure { throw failure }
        for ((mm, rm), r) in zip(margins.flatMap { m in revises.map { (m, $0) } }, results) {
          if results.count > 1 { writeStdout("least margin \(mm), revise margin \(rm.map { "\($0)" } ?? "none")\n") }
          writeStdout(TaggerEvaluation.table(r) + "\n")
        }
      }
    }
  }
}
