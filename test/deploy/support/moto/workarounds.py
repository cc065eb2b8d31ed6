"""Every workaround the deploy suite needs for moto 5.2.1, in one place.

Each entry says what moto does (file and behaviour), what AWS does instead, and why covering
the gap cannot hide a defect in this module. A patch first checks that the gap is still
there and raises when it is not, so that upgrading moto shows which workarounds to drop
instead of leaving them to cover code that no longer needs them.

READ_BACK_DIFFERENCES are not patched: they are values that moto stores or reports
differently from AWS, which show up as changes in a second plan. The deploy suite's plan
check ignores exactly these attributes of these resource types, under these conditions,
and nothing else.
"""

from dataclasses import dataclass
from typing import Callable


@dataclass(frozen=True)
class Workaround:
    name: str
    moto: str
    aws: str
    safe_because: str
    apply: Callable[[], None]


def _require_missing(cls: type, method: str) -> None:
    if hasattr(cls, method):
        raise RuntimeError(
            f"moto now implements {cls.__name__}.{method}: drop its workaround from {__file__}."
        )


def _validate_state_machine_definition() -> None:
    import os
    import subprocess
    import tempfile

    from moto.core.responses import ActionResult
    from moto.stepfunctions.parser.asl.static_analyser.static_analyser import StaticAnalyser
    from moto.stepfunctions.responses import StepFunctionResponse

    _require_missing(StepFunctionResponse, "validate_state_machine_definition")
    # launcher.ts names the Node binary and asl-validator's command line.
    node, validator = os.environ["FINETUNE_NODE"], os.environ["FINETUNE_ASL_VALIDATOR"]

    def problems(definition: str) -> list[str]:
        try:
            StaticAnalyser().analyse(definition)
        except Exception as error:  # the analyser raises its parser's errors and plain ones alike
            return [repr(error)]
        with tempfile.NamedTemporaryFile("w", suffix=".json") as file:
            file.write(definition)
            file.flush()
            checked = subprocess.run([node, validator, "--json-path", file.name], capture_output=True, text=True)
        if checked.returncode == 0:
            return []
        return [line for line in (checked.stdout + checked.stderr).splitlines()[1:] if line.strip()]

    def validate_state_machine_definition(self: StepFunctionResponse) -> ActionResult:
        found = problems(self._get_param("definition"))
        return ActionResult(
            {
                "result": "FAIL" if found else "OK",
                "diagnostics": [
                    {"severity": "ERROR", "code": "SCHEMA_VALIDATION_FAILED", "message": message} for message in found
                ],
                "truncated": False,
            }
        )

    StepFunctionResponse.validate_state_machine_definition = validate_state_machine_definition


def _list_state_machine_versions() -> None:
    from moto.core.responses import ActionResult
    from moto.stepfunctions.responses import StepFunctionResponse

    _require_missing(StepFunctionResponse, "list_state_machine_versions")

    def list_state_machine_versions(self: StepFunctionResponse) -> ActionResult:
        machine = self.stepfunction_backend.describe_state_machine(self._get_param("stateMachineArn"))
        versions = sorted(machine.versions.values(), key=lambda v: v.creation_date, reverse=True)
        return ActionResult(
            {
                "stateMachineVersions": [
                    {"stateMachineVersionArn": v.arn, "creationDate": v.creation_date} for v in versions
                ]
            }
        )

    StepFunctionResponse.list_state_machine_versions = list_state_machine_versions


PATCHES = [
    Workaround(
        name="ValidateStateMachineDefinition",
        moto=(
            "moto/stepfunctions/responses.py has no validate_state_machine_definition, so the "
            "call answers HTTP 500; the AWS provider calls it before creating or updating an "
            "aws_sfn_state_machine and retries the 500 for many minutes."
        ),
        aws=(
            "Validates the definition and returns OK, or FAIL with diagnostics, which the "
            "provider reports as an error. "
            "https://docs.aws.amazon.com/step-functions/latest/apireference/API_ValidateStateMachineDefinition.html"
        ),
        safe_because=(
            "It answers FAIL, with diagnostics, for any definition that the static analyser of "
            "moto's own ASL interpreter (moto/stepfunctions/parser/asl/static_analyser) cannot "
            "parse, or that asl-validator refuses: the analyser knows the grammar and every "
            "field, asl-validator the references (StartAt, Next, reachability) that the "
            "analyser does not check. A definition AWS would refuse still fails the apply."
        ),
        apply=_validate_state_machine_definition,
    ),
    Workaround(
        name="ListStateMachineVersions",
        moto=(
            "moto/stepfunctions/responses.py has no list_state_machine_versions, so the call "
            "answers HTTP 500; the AWS provider calls it to read an aws_sfn_state_machine "
            "back and retries the 500 for many minutes."
        ),
        aws=(
            "Lists the machine's published versions, newest first. "
            "https://docs.aws.amazon.com/step-functions/latest/apireference/API_ListStateMachineVersions.html"
        ),
        safe_because=(
            "It answers from the versions moto's backend already keeps for the machine; the "
            "module never publishes a version, so AWS would list none either."
        ),
        apply=_list_state_machine_versions,
    ),
]


