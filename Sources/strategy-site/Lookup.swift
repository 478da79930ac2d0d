import ArgumentParser
import StrategySite

extension StrategySiteCommand {
    struct Lookup: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Find indicators by code, word or theme and show where the documents mention them.",
            discussion: "Matches codes with or without spaces (NI 149, ni149), words of titles and local-monitoring ideas, and theme ids."
        )

        @Argument(help: "What to look for, e.g. \"NI 149\", recovery, employment.")
        var query: String

        @OptionGroup var site: SiteOptions

        func validate() throws {
            if query.allSatisfy(\.isWhitespace) {
                throw ValidationError("give something to look for, e.g. strategy-site lookup \"NI 149\"")
            }
        }

        func run() throws {
            let (linked, diagnostics) = SitePipeline(options: site.builderOptions()).link()
            guard let linked, !diagnostics.hasErrors else {
                Report.print(diagnostics.filter { $0.severity == .error })
                throw ExitCode(1)
            }
            let matches = IndicatorSearch(site: linked).search(query)
            if matches.isEmpty {
                print("No indicator matches '\(query)'.")
                throw ExitCode(1)
            }
            for indicator in matches {
                let strategy = linked.config.strategy(indicator.strategy)?.shortTitle ?? indicator.strategy
                print("\(indicator.code) — \(indicator.title) [\(strategy), \(indicator.kind.rawValue)]")
                if !indicator.localMonitoring.isEmpty { print("  local monitoring: \(indicator.localMonitoring)") }
                for (index, value) in indicator.values.enumerated() {
                    let period = value.hasPeriod ? value.date : "no period given in the source"
                    let note = value.note.isEmpty ? "" : ", “\(value.note)”"
                    print("  value: \(value.value) (\(period))\(note)\(value.source.isEmpty ? "" : ", written in \(value.source)")")
                    for source in linked.sourceNotes[FigureReference(indicator: indicator.id, value: index)] ?? [] {
                        print("    the source's note \(source.number): \(source.text)")
                    }
                }
                for mention in linked.mentionsByIndicator[indicator.id] ?? [] {
                    let title = linked.document(mention.slug)?.section(mention.anchor)?.title ?? ""
                    print("  mentioned in \(mention.slug)\(mention.anchor.isEmpty ? "" : "#" + mention.anchor)\(title.isEmpty ? "" : " (\(title))")")
                }
            }
        }
    }
}
