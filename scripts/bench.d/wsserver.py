"""A local WebSocket server (standard library only) that sends JSON lines to one client and
records when each was sent. The handshake and frames follow Tests/Support/ws_replay_server.py;
this one adds pacing and send times, which the replay server (a test fixture) has no use for."""
import base64
import hashlib
import socket
import threading
import time

GUID = "258EAFA5-E914-47DA-95CA-C5AB0DC85B11"


def handshake(conn):
    data = b""
    while b"\r\n\r\n" not in data:
        chunk = conn.recv(4096)
        if not chunk:
            raise ConnectionError("closed during handshake")
        data += chunk
    key = ""
    for line in data.decode("latin-1").split("\r\n"):
        if line.lower().startswith("sec-websocket-key:"):
            key = line.split(":", 1)[1].strip()
    accept = base64.b64encode(hashlib.sha1((key + GUID).encode()).digest()).decode()
    conn.sendall(("HTTP/1.1 101 Switching Protocols\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n"
                  "Sec-WebSocket-Accept: %s\r\n\r\n" % accept).encode())


def frame(opcode, payload):
    head = bytes([0x80 | opcode])
    n = len(payload)
    if n < 126:
        head += bytes([n])
    elif n < 65536:
        head += bytes([126]) + n.to_bytes(2, "big")
    else:
        head += bytes([127]) + n.to_bytes(8, "big")
    return head + payload


class FeedServer:
    """Serves `lines` to the first client: as fast as it takes them (rate None) or paced at
    `rate` lines per second. `sent[i]` is the perf_counter time line i was handed to the kernel."""

    def __init__(self, lines, rate=None, timeout=60):
        self.frames = [frame(0x1, line.encode()) for line in lines]
        self.rate = rate
        self.timeout = timeout
        self.sent = [None] * len(lines)
        self.error = None
        self.done = threading.Event()
        self.sock = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
        self.sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        self.sock.bind(("127.0.0.1", 0))
        self.sock.listen(1)
        self.sock.settimeout(timeout)
        self.port = self.sock.getsockname()[1]
        self.thread = threading.Thread(target=self._serve, daemon=True)

    @property
    def url(self):
        return "ws://127.0.0.1:%d/" % self.port

    def start(self):
        self.thread.start()
        return self

    def _serve(self):
        conn = None
        try:
            conn, _ = self.sock.accept()
            conn.settimeout(self.timeout)
            conn.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)
            handshake(conn)
            clock = time.perf_counter
            if self.rate is None:
                for i, data in enumerate(self.frames):
                    conn.sendall(data)
                    self.sent[i] = clock()
            else:
                start = clock() + 0.05
                interval = 1.0 / self.rate
                i, n = 0, len(self.frames)
                while i < n:
                    now = clock()
                    due = min(n, int((now - start) / interval) + 1)
                    if due <= i:
                        time.sleep(max(0.0, start + i * interval - now))
                        continue
                    batch = b"".join(self.frames[i:due])
                    conn.sendall(batch)
                    sent = clock()
                    for j in range(i, due):
                        self.sent[j] = sent
                    i = due
            conn.sendall(frame(0x8, (1000).to_bytes(2, "big")))
            conn.settimeout(10)
            try:
                while conn.recv(65536):
                    pass
            except OSError:
                pass
        except Exception as error:  # reported by the figure
            self.error = "%s: %s" % (type(error).__name__, error)
        finally:
            if conn is not None:
                conn.close()
            self.sock.close()
            self.done.set()