def _jsonata_evaluator() -> None:
    import itertools
    import json
    import os
    import subprocess
    import threading
    from concurrent.futures import Future

    from moto.stepfunctions.parser.asl.jsonata import jsonata

    if jsonata._eval_jsonata is not None:
        raise RuntimeError(f"moto now evaluates JSONata itself: drop its workaround from {__file__}.")
    # launcher.ts names the Node binary and the bridge; one process serves every evaluation.
    bridge = subprocess.Popen(
        [os.environ["FINETUNE_NODE"], os.environ["FINETUNE_JSONATA_BRIDGE"]],
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        text=True,
    )
    # Each request carries an ID that its answer repeats, so the executions running at once send
    # theirs without waiting for each other's answers: with one request at a time, 126 executions
    # spent most of their run queued for the bridge, which took a wake-up per evaluation.
    ids = itertools.count()
    waiting: dict[int, Future] = {}
    writing = threading.Lock()

    def read_answers() -> None:
        for line in bridge.stdout:
            answer = json.loads(line)
            waiting.pop(answer["id"]).set_result(answer)
        for request in list(waiting):
            waiting.pop(request).set_exception(RuntimeError(f"The JSONata bridge exited with {bridge.wait()}."))

    threading.Thread(target=read_answers, name="jsonata-bridge", daemon=True).start()

    def evaluate(expression: str):
        request, answer = next(ids), Future()
        waiting[request] = answer
        with writing:
            bridge.stdin.write(json.dumps({"id": request, "expression": expression}) + "\n")
            bridge.stdin.flush()
        answered = answer.result()
        if "error" in answered:
            raise jsonata.JSONataException("UNKNOWN", answered["error"])
        return answered["value"]

    jsonata._eval_jsonata = evaluate


def _escaped_string_variables() -> None:
    import json

    from moto.stepfunctions.parser.asl.jsonata import jsonata

    original = jsonata.encode_jsonata_variable_declarations
    if original({"$x": '"'}) != '$x:=""";':
        raise RuntimeError(f"moto now escapes string variables: drop its workaround from {__file__}.")

    def encode(bindings: dict) -> str:
        # JSON's string literals are JSONata's; every other value was already encoded as JSON.
        return "".join(
            f"{name}:={json.dumps(value) if isinstance(value, str) else original({name: value})[len(name) + 2:-1]};"
            for name, value in bindings.items()
        )

    # The interpreter's modules that imported the encoder by name, and so hold their own reference.
    from moto.stepfunctions.parser.asl.eval import states, variable_store

    for module in (jsonata, states, variable_store):
        if module.encode_jsonata_variable_declarations is not original:
            raise RuntimeError(f"{module.__name__} no longer imports moto's encoder: revisit {__file__}.")
        module.encode_jsonata_variable_declarations = encode


def _service_shapes() -> None:
    import functools

    import botocore.session
    from botocore import xform_name
    from moto.stepfunctions.parser.asl.component.state.exec.state_task.service.state_task_service import (
        StateTaskService,
    )

    # The base class's normalisers are empty stubs in moto; LocalStack's own version fills them.
    for method in ("_normalise_parameters", "_normalise_response"):
        code = getattr(StateTaskService, method).__code__
        if code.co_code != (lambda *a, **k: None).__code__.co_code:
            raise RuntimeError(f"moto now implements StateTaskService.{method}: drop its workaround from {__file__}.")

    session = botocore.session.get_session()

    @functools.lru_cache(maxsize=None)
    def operation(service: str, action: str):
        model = session.get_service_model(service)
        name = next(op for op in model.operation_names if xform_name(op) == action)
        return model.operation_model(name)

    def _normalise_parameters(self, parameters, boto_service_name=None, service_action_name=None):
        shape = operation(self._get_boto_service_name(boto_service_name), self._get_boto_service_action(service_action_name))
        self._to_boto_request(parameters, shape.input_shape)

    def _normalise_response(self, response, boto_service_name=None, service_action_name=None):
        shape = operation(self._get_boto_service_name(boto_service_name), self._get_boto_service_action(service_action_name))
        self._from_boto_response(response, shape.output_shape)

    StateTaskService._normalise_parameters = _normalise_parameters
    StateTaskService._normalise_response = _normalise_response


def _fargate_task_memory() -> None:
    import copy

    from moto.ecs.models import EC2ContainerServiceBackend

    original = EC2ContainerServiceBackend._calculate_task_resource_requirements

    def requirements(task_definition):
        # Fargate tasks are not placed on container instances, so a container without its own
        # memory needs none of an instance's; moto adds None and crashes instead.
        patched = copy.copy(task_definition)
        memory_keys = ("memory", "memoryReservation", "Memory", "MemoryReservation")
        patched.container_definitions = [
            d if any(k in d for k in memory_keys) else {**d, "memory": 0} for d in task_definition.container_definitions
        ]
        return original(patched)

    EC2ContainerServiceBackend._calculate_task_resource_requirements = staticmethod(requirements)


def _container_exit_codes() -> None:
    from moto.core.responses import ActionResult
    from moto.ecs.responses import EC2ContainerServiceResponse

    _require_missing(EC2ContainerServiceResponse, "submit_container_state_change")

    def submit_container_state_change(self: EC2ContainerServiceResponse) -> ActionResult:
        cluster = self._get_param("cluster", "default")
        task = self.ecs_backend.describe_tasks(cluster, [self._get_param("task")])[0]
        container = next(c for c in task.containers if c.name == self._get_param("containerName"))
        container.exitCode = self._get_param("exitCode")
        container.last_status = self._get_param("status", container.last_status)
        return ActionResult({"acknowledgment": "ACK"})

    EC2ContainerServiceResponse.submit_container_state_change = submit_container_state_change


