#!/usr/bin/env python3
"""Exit 0 if 127.0.0.1:PORT can be listened on, else say so and exit 1.

`make demo` runs this before it installs, migrates or starts anything, so a taken port
fails at once and leaves nothing running.
"""

import socket
import sys


def port_free(host: str, port: int) -> bool:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as probe:
        try:
            probe.bind((host, port))
        except OSError:
            return False
    return True


def main() -> int:
    raw = sys.argv[1] if len(sys.argv) > 1 else "8000"
    if not raw.isdigit() or not 0 < int(raw) < 65536:
        print(f"PORT must be a number from 1 to 65535, not {raw!r}.", file=sys.stderr)
        return 2
    port = int(raw)
    if not port_free("127.0.0.1", port):
        print(
            f"Port {port} is already in use on 127.0.0.1. Stop what is using it, or choose "
            f"another port: make demo PORT={port + 1 if port < 65535 else 8080}",
            file=sys.stderr,
        )
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
