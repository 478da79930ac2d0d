import FlyingSocks
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// The preview's listening socket: `--host` resolved (an IPv4 or IPv6 address, bracketed or
/// not, or a name such as `localhost`), bound, listening, with the port the system picked when
/// asked for port 0.
struct ListeningSocket: Sendable {
    let socket: Socket
    let port: Int

    static func open(host: String, port: Int) throws(ServeFailure) -> ListeningSocket {
        let address = try resolve(host, port: port)
        let socket: Socket
        do {
            socket = try Socket(domain: Int32(address.ss_family), type: .stream)
        } catch {
            throw ServeFailure.cannotListen(reason: reason(error))
        }
        do {
            keepFromChildren(socket)
            // Lets a restarted preview bind the port at once, while the last one's connections linger.
            try socket.setValue(true, for: .localAddressReuse)
            #if canImport(Darwin)
            try socket.setValue(true, for: .noSIGPIPE)
            #endif
            // Bound as the family's own type: FlyingSocks reads a sockaddr_storage's size from itself
            // without end.
            if Int32(address.ss_family) == AF_INET6 {
                try socket.bind(to: try sockaddr_in6.make(from: address))
            } else {
                try socket.bind(to: try sockaddr_in.make(from: address))
            }
            try socket.listen()
            switch try socket.sockname() {
            case .ip4(_, let bound), .ip6(_, let bound): return ListeningSocket(socket: socket, port: Int(bound))
            case .unix: throw SocketError.unsupportedAddress
            }
        } catch {
            try? socket.close()
            if case SocketError.failed(_, let code, _) = error, code == EADDRINUSE { throw ServeFailure.portInUse(port: port) }
            throw ServeFailure.cannotListen(reason: reason(error))
        }
    }

    /// The first address `host` stands for, an IPv4 one if it has one (as `localhost` has both).
    static func resolve(_ host: String, port: Int) throws(ServeFailure) -> sockaddr_storage {
        let name = host.hasPrefix("[") && host.hasSuffix("]") ? String(host.dropFirst().dropLast()) : host
        var hints = addrinfo()
        hints.ai_flags = AI_PASSIVE
        hints.ai_family = AF_UNSPEC
        #if canImport(Glibc)
        hints.ai_socktype = Int32(SOCK_STREAM.rawValue)
        #else
        hints.ai_socktype = SOCK_STREAM
        #endif
        var found: UnsafeMutablePointer<addrinfo>?
        let status = getaddrinfo(name, String(port), &hints, &found)
        guard status == 0, let found else { throw ServeFailure.unknownHost(host, reason: String(cString: gai_strerror(status))) }
        defer { freeaddrinfo(found) }
        var all: [UnsafeMutablePointer<addrinfo>] = []
        var next: UnsafeMutablePointer<addrinfo>? = found
        while let entry = next {
            if entry.pointee.ai_family == AF_INET || entry.pointee.ai_family == AF_INET6 { all.append(entry) }
            next = entry.pointee.ai_next
        }
        guard let chosen = all.first(where: { $0.pointee.ai_family == AF_INET }) ?? all.first,
              let address = chosen.pointee.ai_addr else {
            throw ServeFailure.unknownHost(host, reason: "no IPv4 or IPv6 address")
        }
        var storage = sockaddr_storage()
        withUnsafeMutableBytes(of: &storage) { target in
            target.copyMemory(from: UnsafeRawBufferPointer(start: address, count: Int(chosen.pointee.ai_addrlen)))
        }
        return storage
    }

    /// Closes the socket when the process runs another program, so a child never holds the port.
    static func keepFromChildren(_ socket: Socket) {
        _ = fcntl(socket.file.rawValue, F_SETFD, fcntl(socket.file.rawValue, F_GETFD) | FD_CLOEXEC)
    }

    private static func reason(_ error: any Error) -> String {
        if case SocketError.failed(_, let code, _) = error { return String(cString: strerror(code)) }
        return "\(error)"
    }

    func close() {
        try? socket.close()
    }
}
