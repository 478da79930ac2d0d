import CCmark
import Foundation

/// The one place that talks to the cmark C library.
///
/// cmark parses; we convert its tree into ``MarkdownNode`` values at once and free it, so
/// ownership of C memory never leaves this file. Parsing always uses cmark's default options,
/// which include safe mode (raw HTML and dangerous URLs are not rendered by cmark itself; our
/// renderer applies the same rules).
public enum CMark {
    /// Deeper nesting than this is flattened into the node at this depth. It bounds the
    /// recursion of every later stage, so hostile input (thousands of nested block quotes or
    /// lists) cannot exhaust a thread's stack.
    public static let maximumDepth = 120

    /// The version of the linked library, e.g. "0.30.2".
    public static var version: String {
        guard let text = cmark_version_string() else { return "unknown" }
        return String(cString: text)
    }

    /// Parses CommonMark text into a tree. Adjacent text nodes are merged (cmark splits text at
    /// brackets and entities) so later stages can match phrases such as `[^1]` or `NI 149`.
    ///
    /// - Returns: the document node, and whether nesting had to be flattened.
    public static func parse(_ markdown: String) -> (document: MarkdownNode, flattened: Bool) {
        let length = markdown.utf8.count
        return markdown.withCString { text in
            guard let root = cmark_parse_document(text, length, CMARK_OPT_DEFAULT) else {
                return (MarkdownNode(.document), false)
            }
            defer { cmark_node_free(root) }
            return convert(root)
        }
    }

    /// cmark's own HTML rendering of `markdown` in safe mode. The site uses ``HTMLRenderer``;
    /// this exists so tests can check that our renderer agrees with cmark on plain CommonMark.
    public static func renderHTML(_ markdown: String) -> String {
        let length = markdown.utf8.count
        return markdown.withCString { text in
            guard let html = cmark_markdown_to_html(text, length, CMARK_OPT_DEFAULT) else { return "" }
            defer { free(html) }
            return String(cString: html)
        }
    }

    private static func convert(_ root: OpaquePointer) -> (MarkdownNode, Bool) {
        guard let iterator = cmark_iter_new(root) else { return (MarkdownNode(.document), false) }
        defer { cmark_iter_free(iterator) }

        var stack: [MarkdownNode] = []
        var skippedLevels = 0
        var flattened = false
        var result = MarkdownNode(.document)

        func append(_ node: MarkdownNode) {
            guard !stack.isEmpty else { result = node; return }
            var parent = stack.removeLast()
            if node.kind == .text, let last = parent.children.last, last.kind == .text {
                parent.children[parent.children.count - 1].literal += node.literal
            } else {
                parent.children.append(node)
            }
            stack.append(parent)
        }

        while true {
            let event = cmark_iter_next(iterator)
            if event == CMARK_EVENT_DONE { break }
            guard let node = cmark_iter_get_node(iterator) else { continue }
            let value = makeNode(node)
            if event == CMARK_EVENT_ENTER {
                if isLeaf(node) {
                    append(value)
                } else if stack.count < maximumDepth {
                    stack.append(value)
                } else {
                    skippedLevels += 1
                    flattened = true
                }
            } else if event == CMARK_EVENT_EXIT {
                if skippedLevels > 0 {
                    skippedLevels -= 1
                } else if let finished = stack.popLast() {
                    append(finished)
                }
            }
        }
        return (result, flattened)
    }

    private static func isLeaf(_ node: OpaquePointer) -> Bool {
        switch cmark_node_get_type(node) {
        case CMARK_NODE_HTML_BLOCK, CMARK_NODE_THEMATIC_BREAK, CMARK_NODE_CODE_BLOCK, CMARK_NODE_TEXT,
             CMARK_NODE_SOFTBREAK, CMARK_NODE_LINEBREAK, CMARK_NODE_CODE, CMARK_NODE_HTML_INLINE:
            return true
        default:
            return false
        }
    }

    private static func string(_ pointer: UnsafePointer<CChar>?) -> String {
        pointer.map { String(cString: $0) } ?? ""
    }

    private static func makeNode(_ node: OpaquePointer) -> MarkdownNode {
        let kind: MarkdownNode.Kind
        switch cmark_node_get_type(node) {
        case CMARK_NODE_DOCUMENT: kind = .document
        case CMARK_NODE_BLOCK_QUOTE: kind = .blockQuote
        case CMARK_NODE_LIST:
            kind = .list(ordered: cmark_node_get_list_type(node) == CMARK_ORDERED_LIST,
                         start: Int(cmark_node_get_list_start(node)),
                         tight: cmark_node_get_list_tight(node) != 0)
        case CMARK_NODE_ITEM: kind = .item
        case CMARK_NODE_CODE_BLOCK: kind = .codeBlock(info: string(cmark_node_get_fence_info(node)))
        case CMARK_NODE_HTML_BLOCK: kind = .htmlBlock
        case CMARK_NODE_PARAGRAPH: kind = .paragraph
        case CMARK_NODE_HEADING: kind = .heading(level: Int(cmark_node_get_heading_level(node)))
        case CMARK_NODE_THEMATIC_BREAK: kind = .thematicBreak
        case CMARK_NODE_SOFTBREAK: kind = .softBreak
        case CMARK_NODE_LINEBREAK: kind = .lineBreak
        case CMARK_NODE_CODE: kind = .code
        case CMARK_NODE_HTML_INLINE: kind = .htmlInline
        case CMARK_NODE_EMPH: kind = .emphasis
        case CMARK_NODE_STRONG: kind = .strong
        case CMARK_NODE_LINK:
            kind = .link(destination: string(cmark_node_get_url(node)), title: string(cmark_node_get_title(node)))
        case CMARK_NODE_IMAGE:
            kind = .image(source: string(cmark_node_get_url(node)), title: string(cmark_node_get_title(node)))
        default: kind = .text // CMARK_NODE_TEXT; custom nodes never occur when parsing
        }
        return MarkdownNode(kind,
                            literal: string(cmark_node_get_literal(node)),
                            line: Int(cmark_node_get_start_line(node)),
                            column: Int(cmark_node_get_start_column(node)),
                            endLine: Int(cmark_node_get_end_line(node)))
    }
}
