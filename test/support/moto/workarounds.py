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


def apply_all() -> None:
    for patch in PATCHES:
        patch.apply()
