#!/usr/bin/env python3
"""A WebSocket server for tests (standard library only) that replays a JSON-lines file.

The first connection gets the first --drop-after lines, then the TCP connection is cut without
a close frame (a dropped connection). Every later connection gets the whole file, then a clean
close. It prints its port on the first line of standard output and exits after --connections
connections, or after --timeout seconds.
"""
import argparse
import base64
import hashlib
import socket
import sys

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


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("file")
    parser.add_argument("--drop-after", type=int, default=10)
    parser.add_argument("--connections", type=int, default=2)
    parser.add_argument("--timeout", type=float, default=60)
    args = parser.parse_args()
    with open(args.file, encoding="utf-8") as f:
        lines = [line.rstrip("\n") for line in f if line.strip()]
    server = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
    server.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    server.bind(("127.0.0.1", 0))
    server.listen(4)
    server.settimeout(args.timeout)
    print(server.getsockname()[1], flush=True)
    for index in range(args.connections):
        try:
            conn, _ = server.accept()
        except socket.timeout:
            break
        conn.settimeout(args.timeout)
        try:
            handshake(conn)
            if index == 0:
                for line in lines[: args.drop_after]:
                    conn.sendall(frame(0x1, line.encode()))
                conn.shutdown(socket.SHUT_RDWR)
            else:
                conn.sendall(frame(0x9, b"ping"))
                for line in lines:
                    conn.sendall(frame(0x1, line.encode()))
                conn.sendall(frame(0x8, (1000).to_bytes(2, "big")))
                try:
                    conn.recv(1024)
                except OSError:
                    pass
        except (ConnectionError, OSError) as error:
            print("connection %d: %s" % (index, error), file=sys.stderr, flush=True)
        finally:
            conn.close()
    server.close()


if __name__ == "__main__":
    main()