def _run_task_sync_exit_codes() -> None:
    from moto.stepfunctions.parser.api import HistoryEventType, TaskFailedEventDetails
    from moto.stepfunctions.parser.asl.component.common.error_name.failure_event import (
        FailureEvent,
        FailureEventException,
    )
    from moto.stepfunctions.parser.asl.component.common.error_name.states_error_name import StatesErrorName
    from moto.stepfunctions.parser.asl.component.common.error_name.states_error_name_type import (
        StatesErrorNameType,
    )
    from moto.stepfunctions.parser.asl.component.state.exec.state_task.service.state_task_service_ecs import (
        StateTaskServiceEcs,
    )
    from moto.stepfunctions.parser.asl.eval.event.event_detail import EventDetails
    from moto.stepfunctions.parser.asl.utils.encoding import to_json_str

    original = StateTaskServiceEcs._build_sync_resolver

    def _build_sync_resolver(self, env, resource_runtime_part, normalised_parameters, state_credentials):
        resolve = original(self, env, resource_runtime_part, normalised_parameters, state_credentials)

        def resolve_with_exit_codes():
            task = resolve()
            if task is None or all(c.get("ExitCode") == 0 for c in task.get("Containers", [])):
                return task
            failed = StatesErrorNameType.StatesTaskFailed
            raise FailureEventException(
                FailureEvent(
                    env=env,
                    error_name=StatesErrorName(typ=failed),
                    event_type=HistoryEventType.TaskFailed,
                    event_details=EventDetails(
                        taskFailedEventDetails=TaskFailedEventDetails(
                            resource=self._get_sfn_resource(),
                            resourceType=self._get_sfn_resource_type(),
                            error=failed.to_name(),
                            cause=to_json_str(task),
                        )
                    ),
                )
            )

        return resolve_with_exit_codes

    StateTaskServiceEcs._build_sync_resolver = _build_sync_resolver


def _start_execution_copies() -> None:
    import copy
    import types

    from moto.stepfunctions.models import StateMachine
    from moto.stepfunctions.parser import models

    if models.copy is not copy:
        raise RuntimeError(f"moto/stepfunctions/parser/models.py no longer copies with copy: revisit {__file__}.")

    def deepcopy(value, memo=None):
        if not isinstance(value, StateMachine):
            return copy.deepcopy(value, memo)
        # The copy needs the definition and configuration only: it shares the backend, which
        # holds every other execution and their locks, and starts with no executions. Both are
        # said through deepcopy's memo, never by setting them aside on the machine itself: the
        # server starts executions in threads of its own, and another StartExecution appending to
        # the machine's list, or reading it, meanwhile would find it empty.
        memo = {} if memo is None else memo
        memo[id(value.backend)] = value.backend
        memo[id(value.executions)] = []
        return copy.deepcopy(value, memo)

    # The module's only use of copy is start_execution's copy of the machine.
    models.copy = types.SimpleNamespace(deepcopy=deepcopy)


def _execution_names() -> None:
    import uuid

    from moto.stepfunctions.parser.models import StepFunctionsParserBackend

    original = StepFunctionsParserBackend.start_execution

    def start_execution(self, state_machine_arn, name=None, execution_input=None, trace_header=None):
        return original(self, state_machine_arn, name or str(uuid.uuid4()), execution_input, trace_header)

    StepFunctionsParserBackend.start_execution = start_execution


def _states_error_names(module, what: str) -> None:
    """`module` raises `what` under a custom error name, which refuses Step Functions' own names."""
    from moto.stepfunctions.parser.asl.component.common.error_name.custom_error_name import CustomErrorName
    from moto.stepfunctions.parser.asl.component.common.error_name.states_error_name import StatesErrorName

    if module.CustomErrorName is not CustomErrorName:
        raise RuntimeError(f"{module.__name__} no longer names {what} as custom: revisit {__file__}.")

    # Called as moto calls CustomErrorName: with error_name by position or by keyword.
    def named(error_name):
        if error_name is not None and error_name.startswith("States."):
            return StatesErrorName.from_name(error_name)
        return CustomErrorName(error_name=error_name)

    module.CustomErrorName = named


def _parallel_branch_errors() -> None:
    from moto.stepfunctions.parser.asl.component.state.exec.state_parallel import branches_decl

    _states_error_names(branches_decl, "branch errors")


def _terminal_errors() -> None:
    from moto.stepfunctions.parser.asl.component.common.error_name.error_equals_decl import ErrorEqualsDecl
    from moto.stepfunctions.parser.asl.component.common.error_name.states_error_name import StatesErrorName
    from moto.stepfunctions.parser.asl.component.common.error_name.states_error_name_type import (
        StatesErrorNameType,
    )
    from moto.stepfunctions.parser.asl.eval.environment import Environment

    terminal = {"States.Runtime", "States.DataLimitExceeded"}
    original = ErrorEqualsDecl._eval_body
    probe = Environment.__new__(Environment)
    probe.stack = [StatesErrorName(typ=StatesErrorNameType.StatesRuntime)]
    original(ErrorEqualsDecl([StatesErrorName(typ=StatesErrorNameType.StatesALL)]), probe)
    if probe.stack != [True]:
        raise RuntimeError(f"moto's States.ALL no longer catches States.Runtime: drop its workaround from {__file__}.")

    def _eval_body(self, env):
        error_name = env.stack[-1]
        if isinstance(error_name, StatesErrorName) and error_name.error_name in terminal:
            env.stack.pop()
            env.stack.append(False)
            return
        original(self, env)

    ErrorEqualsDecl._eval_body = _eval_body


