/// Why the preview could not start serving; the command line prints it and exits 1.
public enum ServeFailure: Error, Equatable, CustomStringConvertible {
    /// Another program listens on the port (`EADDRINUSE`).
    case portInUse(port: Int)
    /// `--host` is neither an address nor a name this machine resolves.
    case unknownHost(String, reason: String)
    /// The system refused the socket, the address or the listen, with this reason (`strerror`).
    case cannotListen(reason: String)

    public var description: String {
        switch self {
        case .portInUse(let port): "port \(port) is in use; pass another --port, or --port 0 for any free one"
        case .unknownHost(let host, let reason): "cannot resolve \(host): \(reason)"
        case .cannotListen(let reason): reason
        }
    }
}
