import HummingbirdCore
import Logging
import NIOCore
import NIOHTTPTypesHTTP1

/// Hummingbird's HTTP/1 channel with ``RequestHeadCheck`` placed before the conversion to
/// `HTTPRequest`, where the request head is still as the client wrote it.
///
/// The channel's idle timeout also closes connections that never finish sending their
/// headers: the deadline runs from the moment the connection goes idle, and bytes of an
/// unfinished head do not move it.
struct PreviewChannel: ServerChildChannel {
    let http1: HTTP1Channel
    let address: BoundAddress

    func setup(channel: any Channel, logger: Logger) -> EventLoopFuture<HTTP1Channel.Value> {
        let address = self.address
        return http1.setup(channel: channel, logger: logger).flatMapThrowing { value in
            let operations = channel.pipeline.syncOperations
            let codec = try operations.handler(type: HTTP1ToHTTPServerCodec.self)
            try operations.addHandler(RequestHeadCheck(address: address), position: .before(codec))
            return value
        }
    }

    func handle(value: HTTP1Channel.Value, logger: Logger) async {
        await http1.handle(value: value, logger: logger)
    }
}