def _task_failed_wildcard() -> None:
    from moto.stepfunctions.parser.asl.component.common.error_name.error_equals_decl import ErrorEqualsDecl
    from moto.stepfunctions.parser.asl.component.common.error_name.states_error_name import StatesErrorName
    from moto.stepfunctions.parser.asl.component.common.error_name.states_error_name_type import (
        StatesErrorNameType,
    )
    from moto.stepfunctions.parser.asl.eval.environment import Environment

    task_failed = StatesErrorName(typ=StatesErrorNameType.StatesTaskFailed)
    original = ErrorEqualsDecl._eval_body
    probe = Environment.__new__(Environment)
    probe.stack = [StatesErrorName(typ=StatesErrorNameType.StatesPermissions)]
    original(ErrorEqualsDecl([task_failed]), probe)
    if probe.stack != [False]:
        raise RuntimeError(f"moto's States.TaskFailed now matches States.Permissions: drop its workaround from {__file__}.")
    never = {"States.Timeout", "States.Runtime", "States.DataLimitExceeded"}

    def _eval_body(self, env):
        error_name = env.stack[-1]
        if isinstance(error_name, StatesErrorName) and task_failed in self.error_names and error_name.error_name not in never:
            env.stack.pop()
            env.stack.append(True)
            return
        original(self, env)

    ErrorEqualsDecl._eval_body = _eval_body


def _run_task_errors() -> None:
    from botocore.exceptions import ClientError
    from moto.stepfunctions.parser.api import HistoryEventType, TaskFailedEventDetails
    from moto.stepfunctions.parser.asl.component.common.error_name.custom_error_name import CustomErrorName
    from moto.stepfunctions.parser.asl.component.common.error_name.failure_event import FailureEvent
    from moto.stepfunctions.parser.asl.component.state.exec.state_task.service.state_task_service_ecs import (
        StateTaskServiceEcs,
    )
    from moto.stepfunctions.parser.asl.eval.event.event_detail import EventDetails

    # Its parent's _from_error names every service error States.Runtime.
    if "_from_error" in vars(StateTaskServiceEcs):
        raise RuntimeError(f"moto now names ECS's errors itself: drop its workaround from {__file__}.")
    inherited = StateTaskServiceEcs._from_error

    def _from_error(self, env, ex):
        if not isinstance(ex, ClientError):
            return inherited(self, env, ex)
        code = ex.response["Error"]["Code"]
        error = f"ECS.{code if code.endswith('Exception') else code + 'Exception'}"
        return FailureEvent(
            env=env,
            error_name=CustomErrorName(error),
            event_type=HistoryEventType.TaskFailed,
            event_details=EventDetails(
                taskFailedEventDetails=TaskFailedEventDetails(
                    error=error,
                    cause=ex.response["Error"].get("Message", ""),
                    resource=self._get_sfn_resource(),
                    resourceType=self._get_sfn_resource_type(),
                )
            ),
        )

    StateTaskServiceEcs._from_error = _from_error


def _stopped_branch_timeouts() -> None:
    from moto.stepfunctions.parser.asl.eval.event.event_manager import EventManager

    original = EventManager.add_event

    def add_event(self, context, event_type, event_details=None, *args, **kwargs):
        scheduled = (event_details or {}).get("taskScheduledEventDetails")
        if scheduled is not None and not isinstance(scheduled.get("timeoutInSeconds", 0), int):
            del scheduled["timeoutInSeconds"]
        return original(self, context, event_type, event_details, *args, **kwargs)

    EventManager.add_event = add_event


def _inactive_clusters() -> None:
    from moto.ecs.exceptions import ClusterNotFoundException
    from moto.ecs.models import EC2ContainerServiceBackend

    original = EC2ContainerServiceBackend.run_task

    def run_task(self, cluster_str, *args, **kwargs):
        if self._get_cluster(cluster_str).status == "INACTIVE":
            raise ClusterNotFoundException
        return original(self, cluster_str, *args, **kwargs)

    EC2ContainerServiceBackend.run_task = run_task


