#!/usr/bin/env python3
"""An UnrealCV client written from the protocol text alone (standard library only).

Usage: independent_client.py PORT
Connects over TCP, checks the welcome, sends a few requests and prints one `key=value` line per
finding for the C# test to assert. Exits non-zero on any protocol violation.
"""
import socket
import struct
import sys

MAGIC = 0x9E2B83C1


def recv_exact(sock, count):
    data = b""
    while len(data) < count:
        chunk = sock.recv(count - len(data))
        if not chunk:
            raise EOFError("connection closed")
        data += chunk
    return data


def read_frame(sock):
    magic, length = struct.unpack("<II", recv_exact(sock, 8))
    if magic != MAGIC:
        raise ValueError("bad magic 0x%08X" % magic)
    return recv_exact(sock, length)


def send_frame(sock, payload):
    sock.sendall(struct.pack("<II", MAGIC, len(payload)) + payload)


def request(sock, request_id, command):
    send_frame(sock, b"%d:%s" % (request_id, command.encode("ascii")))
    payload = read_frame(sock)
    prefix, _, body = payload.partition(b":")
    if int(prefix) != request_id:
        raise ValueError("reply id %s does not answer %d" % (prefix, request_id))
    return body


def main():
    port = int(sys.argv[1])
    sock = socket.create_connection(("127.0.0.1", port), timeout=10)
    welcome = read_frame(sock).decode("utf-8")
    print("welcome=" + welcome)

    status = request(sock, 0, "vget /unrealcv/status").decode("utf-8")
    lines = status.split("\n")
    print("status_first=" + lines[0])
    print("status_connected=" + lines[1])
    print("status_ends_with_newline=" + str(status.endswith("\n")))
    width = height = None
    for line in lines:
        if line.startswith("Width: "):
            width = int(line[len("Width: "):])
        if line.startswith("Height: "):
            height = int(line[len("Height: "):])

    print("echo=" + request(sock, 1, "vget /unrealcv/echo independent").decode("utf-8"))
    objects = request(sock, 2, "vget /objects").decode("utf-8")
    print("objects_trailing_space=" + str(objects.endswith(" ")))
    print("objects_has_worldsettings=" + str("WorldSettings" in objects.split()))
    print("version=" + request(sock, 3, "vget /unrealcv/version").decode("utf-8"))
    print("unknown=" + request(sock, 4, "vget /no/such/thing").decode("utf-8"))

    bmp = request(sock, 5, "vget /camera/0/lit bmp")
    print("bmp_len=%d" % len(bmp))
    print("bmp_expected_len=%d" % (58 + 4 * width * height))
    print("bmp_magic=" + bmp[:2].decode("ascii"))
    # Real clients take the last 4*W*H bytes as BGRA rows.
    pixels = bmp[-4 * width * height:]
    print("bmp_alpha_all_255=" + str(all(pixels[i] == 255 for i in range(3, len(pixels), 4 * 97))))
    sock.close()


if __name__ == "__main__":
    main()
