import Foundation

/// Decides, from a request's head as it was written, which server the request names, or why it
/// must be refused.
///
/// HTTP says a server must answer 400 to a request with several `Host` headers, and must take
/// the authority of an absolute-form target (`GET http://127.0.0.1:8000/ HTTP/1.1`) in place of
/// `Host`. So a request for another server written in absolute form is refused here, whatever
/// its `Host` says, and one for this server is answered for the target's authority, with the
/// target's path. ``HostCheck`` then judges the authority the verdict names.
enum RequestHeadCheck {
    enum Verdict: Equatable {
        /// Answer it: `authority` is the server the request names (nil if it names none), `target`
        /// the origin-form target to serve (`/`, `/a.html?x=1`; unchanged when not absolute-form).
        case accept(authority: String?, target: String)
        /// Answer 400 with this reason.
        case refuse(String)
    }

    static func judge(_ head: RequestHead, check: HostCheck) -> Verdict {
        judge(target: head.target, hosts: head.values(of: "host"), check: check)
    }

    static func judge(target: String, hosts: [String], check: HostCheck) -> Verdict {
        if hosts.count > 1 { return .refuse("a request may carry only one Host header") }
        guard !target.hasPrefix("/"), target != "*" else { return .accept(authority: hosts.first, target: target) }
        guard let components = URLComponents(string: target), let scheme = components.scheme?.lowercased() else {
            return .accept(authority: hosts.first, target: target) // not absolute-form; RequestTarget refuses it
        }
        guard scheme == "http", let host = components.host, !host.isEmpty,
              components.user == nil, components.password == nil else {
            return .refuse("this preview serves only http:// targets for itself")
        }
        let authority = (host.contains(":") && !host.hasPrefix("[") ? "[\(host)]" : host) + (components.port.map { ":\($0)" } ?? "")
        guard check.allows(authority) else {
            return .refuse("the request target names another server (\(authority)); this preview answers only for itself")
        }
        let path = components.percentEncodedPath.isEmpty ? "/" : components.percentEncodedPath
        return .accept(authority: authority, target: path + (components.percentEncodedQuery.map { "?" + $0 } ?? ""))
    }
}