EXECUTION_PATCHES = [
    Workaround(
        name="JSONata evaluator",
        moto=(
            "moto/stepfunctions/parser/asl/jsonata/jsonata.py leaves _eval_jsonata as None "
            "(LocalStack evaluates JSONata in a JVM that moto does not ship), so every JSONata "
            "expression fails with a TypeError."
        ),
        aws=(
            "Evaluates JSONata 2. "
            "https://docs.aws.amazon.com/step-functions/latest/dg/transforming-data.html"
        ),
        safe_because=(
            "It evaluates with the reference implementation, the jsonata npm package "
            "(test/deploy/support/moto/jsonata-bridge.js), the exact expression moto composes; an "
            "evaluation error still fails the state as moto's own would."
        ),
        apply=_jsonata_evaluator,
    ),
    Workaround(
        name="String variables in JSONata",
        moto=(
            "moto/stepfunctions/parser/asl/jsonata/jsonata.py: encode_jsonata_variable_declarations "
            "writes a string variable as \"<value>\" without escaping it, so a value holding a "
            "quote, a backslash or a newline (an error's Cause, a JSON document) breaks the "
            "expression it is spliced into."
        ),
        aws=(
            "Variables and $states hold any JSON value, strings included. "
            "https://docs.aws.amazon.com/step-functions/latest/dg/workflow-variables.html"
        ),
        safe_because=(
            "Strings are written as JSON string literals, which JSONata reads as the same "
            "string; every other value is encoded by moto unchanged."
        ),
        apply=_escaped_string_variables,
    ),
    Workaround(
        name="Request and response names",
        moto=(
            "moto/stepfunctions/parser/asl/component/state/exec/state_task/service/state_task_service.py: "
            "StateTaskService._normalise_parameters and _normalise_response are empty, so a Task's "
            "PascalCase Arguments reach boto unconverted (ECS RegisterTaskDefinition fails on 'Family') "
            "and results keep boto's casing."
        ),
        aws=(
            "Step Functions takes every integration's parameters in PascalCase and returns results "
            "in PascalCase, whatever the service API's own casing. "
            "https://docs.aws.amazon.com/step-functions/latest/dg/supported-services-awssdk.html"
        ),
        safe_because=(
            "Names are converted through the operation's input and output shapes in the botocore "
            "models, with moto's own converters (_to_boto_request, _from_boto_response); a name "
            "the model lacks reaches the service as written, and fails there as it would on AWS."
        ),
        apply=_service_shapes,
    ),
    Workaround(
        name="Fargate task without container memory",
        moto=(
            "moto/ecs/models.py: _calculate_task_resource_requirements adds each container's "
            "memory, and a container that sets none adds None, so RunTask crashes with a "
            "TypeError (HTTP 500) for a Fargate task definition with task-level memory only."
        ),
        aws=(
            "For Fargate, container-level memory is optional when the task sets its memory. "
            "https://docs.aws.amazon.com/AmazonECS/latest/developerguide/task_definition_parameters.html#container_definition_memory"
        ),
        safe_because=(
            "Only moto's placement arithmetic sees the container as asking for no memory; the "
            "task definition itself, as the workflow registered it, is stored and described "
            "unchanged, and moto never places Fargate tasks on instances."
        ),
        apply=_fargate_task_memory,
    ),
    Workaround(
        name="SubmitContainerStateChange",
        moto=(
            "moto/ecs/responses.py has no submit_container_state_change, and moto/ecs/models.py "
            "gives every container exitCode 0, so no task can end with a failing container."
        ),
        aws=(
            "The ECS agent reports each container's status and exit code with "
            "SubmitContainerStateChange. "
            "https://docs.aws.amazon.com/AmazonECS/latest/APIReference/API_SubmitContainerStateChange.html"
        ),
        safe_because=(
            "The end-to-end tests call it as the agent would, to say how the data-prep container "
            "exited; the workflow never calls it, and its permissions do not allow it."
        ),
        apply=_container_exit_codes,
    ),
    Workaround(
        name="runTask.sync and exit codes",
        moto=(
            "moto/stepfunctions/parser/asl/component/state/exec/state_task/service/state_task_service_ecs.py: "
            "the .sync resolver returns the described task once it is STOPPED, whatever its "
            "containers' exit codes."
        ),
        aws=(
            "A task whose container exits non-zero fails the state with States.TaskFailed, the "
            "described task as its cause (AWS Copilot's maintainers, who measured it: "
            "https://github.com/aws/copilot-cli/issues/3160; the integration: "
            "https://docs.aws.amazon.com/step-functions/latest/dg/connect-ecs.html)."
        ),
        safe_because=(
            "A task whose containers all exit 0 still succeeds as moto has it; a failing one "
            "fails with AWS's error and cause, which the definition must catch on its own."
        ),
        apply=_run_task_sync_exit_codes,
    ),
    Workaround(
        name="A second execution in a region",
        moto=(
            "moto/stepfunctions/parser/models.py: start_execution deep-copies the state machine, "
            "with its backend and so every execution in the region, so once one runs (holding "
            "threading locks) the next StartExecution fails: cannot pickle '_thread.RLock'."
        ),
        aws=(
            "Starts any number of executions of a machine at once, within the account's quotas. "
            "https://docs.aws.amazon.com/step-functions/latest/dg/service-quotas.html"
        ),
        safe_because=(
            "The copy still holds the machine's definition and configuration as moto made it; it "
            "shares the backend instead of copying it, and leaves out the machine's other "
            "executions, which an execution never reads. The machine itself is never changed "
            "while it is copied: the server answers requests in threads of their own, and a "
            "StartExecution or DescribeExecution meanwhile must find every execution, as on AWS "
            "(test/deploy/moto.test.ts starts one in the middle of another's copy)."
        ),
        apply=_start_execution_copies,
    ),
    Workaround(
        name="Unnamed executions",
        moto=(
            "moto/stepfunctions/parser/models.py: start_execution builds the execution's ARN from "
            "its name, and without one every execution is named None, so a second unnamed one "
            "(a startExecution.sync:2 child) collides with the first."
        ),
        aws=(
            "An execution started without a name gets a UUID. "
            "https://docs.aws.amazon.com/step-functions/latest/apireference/API_StartExecution.html"
        ),
        safe_because=(
            "The definition starts its children without a name, as AWS allows; each now gets a "
            "unique one, as on AWS."
        ),
        apply=_execution_names,
    ),
    Workaround(
        name="Parallel branch errors",
        moto=(
            "moto/stepfunctions/parser/asl/component/state/exec/state_parallel/branches_decl.py "
            "raises a failed branch's error as a custom error name, which refuses any name that "
            "starts with States. (a child's States.TaskFailed), so the Parallel fails with "
            "States.Runtime instead."
        ),
        aws=(
            "A Parallel state fails with the error of the branch that failed. "
            "https://docs.aws.amazon.com/step-functions/latest/dg/state-parallel.html"
        ),
        safe_because=(
            "The branch's error keeps its own name, States.* or not, so the Parallel's catchers see "
            "what AWS would pass them."
        ),
        apply=_parallel_branch_errors,
    ),
    Workaround(
        name="Terminal errors",
        moto=(
            "moto/stepfunctions/parser/asl/component/common/error_name/error_equals_decl.py: States.ALL "
            "matches every error, so a retrier or catcher on it handles States.Runtime and "
            "States.DataLimitExceeded too."
        ),
        aws=(
            "States.ALL \"cannot catch the States.DataLimitExceeded terminal error or Runtime error "
            "types\"; \"A States.Runtime error isn't retriable, and will always cause the execution "
            "to fail.\" https://docs.aws.amazon.com/step-functions/latest/dg/concepts-error-handling.html"
        ),
        safe_because=(
            "It makes moto stricter, as AWS is: a terminal error now ends the execution where it "
            "happens, as it does in the repository's executor; every other error is matched by "
            "moto's own code unchanged."
        ),
        apply=_terminal_errors,
    ),
    Workaround(
        name="States.TaskFailed in a Retry or Catch",
        moto=(
            "moto/stepfunctions/parser/asl/component/common/error_name/error_equals_decl.py: "
            "States.TaskFailed matches only errors whose names are not Step Functions' own, so it "
            "neither retries nor catches States.Permissions."
        ),
        aws=(
            "\"When used in a retry or catch, States.TaskFailed acts as a wildcard that matches any "
            "known error name except for States.Timeout.\" "
            "https://docs.aws.amazon.com/step-functions/latest/dg/concepts-error-handling.html"
        ),
        safe_because=(
            "It matches exactly what the page says, as the repository's executor does; terminal "
            "errors stay unmatched (\"Terminal errors\" above), and every other match is moto's own."
        ),
        apply=_task_failed_wildcard,
    ),
    Workaround(
        name="Errors of the optimized ECS integration",
        moto=(
            "moto/stepfunctions/parser/asl/component/state/exec/state_task/service/state_task_service_ecs.py "
            "has no _from_error, so an ECS error in ecs:runTask.sync (ClusterNotFoundException) is "
            "reported as States.Runtime, the service's message as its cause."
        ),
        aws=(
            "A refused RunTask fails the Task with an error named after the ECS exception, which a "
            "catcher handles: AWS names ECS.AmazonECSException for a RunTask refused for want of "
            "capacity (https://repost.aws/knowledge-center/ecs-fargate-runtask-capacity), where "
            "States.Runtime is never caught (https://docs.aws.amazon.com/step-functions/latest/dg/concepts-error-handling.html)."
        ),
        safe_because=(
            "The error keeps ECS's code under the integration's ECS. prefix, as AWS's names have it, "
            "and the service's message as its cause; the definition retries none of these names and "
            "handles them all alike, so the path and the event are what AWS would give."
        ),
        apply=_run_task_errors,
    ),
    Workaround(
        name="A Task scheduled as its branch is stopped",
        moto=(
            "moto/stepfunctions/parser/asl/component/state/exec/state_task/service/state_task_service.py: "
            "_before_eval_execution evaluates the Task's TimeoutSeconds and takes the top of the stack; "
            "once a failed branch has started stopping the other branches the evaluation is skipped, "
            "so the top is the state's input, which becomes the TaskScheduled event's "
            "timeoutInSeconds, and GetExecutionHistory answers HTTP 500 from then on."
        ),
        aws=(
            "timeoutInSeconds is the Task's timeout, an integer. "
            "https://docs.aws.amazon.com/step-functions/latest/apireference/API_TaskScheduledEventDetails.html"
        ),
        safe_because=(
            "Only that malformed field is dropped, from that event; the states, outcomes and "
            "arguments the tests read are moto's own."
        ),
        apply=_stopped_branch_timeouts,
    ),
    Workaround(
        name="RunTask on a deleted cluster",
        moto=(
            "moto/ecs/models.py: delete_cluster only marks the cluster INACTIVE, and run_task "
            "starts tasks in it all the same."
        ),
        aws=(
            "RunTask refuses an inactive cluster with ClusterNotFoundException. "
            "https://docs.aws.amazon.com/AmazonECS/latest/APIReference/API_RunTask.html#API_RunTask_Errors"
        ),
        safe_because=(
            "The end-to-end suite deletes the cluster to have RunTask refused, as AWS would refuse "
            "it; every other RunTask reaches moto's own unchanged."
        ),
        apply=_inactive_clusters,
    ),
]


