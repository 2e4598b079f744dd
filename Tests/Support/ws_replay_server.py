#!/usr/bin/env python3
"""A WebSocket server for tests (standard library only) that replays a JSON-lines file.

Each connection follows the next step of --plan (comma-separated):

  drop:N     the first N lines, then the TCP connection is cut without a close frame
  garbage:N  the first N lines, then a malformed frame (a ping with a 200-byte payload; control
             frames carry at most 125), then it waits for the client to give up the connection
  reset:N    the first N lines, then a TCP reset (SO_LINGER 0)
  hangup     accepts the TCP connection and closes it before the WebSocket handshake
  whole      a ping (the client must answer it with a pong carrying the same bytes), every line
             as its own text message, then a clean close
  big        a ping as for whole, then every line in ONE text message padded with spaces inside
             each JSON object to at least --big-bytes, then a clean close

Without --plan it is "drop:--drop-after,whole". --tls CERT KEY serves wss:// instead of ws://.
It prints its port on the first line of standard output and exits after the plan's last
connection, or after --timeout seconds without one. A connection whose TLS handshake fails (the
client refused the certificate) uses up its step too.
"""
import argparse
import base64
import hashlib
import socket
import ssl
import struct
import sys
import time

GUID = "258EAFA5-E914-47DA-95CA-C5AB0DC85B11"


def log(text):
    print(text, file=sys.stderr, flush=True)


def recv_exact(conn, count):
    data = b""
    while len(data) < count:
        chunk = conn.recv(count - len(data))
        if not chunk:
            raise ConnectionError("closed by the client")
        data += chunk
    return data


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


def read_frame(conn):
    """One frame from the client (clients mask their frames): (opcode, payload)."""
    first, second = recv_exact(conn, 2)
    length = second & 0x7F
    if length == 126:
        length = int.from_bytes(recv_exact(conn, 2), "big")
    elif length == 127:
        length = int.from_bytes(recv_exact(conn, 8), "big")
    mask = recv_exact(conn, 4) if second & 0x80 else b"\0\0\0\0"
    payload = bytes(b ^ mask[i % 4] for i, b in enumerate(recv_exact(conn, length)))
    return first & 0x0F, payload


def ping_and_expect_pong(conn):
    conn.sendall(frame(0x9, b"tikscore-ping"))
    opcode, payload = read_frame(conn)
    if opcode != 0xA or payload != b"tikscore-ping":
        raise ConnectionError("expected a pong with the ping's bytes, got opcode %d %r" % (opcode, payload[:20]))


def clean_close(conn):
    conn.sendall(frame(0x8, (1000).to_bytes(2, "big")))
    try:
        while conn.recv(65536):
            pass
    except OSError:
        pass


def wait_for_client_close(conn):
    try:
        while conn.recv(65536):
            pass
    except OSError:
        pass


def padded(lines, total):
    """The lines joined by newlines, each object padded with spaces after its "{" to reach total bytes."""
    body = sum(len(line.encode()) + 1 for line in lines)
    per_line = max(0, (total - body) // max(1, len(lines)) + 1)
    pad = " " * per_line
    return "\n".join(("{" + pad + line[1:]) if line.startswith("{") else line for line in lines).encode()


def serve(conn, step, lines, big_bytes):
    name, _, count = step.partition(":")
    n = int(count) if count else len(lines)
    if name == "hangup":
        return
    handshake(conn)
    # Like a real feed, nothing goes wrong in the very first moment after the handshake.
    time.sleep(0.2)
    if name == "drop":
        for line in lines[:n]:
            conn.sendall(frame(0x1, line.encode()))
        time.sleep(0.3)
        conn.shutdown(socket.SHUT_RDWR)
    elif name == "garbage":
        for line in lines[:n]:
            conn.sendall(frame(0x1, line.encode()))
        conn.sendall(bytes([0x89, 126]) + (200).to_bytes(2, "big") + b"x" * 200)
        wait_for_client_close(conn)
    elif name == "reset":
        for line in lines[:n]:
            conn.sendall(frame(0x1, line.encode()))
        time.sleep(0.3)
        conn.setsockopt(socket.SOL_SOCKET, socket.SO_LINGER, struct.pack("ii", 1, 0))
    elif name == "whole":
        ping_and_expect_pong(conn)
        for line in lines:
            conn.sendall(frame(0x1, line.encode()))
        clean_close(conn)
    elif name == "big":
        ping_and_expect_pong(conn)
        message = padded(lines, big_bytes)
        log("big: one message of %d bytes, %d lines" % (len(message), len(lines)))
        conn.sendall(frame(0x1, message))
        clean_close(conn)
    else:
        raise ValueError("unknown plan step %r" % step)


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("file")
    parser.add_argument("--drop-after", type=int, default=10)
    parser.add_argument("--plan")
    parser.add_argument("--tls", nargs=2, metavar=("CERT", "KEY"))
    parser.add_argument("--big-bytes", type=int, default=20 * 1000 * 1000)
    parser.add_argument("--timeout", type=float, default=60)
    args = parser.parse_args()
    with open(args.file, encoding="utf-8") as f:
        lines = [line.rstrip("\n") for line in f if line.strip()]
    plan = (args.plan or "drop:%d,whole" % args.drop_after).split(",")
    context = None
    if args.tls:
        context = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
        context.load_cert_chain(args.tls[0], args.tls[1])
    server = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
    server.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    server.bind(("127.0.0.1", 0))
    server.listen(4)
    server.settimeout(args.timeout)
    print(server.getsockname()[1], flush=True)
    for index, step in enumerate(plan):
        try:
            conn, _ = server.accept()
        except socket.timeout:
            break
        conn.settimeout(args.timeout)
        try:
            if context is not None:
                conn = context.wrap_socket(conn, server_side=True)
            serve(conn, step, lines, args.big_bytes)
        except (ConnectionError, OSError, ssl.SSLError) as error:
            log("connection %d (%s): %s" % (index, step, error))
        finally:
            conn.close()
    server.close()


if __name__ == "__main__":
    main()
