/// Refuses requests whose `Host` is not this server, so that a web page on another site cannot
/// read the preview through a DNS name that it points at 127.0.0.1 (DNS rebinding).
///
/// Allowed: the bound host, `localhost`, `127.0.0.1` and `[::1]`, each with the bound port (the
/// port may be left out only when it is 80). When the server is bound to every interface
/// (`0.0.0.0` or `::`), any IP address is allowed too: an address written as digits cannot be
/// rebound.
public struct HostCheck: Sendable {
    public var boundHost: String
    public var port: Int

    public init(boundHost: String, port: Int) {
        self.boundHost = boundHost
        self.port = port
    }

    public func allows(_ authority: String?) -> Bool {
        guard let authority, !authority.isEmpty, let (host, port) = Self.split(authority.lowercased()) else { return false }
        guard port == self.port || (port == nil && self.port == 80) else { return false }
        let bound = boundHost.lowercased()
        var allowed: Set<String> = ["localhost", "127.0.0.1", "::1", bound]
        if bound.hasPrefix("[") && bound.hasSuffix("]") { allowed.insert(String(bound.dropFirst().dropLast())) }
        if allowed.contains(host) { return true }
        if bound == "0.0.0.0" || bound == "::" || bound == "[::]" { return Self.isIPAddress(host) }
        return false
    }

    /// `host:port`, `[v6]:port` or a host alone; nil when malformed.
    static func split(_ authority: String) -> (host: String, port: Int?)? {
        if authority.hasPrefix("[") {
            guard let close = authority.firstIndex(of: "]") else { return nil }
            let host = String(authority[authority.index(after: authority.startIndex)..<close])
            let rest = authority[authority.index(after: close)...]
            if rest.isEmpty { return (host, nil) }
            guard rest.hasPrefix(":"), let port = Int(rest.dropFirst()) else { return nil }
            return (host, port)
        }
        let parts = authority.split(separator: ":", omittingEmptySubsequences: false)
        switch parts.count {
        case 1: return (authority, nil)
        case 2:
            guard let port = Int(parts[1]) else { return nil }
            return (String(parts[0]), port)
        default: return nil
        }
    }

    static func isIPAddress(_ host: String) -> Bool {
        let octets = host.split(separator: ".", omittingEmptySubsequences: false)
        if octets.count == 4, octets.allSatisfy({ $0.count <= 3 && (Int($0).map { (0...255).contains($0) } ?? false) }) {
            return true
        }
        return host.contains(":") && host.allSatisfy { $0.isHexDigit || $0 == ":" || $0 == "." }
    }

    /// Whether `host` names the loopback interface (no warning needed).
    public static func isLoopback(_ host: String) -> Bool {
        let host = host.lowercased()
        if host == "localhost" || host == "::1" || host == "[::1]" { return true }
        let octets = host.split(separator: ".")
        return octets.count == 4 && octets[0] == "127" && isIPAddress(host)
    }
}