def _mock_configuration(path: str):
    """Loads AWS's mock configuration format from `path` and runs `<arn>#<TestCase>` against it."""

    def load() -> None:
        import json
        import threading
        import types

        from moto.stepfunctions.parser.backend import execution_worker
        from moto.stepfunctions.parser.mocking import mock_config
        from moto.stepfunctions.parser.models import StepFunctionsParserBackend

        if mock_config.load_mock_test_case_for("any", "any") is not None:
            raise RuntimeError(f"moto now loads mock configurations itself: drop its workaround from {__file__}.")
        with open(path, encoding="utf8") as file:
            raw = json.load(file)

        # The shape moto's parser reads, as LocalStack's pydantic model gives it.
        def response(model: dict) -> types.SimpleNamespace:
            payload = model.get("Return")
            throw = model.get("Throw")
            return types.SimpleNamespace(
                Return=None if payload is None else types.SimpleNamespace(model_dump=lambda: payload),
                Throw=None if throw is None else types.SimpleNamespace(Error=throw["Error"], Cause=throw["Cause"]),
            )

        config = types.SimpleNamespace(
            StateMachines={
                name: types.SimpleNamespace(
                    TestCases={case: types.SimpleNamespace(root=states) for case, states in machine["TestCases"].items()}
                )
                for name, machine in raw["StateMachines"].items()
            },
            MockedResponses={
                name: {attempts: response(model) for attempts, model in responses.items()}
                for name, responses in raw["MockedResponses"].items()
            },
        )

        def load_mock_test_case_for(state_machine_name: str, test_case_name: str):
            return mock_config._mock_test_case_from_raw(state_machine_name, test_case_name, config)

        mock_config.load_mock_test_case_for = load_mock_test_case_for

        # moto's backend neither reads the test case from the ARN nor hands it to the worker.
        pending = threading.local()
        start_execution = StepFunctionsParserBackend.start_execution

        def start_mocked_execution(self, state_machine_arn, name=None, execution_input=None, trace_header=None):
            base, _, case = state_machine_arn.partition("#")
            if not case:
                return start_execution(self, state_machine_arn, name, execution_input, trace_header)
            pending.test_case = load_mock_test_case_for(self.describe_state_machine(base).name, case)
            try:
                return start_execution(self, base, name, execution_input, trace_header)
            finally:
                pending.test_case = None

        StepFunctionsParserBackend.start_execution = start_mocked_execution
        worker_init = execution_worker.ExecutionWorker.__init__

        def init(self, *args, mock_test_case=None, **kwargs):
            worker_init(self, *args, mock_test_case=mock_test_case or getattr(pending, "test_case", None), **kwargs)

        execution_worker.ExecutionWorker.__init__ = init

    return load


