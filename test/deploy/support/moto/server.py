"""A moto server on a free loopback port, with the workarounds of workarounds.py applied.

Started by launcher.ts. It prints one JSON line on stdout once the server listens:
{"port": N, "readBackDifferences": [...]}, then serves until its
standard input closes, so it never outlives the test process that started it.
The account comes from MOTO_ACCOUNT_ID, which moto reads on every request. With
--execute, moto's Step Functions interpreter runs executions, with the workarounds it needs;
with --mock-config=PATH as well, an execution started on '<stateMachineArn>#<TestCase>' takes
its Tasks' answers from that AWS-format mock configuration file.
"""

import json
import os
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))

from moto.server import ThreadedMotoServer  # noqa: E402

import workarounds  # noqa: E402


def main() -> None:
    execute = "--execute" in sys.argv[1:]
    mock_config = next((arg.split("=", 1)[1] for arg in sys.argv[1:] if arg.startswith("--mock-config=")), None)
    if execute:
        from moto.core.config import default_user_config

        # moto runs executions only when asked to; otherwise they stay RUNNING forever.
        # http://docs.getmoto.org/en/latest/docs/services/stepfunctions.html
        default_user_config["stepfunctions"] = {"execute_state_machine": True}
    workarounds.apply_all(execute, mock_config)
    server = ThreadedMotoServer(ip_address="127.0.0.1", port=0, verbose=False)
    server.start()
    _, port = server.get_host_and_port()
    # The interpreter calls the other services at localhost:$MOTO_PORT.
    os.environ["MOTO_PORT"] = str(port)
    ready = {
        "port": port,
        "readBackDifferences": [d.as_json() for d in workarounds.READ_BACK_DIFFERENCES],
    }
    print(json.dumps(ready), flush=True)
    sys.stdin.read()
    # The server's thread is a daemon: returning ends the process at once, where a graceful
    # stop would wait on the clients' keep-alive connections. Its state is in memory only.


if __name__ == "__main__":
    main()
