import ArgumentParser
import StrategySite

/// The folders every command reads, with the defaults a project checkout uses.
public struct SiteOptions: ParsableArguments {
    @Option(name: .long, help: ArgumentHelp("Folder with site.yml, themes.yml, indicators.yml and documents/.", valueName: "dir"))
    public var content = "Content"

    @Option(name: .long, help: ArgumentHelp("Folder with the Mustache templates and assets/.", valueName: "dir"))
    public var templates = "Templates"

    public init() {}

    public func builderOptions(output: String = "Output", baseURL: String? = nil, force: Bool = false, zip: String? = nil) -> SitePipeline.Options {
        SitePipeline.Options(contentDirectory: content, templatesDirectory: templates, outputDirectory: output,
                            baseURL: baseURL, force: force, zipPath: zip)
    }
}
