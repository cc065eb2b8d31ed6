"""A moto server on a free loopback port, with the workarounds of workarounds.py applied.

Started by launcher.ts. It prints one JSON line on stdout once the server listens:
{"port": N, "motoVersion": "...", "readBackDifferences": [...]}, then serves until its
standard input closes, so it never outlives the test process that started it.
The account comes from MOTO_ACCOUNT_ID, which moto reads on every request.
"""

import json
import os
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))

import moto  # noqa: E402
from moto.server import ThreadedMotoServer  # noqa: E402

import workarounds  # noqa: E402


def main() -> None:
    workarounds.apply_all()
    server = ThreadedMotoServer(ip_address="127.0.0.1", port=0, verbose=False)
    server.start()
    _, port = server.get_host_and_port()
    ready = {
        "port": port,
        "motoVersion": moto.__version__,
        "readBackDifferences": [d.as_json() for d in workarounds.READ_BACK_DIFFERENCES],
    }
    print(json.dumps(ready), flush=True)
    sys.stdin.read()
    # The server's thread is a daemon: returning ends the process at once, where a graceful
    # stop would wait on the clients' keep-alive connections. Its state is in memory only.


if __name__ == "__main__":
    main()
