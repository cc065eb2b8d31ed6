/** ARN construction (src/arn.ts): every ARN is built from the partition it runs in. */
import { arn, integrationArn, s3Arn } from "../../src/arn";

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
