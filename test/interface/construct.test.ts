import { Testing, TerraformStack, TerraformVariable, Token } from "cdktf";
import { testApp } from "../support/app";
import { Duration } from "../../src/workflow/duration";
import { FinetuneWorkflow } from "../../src/finetune-workflow";
import { FinetuneWorkflowModule } from "../../src/module-stack";
import type { FinetuneWorkflowProps } from "../../src/interface/props";
import { findProblems, problemList } from "../../src/interface/validation";
import { contractView } from "../support/module";
import { EVENT_BUS_ARN, VALID_PROPS } from "../support/valid-props";

describe("FinetuneWorkflow validates its props at synth time", () => {
  test("bad concrete props: one error lists every problem", () => {
    // GIVEN
    const stack = new TerraformStack(testApp(), "app");
    // From JavaScript, or through a cast: TypeScript refuses a sfnArns without low_volume.
    const props = {
      ...VALID_PROPS,
      subnetIds: [],
      sfnArns: { general: VALID_PROPS.sfnArns.general } as FinetuneWorkflowProps["sfnArns"],
      ssmImagePath: "gata",
    };

    // WHEN / THEN
    expect(() => new FinetuneWorkflow(stack, "workflow", props)).toThrow(
      [
        'Invalid props for FinetuneWorkflow "app/workflow":',
        '- `sfnArns` must have the key "low_volume"; received the keys ["general"].',
        '- `ssmImagePath` must be an SSM parameter path that starts and ends with "/", such as "/gata/images/"; received "gata".',
        "- `subnetIds` must be a list of at least one subnet ID; received [].",
      ].join("\n"),
    );
  });

  test("Terraform tokens are never rejected: the module stack, all variables, synthesizes", () => {
    expect(() => Testing.synth(new FinetuneWorkflowModule(testApp(), "finetune-workflow"))).not.toThrow();
  });

  test("tokens mixed with concrete values: only the concrete values are checked", () => {
    // GIVEN tokens where the concrete values would be refused
    const stack = new TerraformStack(testApp(), "app");
    const variable = (name: string, type: string) => new TerraformVariable(stack, name, { type });
    const props = {
      ...VALID_PROPS,
      applicationName: variable("app", "string").stringValue,
      subnetIds: variable("subnets", "list(string)").listValue,
      sfnArns: variable("sfn", "map(string)").value,
      ecrRepoArns: { "data-prep": variable("repo", "string").stringValue },
      lowVolumeFallbackLabel: variable("label", "number").numberValue,
      tags: { environment: variable("env", "string").stringValue },
    };

    // WHEN / THEN
    expect(() => new FinetuneWorkflow(stack, "workflow", props)).not.toThrow();
  });
});

describe("timeout props", () => {
  test("dataPrepTimeout and fineTuneTimeout set the Tasks' and the execution's TimeoutSeconds", () => {
    // GIVEN
    const stack = new TerraformStack(testApp(), "app");
    const workflow = new FinetuneWorkflow(stack, "workflow", {
      ...VALID_PROPS,
      dataPrepTimeout: Duration.hours(2),
      fineTuneTimeout: Duration.hours(10),
    });

    // WHEN
    const definition = JSON.parse(
      contractView(Testing.synth(stack), workflow).resource.aws_sfn_state_machine.finetune.definition,
    );

    // THEN the longest path loses 7 × 2 h of data prep and 7 × 14 h of fine-tune: 713974 − 403200 s, plus an hour
    expect(definition.States.RunDataPrep.TimeoutSeconds).toBe(7200);
    expect(definition.States.FineTune.Branches[0].States.FineTuneGeneral.TimeoutSeconds).toBe(36000);
    expect(definition.States.FineTune.Branches[1].States.FineTuneLowVolume.TimeoutSeconds).toBe(36000);
    expect(definition.TimeoutSeconds).toBe(Math.ceil((713974 - 403200 + 3600) / 3600) * 3600);
  });

  test("a timeout that is not whole seconds fails the synth, naming the prop", () => {
    const stack = new TerraformStack(testApp(), "app");
    expect(
      () => new FinetuneWorkflow(stack, "workflow", { ...VALID_PROPS, fineTuneTimeout: Duration.minutes(0.5) }),
    ).not.toThrow();
    const other = new TerraformStack(testApp(), "other");
    expect(
      () => new FinetuneWorkflow(other, "workflow", { ...VALID_PROPS, fineTuneTimeout: Duration.seconds(0.5) }),
    ).toThrow(
      'Invalid props for FinetuneWorkflow "other/workflow":\n- `fineTuneTimeout` must be a whole number of seconds, at least 1; received 0.5 seconds.',
    );
  });
});

