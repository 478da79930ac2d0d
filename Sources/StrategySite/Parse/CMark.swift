import CCmark
import Foundation

/// The one place that talks to the cmark C library.
///
/// A ``CMark/Document`` owns cmark's tree and frees it when it is released; ``CMark/Node`` is
/// a borrowed view of one node, and every string it hands out is a byte buffer pointing into
/// cmark's memory. Nothing is copied into Swift values here: the body writer reads the bytes
/// it needs once, while the document is alive. Parsing always uses cmark's default options,
/// which include safe mode.
public enum CMark {
    /// cmark's own HTML rendering of `markdown` in safe mode. The site renders cmark's tree
    /// itself (``BodyWriter``); this is the oracle its tests compare against on plain CommonMark.
    public static func renderHTML(_ markdown: String) -> String {
        let length = markdown.utf8.count
        return markdown.withCString { text in
            guard let html = cmark_markdown_to_html(text, length, CMARK_OPT_DEFAULT) else { return "" }
            defer { free(html) }
            return String(cString: html)
        }
    }

    /// A parsed Markdown document. Not `Sendable`: it lives for one parse, on one thread.
    public final class Document {
        let root: OpaquePointer

        /// Parses UTF-8 Markdown. cmark copies what it keeps, so `bytes` may go away afterwards.
        public init(parsing bytes: [UInt8]) {
            let parsed = bytes.withUnsafeBufferPointer { buffer in
                buffer.baseAddress.flatMap { base in
                    base.withMemoryRebound(to: CChar.self, capacity: buffer.count) { cmark_parse_document($0, buffer.count, CMARK_OPT_DEFAULT) }
                }
            }
            // An empty input has no base address; cmark parses "" into an empty document.
            root = parsed ?? cmark_parse_document("", 0, CMARK_OPT_DEFAULT)
        }

        deinit { cmark_node_free(root) }

        public var node: Node { Node(pointer: root) }

        /// Visits every node in document order, containers twice (enter and exit), leaves once.
        /// Returning ``Step/skipChildren`` on entering a container jumps to its exit.
        public func walk(_ visit: (Event, Node) -> Step) {
            node.walk(visit)
        }
    }

    public enum Event { case enter, exit }
    public enum Step { case proceed, skipChildren }

    /// A borrowed node of a ``Document``; valid only while the document is alive.
    public struct Node {
        let pointer: OpaquePointer

        public enum Kind {
            case document, blockQuote, list, item, codeBlock, htmlBlock, paragraph, heading, thematicBreak
            case text, softBreak, lineBreak, code, htmlInline, emphasis, strong, link, image, other
        }

        public var kind: Kind {
            switch cmark_node_get_type(pointer) {
            case CMARK_NODE_DOCUMENT: return .document
            case CMARK_NODE_BLOCK_QUOTE: return .blockQuote
            case CMARK_NODE_LIST: return .list
            case CMARK_NODE_ITEM: return .item
            case CMARK_NODE_CODE_BLOCK: return .codeBlock
            case CMARK_NODE_HTML_BLOCK: return .htmlBlock
            case CMARK_NODE_PARAGRAPH: return .paragraph
            case CMARK_NODE_HEADING: return .heading
            case CMARK_NODE_THEMATIC_BREAK: return .thematicBreak
            case CMARK_NODE_TEXT: return .text
            case CMARK_NODE_SOFTBREAK: return .softBreak
            case CMARK_NODE_LINEBREAK: return .lineBreak
            case CMARK_NODE_CODE: return .code
            case CMARK_NODE_HTML_INLINE: return .htmlInline
            case CMARK_NODE_EMPH: return .emphasis
            case CMARK_NODE_STRONG: return .strong
            case CMARK_NODE_LINK: return .link
            case CMARK_NODE_IMAGE: return .image
            default: return .other // custom nodes, which parsing never produces
            }
        }

        /// Text of text, code, code block and raw HTML nodes.
        public var literal: UnsafeBufferPointer<UInt8> { Self.bytes(cmark_node_get_literal(pointer)) }
        public var url: UnsafeBufferPointer<UInt8> { Self.bytes(cmark_node_get_url(pointer)) }
        public var title: UnsafeBufferPointer<UInt8> { Self.bytes(cmark_node_get_title(pointer)) }
        public var fenceInfo: UnsafeBufferPointer<UInt8> { Self.bytes(cmark_node_get_fence_info(pointer)) }

        public var headingLevel: Int { Int(cmark_node_get_heading_level(pointer)) }
        public var isOrderedList: Bool { cmark_node_get_list_type(pointer) == CMARK_ORDERED_LIST }
        public var listStart: Int { Int(cmark_node_get_list_start(pointer)) }
        public var isTightList: Bool { cmark_node_get_list_tight(pointer) != 0 }

        /// 1-based positions in the parsed text; columns count bytes.
        public var startLine: Int { Int(cmark_node_get_start_line(pointer)) }
        public var startColumn: Int { Int(cmark_node_get_start_column(pointer)) }
        public var endLine: Int { Int(cmark_node_get_end_line(pointer)) }
        public var endColumn: Int { Int(cmark_node_get_end_column(pointer)) }

        public var parent: Node? { cmark_node_parent(pointer).map(Node.init) }
        public var firstChild: Node? { cmark_node_first_child(pointer).map(Node.init) }
        public var next: Node? { cmark_node_next(pointer).map(Node.init) }
        public var previous: Node? { cmark_node_previous(pointer).map(Node.init) }

        public static func == (a: Node, b: Node) -> Bool { a.pointer == b.pointer }

        /// ``Document/walk(_:)`` over this node and its descendants only.
        public func walk(_ visit: (Event, Node) -> Step) {
            guard let iterator = cmark_iter_new(pointer) else { return }
            defer { cmark_iter_free(iterator) }
            while true {
                let event = cmark_iter_next(iterator)
                if event == CMARK_EVENT_DONE { return }
                guard let current = cmark_iter_get_node(iterator) else { continue }
                let step = visit(event == CMARK_EVENT_ENTER ? .enter : .exit, Node(pointer: current))
                if step == .skipChildren, event == CMARK_EVENT_ENTER, cmark_node_first_child(current) != nil {
                    cmark_iter_reset(iterator, current, CMARK_EVENT_EXIT)
                }
            }
        }

        private static func bytes(_ text: UnsafePointer<CChar>?) -> UnsafeBufferPointer<UInt8> {
            guard let text else { return UnsafeBufferPointer(start: nil, count: 0) }
            return text.withMemoryRebound(to: UInt8.self, capacity: 1) { UnsafeBufferPointer(start: $0, count: strlen(text)) }
        }
    }
}
