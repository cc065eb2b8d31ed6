/** ARN construction (src/naming/arn.ts): every ARN is built from the partition it runs in. */
import {
  arn,
  clusterName,
  eventBusArn,
  executionArns,
  integrationArn,
  s3Arn,
  stateMachineArns,
} from "../../src/naming/arn";
import { evaluate, input, ref, toHcl } from "../../src/naming/expr";

const CHINA = { partition: "aws-cn", region: "cn-north-1", account: "111122223333" };

describe("arn", () => {
  test("places partition, service, region, account and resource", () => {
    expect(arn(CHINA, "states", "stateMachine:gata-finetune")).toBe(
      "arn:aws-cn:states:cn-north-1:111122223333:stateMachine:gata-finetune",
    );
  });

  test("passes Terraform expressions through untouched", () => {
    const scope = { partition: "${p}", region: "${r}", account: "${a}" };
    expect(arn(scope, "ecs", "*")).toBe("arn:${p}:ecs:${r}:${a}:*");
  });
});

describe("s3Arn", () => {
  test("has neither region nor account", () => {
    expect(s3Arn("aws-us-gov", "bucket/training/*")).toBe("arn:aws-us-gov:s3:::bucket/training/*");
  });
});

describe("integrationArn", () => {
  test("is a Step Functions service integration with neither region nor account", () => {
    expect(integrationArn("aws", "ecs:runTask.sync")).toBe("arn:aws:states:::ecs:runTask.sync");
  });
});

const noToken = () => false;
const GENERAL = "arn:aws:states:eu-west-1:111122223333:stateMachine:gata-finetune-general";
const LOW_VOLUME = "arn:aws:states:eu-west-1:111122223333:stateMachine:gata-finetune-low-volume";

describe("eventBusArn", () => {
  const scope = { partition: "aws", region: "eu-west-1", account: "111122223333" };

  test("builds the ARN of a bus given by name", () => {
    expect(evaluate(eventBusArn(scope, "gata"), noToken)).toBe("arn:aws:events:eu-west-1:111122223333:event-bus/gata");
  });

  test("keeps a bus given by ARN, whatever its account", () => {
    const other = "arn:aws:events:eu-west-1:444455556666:event-bus/shared";
    expect(evaluate(eventBusArn(scope, other), noToken)).toBe(other);
  });

  test("as HCL", () => {
    expect(toHcl(eventBusArn({ partition: "p", region: "r", account: "a" }, ref("var.event_bus_name")))).toBe(
      'startswith(var.event_bus_name, "arn:") ? var.event_bus_name : "arn:p:events:r:a:event-bus/${var.event_bus_name}"',
    );
  });
});

describe("clusterName", () => {
  test("is what follows cluster/ in the cluster ARN", () => {
    expect(evaluate(clusterName("arn:aws:ecs:eu-west-1:111122223333:cluster/gata"), noToken)).toBe("gata");
  });
});

describe("stateMachineArns and executionArns", () => {
  // GIVEN a map whose keys are not in order: Terraform's values() sorts by key
  const byName = input({ low_volume: LOW_VOLUME, general: GENERAL });

  test("the machines, in key order", () => {
    expect(evaluate(stateMachineArns(byName), noToken)).toEqual([GENERAL, LOW_VOLUME]);
  });

  test("swap stateMachine for execution and match every execution of each machine", () => {
    expect(evaluate(executionArns(byName), noToken)).toEqual([
      "arn:aws:states:eu-west-1:111122223333:execution:gata-finetune-general:*",
      "arn:aws:states:eu-west-1:111122223333:execution:gata-finetune-low-volume:*",
    ]);
  });

  test("as HCL, a for expression over the map", () => {
    expect(toHcl(executionArns(ref("var.sfn_arns")))).toBe(
      '[for key, val in var.sfn_arns : "${replace(val, ":stateMachine:", ":execution:")}:*"]',
    );
  });
});