describe("valid edge cases synthesize", () => {
  // GIVEN every edge case at once, synthesized once for the file
  const stack = new TerraformStack(testApp(), "app");
  const workflow = new FinetuneWorkflow(stack, "workflow", {
    ...VALID_PROPS,
    tags: {},
    vpcEndpointSecurityGroups: {},
    eventBusName: EVENT_BUS_ARN,
    rolePermissionsBoundary: undefined,
  });
  const synthesized = contractView(Testing.synth(stack), workflow);
  const resource = synthesized.resource;

  test("tags = {}: names carry no environment and roles no tags", () => {
    expect(resource.aws_sfn_state_machine.finetune.name).toBe("gata-finetune");
    expect(resource.aws_iam_role.data_prep_exec.name).toBe("gata-data-prep-exec");
    expect(resource.aws_iam_role.data_prep_exec.tags).toEqual({});
  });

  test("empty vpc_endpoint_security_groups: HTTPS egress is open, no endpoint rule is made", () => {
    const rules = resource.aws_vpc_security_group_egress_rule;
    expect(rules.egress_https_all).toMatchObject({ cidr_ipv4: "0.0.0.0/0", count: "${(length({}) < 1) ? 1 : 0}" });
    expect(rules.egress_https.for_each).toMatch(/^\$\{toset\(setintersection\(keys\(\{\}\), /);
  });

  test("event_bus_name as a full ARN: the state machine may put events on that bus", () => {
    const document = synthesized.data.aws_iam_policy_document.sfn;
    const putEvents = document.statement.find((s: { actions: string[] }) => s.actions.includes("events:PutEvents"));
    expect(putEvents.resources).toEqual([EVENT_BUS_ARN]);
  });

  test("role_permissions_boundary unset: no role has a boundary", () => {
    for (const role of Object.values<Record<string, unknown>>(resource.aws_iam_role)) {
      expect(role).not.toHaveProperty("permissions_boundary");
    }
  });
});

describe("under the cdktf or cdktn CLI, which prints error annotations itself", () => {
  const CLI = "CDKTF_CONTINUE_SYNTH_ON_ERROR_ANNOTATIONS";
  beforeEach(() => {
    process.env[CLI] = "true";
  });
  afterEach(() => {
    delete process.env[CLI];
  });

  /**
   * One of each kind of bad prop: a malformed value, values of the wrong type (from JavaScript)
   * on which the build itself would fail, and a missing key. Whatever it is, the workflow is built
   * from the placeholders, so the build never sees it.
   */
  const BAD: [string, Record<string, unknown>][] = [
    ["kmsKeyArn", { kmsKeyArn: "alias/gata" }],
    ["sfnArns as null", { sfnArns: null }],
    ["dataPrepTimeout as a number", { dataPrepTimeout: 3600 }],
    ["ecrRepoUrls without data-prep", { ecrRepoUrls: {} }],
  ];

  test.each(BAD)(
    "%s: one error annotation, with no stack trace, lists the problems, and placeholders stand in",
    (_case, bad) => {
      // GIVEN
      const stack = new TerraformStack(testApp(), "cli");
      const props = { ...VALID_PROPS, ...bad } as unknown as FinetuneWorkflowProps;

      // WHEN
      const workflow = new FinetuneWorkflow(stack, "workflow", props);

      // THEN
      const errors = workflow.node.metadata.filter((entry) => entry.type === "@cdktf/error");
      expect(errors).toEqual([
        {
          type: "@cdktf/error",
          data: problemList("Invalid FinetuneWorkflow props:", findProblems(props, Token.isUnresolved)),
          trace: undefined,
        },
      ]);
      expect(() => Testing.synth(stack)).not.toThrow();
    },
  );

  test("valid props add no annotation", () => {
    const workflow = new FinetuneWorkflow(new TerraformStack(testApp(), "cli"), "workflow", VALID_PROPS);
    expect(workflow.node.metadata).toEqual([]);
  });
});
