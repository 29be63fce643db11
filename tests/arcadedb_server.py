"""Runs an ArcadeDB server with its Bolt plugin in a process of its own.

The JVM (through JPype) stays out of the test process: shutting a JVM down in
a process that also holds other native engines can crash at exit. Protocol on
stdin/stdout, one line each: the server prints ``READY``; ``create NAME``
creates a database and answers ``OK``; end of input stops the server.

    python tests/arcadedb_server.py ROOT PASSWORD HTTP_PORT BOLT_PORT
"""

from __future__ import annotations

import socket
import subprocess
import sys
from pathlib import Path

__all__ = ["BoltServer", "free_port"]


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


class BoltServer:
    """An ArcadeDB server (Bolt plugin on 127.0.0.1) in a child process; see arcadedb_server.py."""

    def __init__(self, root: Path, password: str) -> None:
        self.password = password
        self.bolt_port = free_port()
        self.process = subprocess.Popen(
            [sys.executable, __file__, str(root), password,
             str(free_port()), str(self.bolt_port)],
            stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, text=True,
            cwd=root,  # ArcadeDB writes log/ into its working folder: keep it out of the repository
        )
        self._expect("READY")

    @property
    def uri(self) -> str:
        return f"bolt://127.0.0.1:{self.bolt_port}"

    def _expect(self, word: str) -> None:
        assert self.process.stdout is not None
        line = self.process.stdout.readline().strip()
        if line != word:
            raise RuntimeError(f"ArcadeDB server said {line!r}, expected {word!r} (exit code {self.process.poll()})")

    def create_database(self, name: str) -> None:
        assert self.process.stdin is not None
        self.process.stdin.write(f"create {name}\n")
        self.process.stdin.flush()
        self._expect("OK")

    def stop(self) -> None:
        if self.process.stdin:
            self.process.stdin.close()
        try:
            self.process.wait(timeout=60)
        except Exception:
            self.process.kill()




def main() -> None:
    import arcadedb_embedded as arcadedb

    root, password, http_port, bolt_port = sys.argv[1:5]
    server = arcadedb.create_server(
        root_path=root,
        root_password=password,
        config={
            "http_port": int(http_port),
            "host": "127.0.0.1",
            "server_plugins": "Bolt:com.arcadedb.bolt.BoltProtocolPlugin",
            "bolt_port": int(bolt_port),
        },
    )
    server.start()
    print("READY", flush=True)
    try:
        for line in sys.stdin:
            command, _, name = line.strip().partition(" ")
            if command == "create" and name.isidentifier():
                server.create_database(name)
                print("OK", flush=True)
            else:
                print(f"ERROR unknown command {line.strip()!r}", flush=True)
    finally:
        server.stop()


if __name__ == "__main__":
    main()
