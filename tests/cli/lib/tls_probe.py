# Hostile and unusual TLS clients for tests/cli/server_tls.sh. Each mode
# prints one line of facts for the shell test to check:
#   python3 tls_probe.py MODE PORT [N]
#   half      N connections each send half a ClientHello and stall; prints the
#             least and most seconds from connecting to the server's close,
#             and the bytes received
#   hello     sends a whole ClientHello, reads the server's reply, never sends
#             its own Finished; prints the seconds until closed, bytes received
#   garbage   sends bytes that are not TLS (random, then a plain HTTP request);
#             prints the seconds until closed and whether an HTTP answer came
#   pipeline  one TLS connection, two GET /v1/healthz in one write; prints the
#             number of "HTTP/1.1 200" answers read
import os, select, socket, ssl, sys, time

mode, port = sys.argv[1], int(sys.argv[2])
n = int(sys.argv[3]) if len(sys.argv) > 3 else 1


def client_hello():
    ctx = ssl.create_default_context()
    ctx.check_hostname = False
    ctx.verify_mode = ssl.CERT_NONE
    inc, out = ssl.MemoryBIO(), ssl.MemoryBIO()
    obj = ctx.wrap_bio(inc, out, server_hostname="localhost")
    try:
        obj.do_handshake()
    except ssl.SSLWantReadError:
        pass
    return ctx, inc, out, obj, out.read()


def until_closed(s, limit=20.0):
    """Reads until the server closes; returns (seconds, bytes received)."""
    t0 = time.monotonic()
    s.settimeout(limit)
    got = b""
    try:
        while True:
            d = s.recv(65536)
            if not d:
                break
            got += d
    except (ConnectionResetError, socket.timeout):
        pass
    return time.monotonic() - t0, got


if mode == "half":
    opened = {}
    hello = client_hello()[4]
    for _ in range(n):
        s = socket.create_connection(("127.0.0.1", port))
        s.sendall(hello[: len(hello) // 2])
        opened[s] = time.monotonic()
    lives, total = [], 0
    deadline = time.monotonic() + 20
    while opened and time.monotonic() < deadline:
        ready, _, _ = select.select(list(opened), [], [], 1.0)
        for s in ready:
            try:
                d = s.recv(65536)
            except ConnectionResetError:
                d = b""
            total += len(d)
            if not d:
                lives.append(time.monotonic() - opened.pop(s))
                s.close()
    lives += [99.0] * len(opened)  # never closed
    print("%.2f %.2f %d" % (min(lives), max(lives), total))
elif mode == "hello":
    ctx, inc, out, obj, hello = client_hello()
    s = socket.create_connection(("127.0.0.1", port))
    s.sendall(hello)
    secs, got = until_closed(s)
    print("%.2f %d" % (secs, len(got)))
elif mode == "garbage":
    worst, http = 0.0, 0
    for payload in (os.urandom(300), b"GET /v1/healthz HTTP/1.1\r\nHost: x\r\n\r\n"):
        s = socket.create_connection(("127.0.0.1", port))
        s.sendall(payload)
        secs, got = until_closed(s)
        worst = max(worst, secs)
        http += got.startswith(b"HTTP/")
        s.close()
    print("%.2f %d" % (worst, http))
elif mode == "pipeline":
    ctx = ssl.create_default_context(cafile=os.environ["CURL_CA_BUNDLE"])
    with socket.create_connection(("127.0.0.1", port)) as raw:
        with ctx.wrap_socket(raw, server_hostname="localhost") as s:
            req = b"GET /v1/healthz HTTP/1.1\r\nHost: localhost\r\n\r\n"
            s.sendall(req + req[:-2] + b"Connection: close\r\n\r\n")
            s.settimeout(10)
            got = b""
            while True:
                try:
                    d = s.recv(65536)
                except (ssl.SSLError, OSError):
                    break
                if not d:
                    break
                got += d
    print(got.count(b"HTTP/1.1 200"))
else:
    sys.exit("unknown mode " + mode)
