import CYaml

/// Finds aliases (`*name`) written as mapping keys, before Yams composes the text.
///
/// Yams expands every alias into a copy of its anchored node and hashes each mapping's keys to
/// find duplicates. A value alias is shared, not copied, so it costs nothing; but an alias key
/// is hashed whole, and anchors that nest aliases (`&a1 [*a0, *a0, …]`) grow ten-fold a level:
/// 600 bytes took minutes. No field of the content contract needs an alias as a key, so one is
/// refused at its line and column, found by a pass of libyaml's event parser (the parser Yams
/// itself runs, so it reads the text exactly as Yams will), which costs time linear in the text
/// and never expands anything.
enum YAMLAliasKeys {
    struct Found: Equatable {
        var alias: String
        /// 1-based, as Yams gives marks.
        var line: Int
        var column: Int
    }

    /// The first alias used as a mapping key, or nil. Text libyaml cannot parse gives nil
    /// here: Yams then reports the syntax error itself, at the same place.
    static func first(in text: String) -> Found? {
        var bytes = Array(text.utf8)
        if bytes.isEmpty { return nil }
        var parser = yaml_parser_t()
        guard yaml_parser_initialize(&parser) == 1 else { return nil }
        defer { yaml_parser_delete(&parser) }
        return bytes.withUnsafeMutableBufferPointer { buffer -> Found? in
            yaml_parser_set_input_string(&parser, buffer.baseAddress, buffer.count)
            // One entry per open collection: whether it is a mapping, and whether its next node is a key.
            var open: [(isMapping: Bool, nextIsKey: Bool)] = []
            var event = yaml_event_t()
            while yaml_parser_parse(&parser, &event) == 1 {
                defer { yaml_event_delete(&event) }
                let type = event.type
                if type == YAML_STREAM_END_EVENT { return nil }
                let isNode = type == YAML_ALIAS_EVENT || type == YAML_SCALAR_EVENT || type == YAML_SEQUENCE_START_EVENT || type == YAML_MAPPING_START_EVENT
                if isNode, let top = open.indices.last, open[top].isMapping {
                    let isKey = open[top].nextIsKey
                    open[top].nextIsKey.toggle()
                    if isKey, type == YAML_ALIAS_EVENT {
                        let name = event.data.alias.anchor.map { String(cString: $0) } ?? ""
                        return Found(alias: name, line: Int(event.start_mark.line) + 1, column: Int(event.start_mark.column) + 1)
                    }
                }
                if type == YAML_SEQUENCE_START_EVENT { open.append((false, false)) }
                if type == YAML_MAPPING_START_EVENT { open.append((true, true)) }
                if type == YAML_SEQUENCE_END_EVENT || type == YAML_MAPPING_END_EVENT { _ = open.popLast() }
            }
            return nil
        }
    }
}