def _mocked_error_names() -> None:
    from moto.stepfunctions.parser.asl.component.state.exec.state_task import mock_eval_utils

    _states_error_names(mock_eval_utils, "mocked errors")


def _retry_waits() -> None:
    import types

    from moto.stepfunctions.parser.asl.component.common.retry import retrier_decl

    if retrier_decl.time.sleep is not __import__("time").sleep:
        raise RuntimeError(f"moto's retrier no longer sleeps with time.sleep: revisit {__file__}.")
    retrier_decl.time = types.SimpleNamespace(sleep=lambda seconds: None)


def _parse_once() -> None:
    import threading

    from moto.stepfunctions.parser.asl.parse import asl_parser
    from moto.stepfunctions.parser.asl.parse.preprocessor import Preprocessor

    parser = asl_parser.AmazonStateLanguageParser
    if "parse" not in vars(parser):
        raise RuntimeError(f"moto's AmazonStateLanguageParser no longer parses itself: revisit {__file__}.")
    parse = parser.parse
    trees: dict[str, object] = {}
    lock = threading.Lock()

    def parse_once(definition: str):
        with lock:
            tree = trees.get(definition)
        if tree is None:
            program, tree = parse(definition)
            with lock:
                trees[definition] = tree
            return program, tree
        # Each execution gets components of its own, built by moto's preprocessor from the same tree.
        return Preprocessor().visit(tree), tree

    parser.parse = staticmethod(parse_once)


def _json_paths_once() -> None:
    import functools

    from moto.stepfunctions.parser.asl.component.common.path import result_path
    from moto.stepfunctions.parser.asl.utils import json_path

    for module in (result_path, json_path):
        if not module.parse.__module__.startswith("jsonpath_ng"):
            raise RuntimeError(f"{module.__name__} no longer parses paths with jsonpath_ng: revisit {__file__}.")
        module.parse = functools.lru_cache(maxsize=None)(module.parse)


