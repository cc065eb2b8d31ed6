"""Starts an execution while moto copies the state machine for another, in one process.

Usage: python3 start-during-copy.py

moto's server runs each request in a thread of its own, and StartExecution copies the state
machine (the workaround "A second execution in a region" in test/deploy/support/moto/workarounds.py).
Which StartExecution a thread switch lands inside that copy depends on the machine's load; this
script makes the switch happen there every time: a probe on the machine starts the second
execution, from another thread, in the middle of the first one's copy, and waits for it.

Prints JSON: the names of the executions moto lists for the machine, and of those
DescribeExecution finds, in the order they started. AWS keeps both.
"""

import json
import os
import sys
import threading

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "moto"))

import workarounds  # noqa: E402

ACCOUNT, REGION = "111122223333", "eu-west-1"
NAMES = ("first", "second")


def main() -> None:
    from moto.core.config import default_user_config
    from moto.stepfunctions.exceptions import ExecutionDoesNotExist
    from moto.stepfunctions.parser.models import stepfunctions_parser_backends

    default_user_config["stepfunctions"] = {"execute_state_machine": True}
    next(p for p in workarounds.EXECUTION_PATCHES if p.name == "A second execution in a region").apply()
    backend = stepfunctions_parser_backends[ACCOUNT][REGION]
    machine = backend.create_state_machine(
        name="copied",
        definition=json.dumps({"StartAt": "A", "States": {"A": {"Type": "Pass", "End": True}}}),
        roleArn=f"arn:aws:iam::{ACCOUNT}:role/copied",
    )

    class Probe:
        """Copied with the machine: the first copy starts the second execution and waits for it."""

        fired = False

        def __deepcopy__(self, memo):
            if not Probe.fired:
                Probe.fired = True
                second = threading.Thread(target=backend.start_execution, args=(machine.arn, NAMES[1], "{}"))
                second.start()
                second.join()
            return self

    machine.probe = Probe()
    backend.start_execution(machine.arn, NAMES[0], "{}")

    def found(name: str) -> bool:
        try:
            backend.describe_execution(f"arn:aws:states:{REGION}:{ACCOUNT}:execution:{machine.name}:{name}")
        except ExecutionDoesNotExist:
            return False
        return True

    executions, _next_token = backend.list_executions(machine.arn)
    listed = sorted((e.name for e in executions), key=NAMES.index)
    print(json.dumps({"listed": listed, "described": [name for name in NAMES if found(name)]}))


if __name__ == "__main__":
    main()
