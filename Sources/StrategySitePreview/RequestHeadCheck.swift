import Foundation
import NIOCore
import NIOHTTP1

/// Looks at each request's head as it was written, before it becomes an `HTTPRequest`, to
/// refuse what that conversion would hide.
///
/// The conversion keeps the first `Host` header and drops the scheme and authority of an
/// absolute-form target (`GET http://evil.example/ HTTP/1.1`), so the responder would answer
/// such a request as if it were for this server. HTTP says a server must answer 400 to a
/// request with several `Host` headers, and must take the authority of an absolute-form target
/// in place of `Host`. This handler does both: a refused request carries ``refusalHeader``
/// (any such header from the client is removed first) and the responder answers 400 with its
/// reason; an accepted absolute-form target's authority replaces `Host`, so ``HostCheck``
/// judges the server the request really names.
final class RequestHeadCheck: ChannelInboundHandler, RemovableChannelHandler {
    typealias InboundIn = HTTPServerRequestPart
    typealias InboundOut = HTTPServerRequestPart

    /// Set on requests the responder must refuse with 400; its value is the reason.
    static let refusalHeader = "x-strategy-site-refused"

    let address: BoundAddress

    init(address: BoundAddress) {
        self.address = address
    }

    func channelRead(context: ChannelHandlerContext, data: NIOAny) {
        guard case .head(var head) = unwrapInboundIn(data) else {
            context.fireChannelRead(data)
            return
        }
        head.headers.remove(name: Self.refusalHeader)
        switch Self.judge(target: head.uri, hosts: head.headers["Host"], check: address.hostCheck) {
        case .accept:
            break
        case .useAuthority(let authority):
            head.headers.replaceOrAdd(name: "Host", value: authority)
        case .refuse(let reason):
            head.headers.replaceOrAdd(name: Self.refusalHeader, value: reason)
        }
        context.fireChannelRead(wrapInboundOut(.head(head)))
    }

    enum Verdict: Equatable {
        case accept
        /// An absolute-form target for this server: its authority stands in for `Host`.
        case useAuthority(String)
        case refuse(String)
    }

    static func judge(target: String, hosts: [String], check: HostCheck?) -> Verdict {
        if hosts.count > 1 { return .refuse("a request may carry only one Host header") }
        guard !target.hasPrefix("/"), target != "*" else { return .accept }
        guard let components = URLComponents(string: target), let scheme = components.scheme?.lowercased() else {
            return .accept // not absolute-form; RequestTarget refuses it
        }
        guard scheme == "http", let host = components.host, !host.isEmpty,
              components.user == nil, components.password == nil else {
            return .refuse("this preview serves only http:// targets for itself")
        }
        let authority = (host.contains(":") && !host.hasPrefix("[") ? "[\(host)]" : host) + (components.port.map { ":\($0)" } ?? "")
        guard let check, check.allows(authority) else {
            return .refuse("the request target names another server (\(authority)); this preview answers only for itself")
        }
        return .useAuthority(authority)
    }
}