def mock_configuration_patches(path: str) -> list[Workaround]:
    return [
        Workaround(
            name="Mock configuration file",
            moto=(
                "moto/stepfunctions/parser/mocking/mock_config.py: load_mock_test_case_for always "
                "returns None, and moto/stepfunctions/parser/models.py: start_execution neither reads "
                "a test case from '<stateMachineArn>#<TestCase>' nor hands one to the execution's "
                "worker, which the interpreter would follow (Environment.get_current_mocked_response)."
            ),
            aws=(
                "Step Functions Local reads the mock configuration file and runs a test case when "
                "StartExecution names '<stateMachineArn>#<TestCase>'. "
                "https://docs.aws.amazon.com/step-functions/latest/dg/sfn-local-test-sm-exec.html"
            ),
            safe_because=(
                "The file is parsed into the shape moto's own parser (_mock_test_case_from_raw) "
                "reads, which checks it as it would; the test case reaches the interpreter's "
                "worker, and every answer still flows through moto's code. Only executions started "
                "with '#<TestCase>' are mocked."
            ),
            apply=_mock_configuration(path),
        ),
        Workaround(
            name="Mocked errors named States.*",
            moto=(
                "moto/stepfunctions/parser/asl/component/state/exec/state_task/mock_eval_utils.py "
                "raises a mocked Throw as a custom error name, which refuses any name that starts "
                "with States., so mocking States.Timeout or States.TaskFailed crashes the execution."
            ),
            aws=(
                "A mocked response may throw any error, Step Functions' own included. "
                "https://docs.aws.amazon.com/step-functions/latest/dg/sfn-local-mock-cfg-file.html"
            ),
            safe_because=(
                "A States.* name is raised as Step Functions' own error, so retriers and catchers "
                "see what AWS would give them; other names stay custom, as moto has them."
            ),
            apply=_mocked_error_names,
        ),
        Workaround(
            name="Retry waits",
            moto=(
                "moto/stepfunctions/parser/asl/component/common/retry/retrier_decl.py sleeps each "
                "retry's interval in real time: up to 122 s for six retries of this workflow."
            ),
            aws="Waits the interval too. https://docs.aws.amazon.com/step-functions/latest/dg/concepts-error-handling.html",
            safe_because=(
                "Only a server started with a mock configuration skips the wait: its cross-check "
                "compares the states entered, the status, the error, the cause and the events, "
                "never the time, and a mocked answer takes none either."
            ),
            apply=_retry_waits,
        ),
        Workaround(
            name="Parsing the definition",
            moto=(
                "moto/stepfunctions/parser/backend/execution_worker.py parses the definition with "
                "ANTLR's Python runtime for every execution: a tenth of a second of CPU or more each, "
                "most of what a mocked execution costs."
            ),
            aws="Parses a definition when it is created or updated. https://docs.aws.amazon.com/step-functions/latest/apireference/API_CreateStateMachine.html",
            safe_because=(
                "Only a server started with a mock configuration keeps the parse tree of a definition "
                "it has parsed once: the tree is the parser's own, unchanged, and each execution still "
                "gets evaluation components of its own, built from it by moto's preprocessor."
            ),
            apply=_parse_once,
        ),
        Workaround(
            name="Parsing JSONPaths",
            moto=(
                "moto/stepfunctions/parser/asl/component/common/path/result_path.py and "
                "asl/utils/json_path.py parse each path with jsonpath_ng, which builds its PLY parser "
                "tables anew on every call: tens of milliseconds for each Task's default ResultPath '$'."
            ),
            aws="Reads the paths of a definition as it is written. https://docs.aws.amazon.com/step-functions/latest/dg/input-output-resultpath.html",
            safe_because=(
                "Only a server started with a mock configuration keeps each path jsonpath_ng has "
                "parsed: the same string gives the same parsed path, which finding and updating "
                "values only read."
            ),
            apply=_json_paths_once,
        ),
    ]


@dataclass(frozen=True)
class KnownDifference:
    """A way moto's interpreter differs from AWS that is left as it is, and why."""

    name: str
    moto: str
    aws: str
    left_because: str


KNOWN_DIFFERENCES = [
    KnownDifference(
        name="Mocked answers skip the integration",
        moto=(
            "moto/stepfunctions/parser/asl/component/state/exec/state_task/service/state_task_service.py: "
            "a mocked Return becomes the Task's result as it is, so a RunTask answer with Failures, a "
            "PutEvents answer with FailedEntryCount 1 or a child described FAILED succeeds."
        ),
        aws=(
            "The optimized integrations fail those answers "
            "(https://docs.aws.amazon.com/step-functions/latest/dg/connect-ecs.html, "
            "https://docs.aws.amazon.com/step-functions/latest/dg/connect-eventbridge.html)."
        ),
        left_because=(
            "AWS's mock configuration documents a mocked response as what the service call returns, "
            "not what the integration makes of it, so the cross-check's configuration mocks errors "
            "only; the repository's executor fails those three answers as AWS does "
            "(test/models/sfn-executor/integrations/optimized.ts), and its own tests show each."
        ),
    ),
]


@dataclass(frozen=True)
class ReadBackDifference:
    resource_type: str
    attribute: str
    # The difference is ignored only on resources where one of these attributes is set.
    when_set: tuple[str, ...]
    moto: str
    aws: str

    def as_json(self) -> dict:
        return {
            "resourceType": self.resource_type,
            "attribute": self.attribute,
            "whenSet": list(self.when_set),
            "reason": f"{self.moto} {self.aws}",
        }


READ_BACK_DIFFERENCES = [
    ReadBackDifference(
        resource_type="aws_vpc_security_group_egress_rule",
        attribute="description",
        when_set=("referenced_security_group_id", "prefix_list_id"),
        moto=(
            "moto/ec2/models/security_groups.py: SecurityGroupRule.description reads the "
            "description of the rule's CIDR range only, so DescribeSecurityGroupRules returns "
            "none for a rule to a security group or a prefix list."
        ),
        aws=(
            "AWS returns every rule's description. "
            "https://docs.aws.amazon.com/AWSEC2/latest/APIReference/API_SecurityGroupRule.html"
        ),
    ),
]


def apply_all(execute: bool, mock_config: str | None = None) -> None:
    mocking = mock_configuration_patches(mock_config) if mock_config is not None else []
    for patch in PATCHES + (EXECUTION_PATCHES if execute else []) + mocking:
        patch.apply()
