/** toPolicyJson (src/iam/policy.ts): plain statements rendered in IAM's JSON grammar. */
import { toPolicyJson } from "../../src/iam/policy";

describe("toPolicyJson", () => {
  test("renders an identity statement with Allow by default and no Principal or Condition", () => {
    expect(toPolicyJson([{ sid: "Read", actions: ["s3:GetObject"], resources: ["arn:aws:s3:::b/*"] }])).toEqual({
      Version: "2012-10-17",
      Statement: [{ Sid: "Read", Effect: "Allow", Action: ["s3:GetObject"], Resource: ["arn:aws:s3:::b/*"] }],
    });
  });

  test("renders a trust statement's principals by type and no Resource", () => {
    const [statement] = toPolicyJson([
      {
        sid: "Trust",
        actions: ["sts:AssumeRole"],
        principals: [{ type: "Service", identifiers: ["states.amazonaws.com"] }],
      },
    ]).Statement;
    expect(statement).toEqual({
      Sid: "Trust",
      Effect: "Allow",
      Action: ["sts:AssumeRole"],
      Principal: { Service: ["states.amazonaws.com"] },
    });
  });

  test("groups conditions by operator, keeping every key", () => {
    const [statement] = toPolicyJson([
      {
        sid: "Scoped",
        effect: "Deny",
        actions: ["kms:Decrypt"],
        resources: ["*"],
        conditions: [
          { test: "StringEquals", variable: "aws:SourceAccount", values: ["111122223333"] },
          { test: "ArnLike", variable: "aws:SourceArn", values: ["arn:aws:states:*"] },
          { test: "StringEquals", variable: "kms:ViaService", values: ["states.eu-west-1.amazonaws.com"] },
        ],
      },
    ]).Statement;
    expect(statement.Effect).toBe("Deny");
    expect(statement.Condition).toEqual({
      StringEquals: { "aws:SourceAccount": ["111122223333"], "kms:ViaService": ["states.eu-west-1.amazonaws.com"] },
      ArnLike: { "aws:SourceArn": ["arn:aws:states:*"] },
    });
  });

  test("copies arrays, so editing the output cannot change the input", () => {
    const actions = ["s3:GetObject"];
    const json = toPolicyJson([{ sid: "Read", actions, resources: ["*"] }]);
    json.Statement[0].Action.push("s3:PutObject");
    expect(actions).toEqual(["s3:GetObject"]);
  });
});
