#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-2.0-or-later
"""cutserve.py FILE KEEP: an HTTP server for one connection on stdin and
stdout, run by QEMU's slirp for each guest connection (-netdev user,
guestfwd=tcp:ADDR:80-cmd:python3 cutserve.py FILE KEEP).  It reads the
request, answers 200 with the whole file's Content-Length, sends only
the first KEEP bytes and closes the connection: a download cut short by
the server, as iPXE sees one when a server dies mid-file."""
import sys


def main():
    path, keep = sys.argv[1], int(sys.argv[2])
    stdin = sys.stdin.buffer
    # The request: read up to the blank line ending its header
    while True:
        line = stdin.readline()
        if not line or line in (b"\r\n", b"\n"):
            break
    with open(path, "rb") as f:
        data = f.read()
    out = sys.stdout.buffer
    out.write(b"HTTP/1.1 200 OK\r\nContent-Type: application/octet-stream\r\n"
              b"Content-Length: %d\r\nConnection: close\r\n\r\n" % len(data))
    out.write(data[:keep])
    out.flush()


if __name__ == "__main__":
    main()
