import { type PolicyStatement, toPolicyJson } from "../../../src/iam/policy";
import { evaluate, type Request } from "./evaluator";

const ACCOUNT = "111122223333";
const TASK_DEF = `arn:aws:ecs:us-east-1:${ACCOUNT}:task-definition/app-data-prep:3`;
const CLUSTER = `arn:aws:ecs:us-east-1:${ACCOUNT}:cluster/finetune`;

const decide = (statements: PolicyStatement[], request: Request) => evaluate([toPolicyJson(statements)], request);
const decisionOf = (statements: PolicyStatement[], request: Request) => decide(statements, request).decision;

describe("evaluate: decisions", () => {
  test("an Allow whose action and resource match allows, naming the statement", () => {
    // GIVEN
    const statements = [{ sid: "RunTask", actions: ["ecs:RunTask"], resources: [TASK_DEF] }];
    // WHEN
    const result = decide(statements, { action: "ecs:RunTask", resource: TASK_DEF });
    // THEN
    expect(result).toEqual({ decision: "Allowed", matchedSids: ["RunTask"] });
  });

  test("no applicable statement is an implicit deny", () => {
    const statements = [{ sid: "RunTask", actions: ["ecs:RunTask"], resources: [TASK_DEF] }];
    expect(decide(statements, { action: "ecs:StopTask", resource: TASK_DEF })).toEqual({
      decision: "ImplicitDeny",
      matchedSids: [],
    });
  });

  test("an explicit Deny wins over an Allow, even across policies", () => {
    // GIVEN
    const allow = toPolicyJson([{ sid: "AllowAll", actions: ["ecs:*"], resources: ["*"] }]);
    const deny = toPolicyJson([{ sid: "DenyRun", effect: "Deny", actions: ["ecs:RunTask"], resources: ["*"] }]);
    // WHEN
    const result = evaluate([allow, deny], { action: "ecs:RunTask", resource: TASK_DEF });
    // THEN
    expect(result).toEqual({ decision: "ExplicitDeny", matchedSids: ["DenyRun"] });
  });

  test("a Deny whose condition does not hold does not apply", () => {
    const statements: PolicyStatement[] = [
      { sid: "Allow", actions: ["ecs:RunTask"], resources: ["*"] },
      {
        sid: "DenyOtherClusters",
        effect: "Deny",
        actions: ["ecs:RunTask"],
        resources: ["*"],
        conditions: [{ test: "ArnNotEquals", variable: "ecs:cluster", values: [CLUSTER] }],
      },
    ];
    expect(
      decisionOf(statements, { action: "ecs:RunTask", resource: TASK_DEF, context: { "ecs:cluster": CLUSTER } }),
    ).toBe("Allowed");
    expect(
      decisionOf(statements, { action: "ecs:RunTask", resource: TASK_DEF, context: { "ecs:cluster": `${CLUSTER}-x` } }),
    ).toBe("ExplicitDeny");
  });

  test("a statement with neither Resource nor Principal is rejected", () => {
    expect(() => decide([{ sid: "Broken", actions: ["ecs:RunTask"] }], { action: "ecs:RunTask" })).toThrow(
      "Statement `Broken` has neither Resource nor Principal.",
    );
  });
});

describe("evaluate: actions", () => {
  const allowing = (action: string): PolicyStatement[] => [{ sid: "S", actions: [action], resources: ["*"] }];

  test.each([
    ["ecs:RunTask", "ecs:RunTask", "Allowed"],
    ["ECS:runtask", "ecs:RunTask", "Allowed"],
    ["ecs:Describe*", "ecs:DescribeTasks", "Allowed"],
    ["ecs:*", "ecs:StopTask", "Allowed"],
    ["*", "states:StartExecution", "Allowed"],
    ["ecs:?topTask", "ecs:StopTask", "Allowed"],
    ["ecs:?unTask", "ecs:RunTasks", "ImplicitDeny"],
    ["ecs:RunTask", "ecs:RunTasks", "ImplicitDeny"],
    ["ecs:Describe*", "ecr:DescribeImages", "ImplicitDeny"],
  ])("policy action %s vs request %s: %s", (pattern, action, expected) => {
    expect(decisionOf(allowing(pattern), { action })).toBe(expected);
  });
});

describe("evaluate: resources", () => {
  const allowing = (resource: string): PolicyStatement[] => [
    { sid: "S", actions: ["s3:GetObject"], resources: [resource] },
  ];

  test.each([
    ["arn:aws:s3:::bucket/data/*", "arn:aws:s3:::bucket/data/a/b.jsonl", "Allowed"], // `*` spans `/`
    [
      "arn:aws:logs:us-east-1:1:log-group:/ecs/app:*",
      "arn:aws:logs:us-east-1:1:log-group:/ecs/app:log-stream:x",
      "Allowed",
    ], // `*` spans `:`
    ["arn:aws:s3:::bucket/file-?.txt", "arn:aws:s3:::bucket/file-1.txt", "Allowed"],
    ["arn:aws:s3:::bucket/file-?.txt", "arn:aws:s3:::bucket/file-10.txt", "ImplicitDeny"],
    ["arn:aws:s3:::Bucket/*", "arn:aws:s3:::bucket/a", "ImplicitDeny"], // case-sensitive
    ["arn:aws:s3:::bucket/data/*", "arn:aws:s3:::bucket/data", "ImplicitDeny"],
    ["arn:aws:s3:::bucket.x/*", "arn:aws:s3:::bucketax/a", "ImplicitDeny"], // `.` is literal
  ])("policy resource %s vs request %s: %s", (pattern, resource, expected) => {
    expect(decisionOf(allowing(pattern), { action: "s3:GetObject", resource })).toBe(expected);
  });

  test("a request without a resource is evaluated as `*`: only a `*` resource grants it", () => {
    expect(decisionOf(allowing("*"), { action: "s3:GetObject" })).toBe("Allowed");
    expect(decisionOf(allowing("arn:aws:s3:::*"), { action: "s3:GetObject" })).toBe("ImplicitDeny");
  });

  test("a policy variable is refused rather than matched literally", () => {
    expect(() => decide(allowing("arn:aws:s3:::bucket/${aws:username}/*"), { action: "s3:GetObject" })).toThrow(
      "Statement `S` uses a policy variable or unresolved token (`arn:aws:s3:::bucket/${aws:username}/*`), which this evaluator does not resolve.",
    );
  });
});

describe("evaluate: principals (trust policies)", () => {
  const trust = (type: "Service" | "AWS", identifiers: string[]): PolicyStatement[] => [
    { sid: "Trust", actions: ["sts:AssumeRole"], principals: [{ type, identifiers }] },
  ];

  test.each<[string, PolicyStatement[], Request["principal"], string]>([
    [
      "the named service",
      trust("Service", ["ecs-tasks.amazonaws.com"]),
      { type: "Service", id: "ecs-tasks.amazonaws.com" },
      "Allowed",
    ],
    [
      "another service",
      trust("Service", ["ecs-tasks.amazonaws.com"]),
      { type: "Service", id: "states.amazonaws.com" },
      "ImplicitDeny",
    ],
    [
      "an AWS principal against a Service statement",
      trust("Service", ["ecs-tasks.amazonaws.com"]),
      { type: "AWS", id: ACCOUNT },
      "ImplicitDeny",
    ],
    ["no principal at all", trust("Service", ["ecs-tasks.amazonaws.com"]), undefined, "ImplicitDeny"],
    [
      "a role in the trusted account (account id)",
      trust("AWS", [ACCOUNT]),
      { type: "AWS", id: `arn:aws:iam::${ACCOUNT}:role/ci` },
      "Allowed",
    ],
    [
      "a role in the trusted account (root ARN)",
      trust("AWS", [`arn:aws:iam::${ACCOUNT}:root`]),
      { type: "AWS", id: `arn:aws:iam::${ACCOUNT}:role/ci` },
      "Allowed",
    ],
    [
      "a role in another account",
      trust("AWS", [ACCOUNT]),
      { type: "AWS", id: "arn:aws:iam::444455556666:role/ci" },
      "ImplicitDeny",
    ],
    [
      "the exact role ARN",
      trust("AWS", [`arn:aws:iam::${ACCOUNT}:role/ci`]),
      { type: "AWS", id: `arn:aws:iam::${ACCOUNT}:role/ci` },
      "Allowed",
    ],
    [
      "another role in the same account",
      trust("AWS", [`arn:aws:iam::${ACCOUNT}:role/ci`]),
      { type: "AWS", id: `arn:aws:iam::${ACCOUNT}:role/other` },
      "ImplicitDeny",
    ],
    ["anyone, for AWS *", trust("AWS", ["*"]), { type: "AWS", id: "arn:aws:iam::444455556666:role/x" }, "Allowed"],
  ])("%s: %s", (_, statements, principal, expected) => {
    expect(decisionOf(statements, { action: "sts:AssumeRole", principal })).toBe(expected);
  });
});

describe("evaluate: conditions", () => {
  const withCondition = (...conditions: { test: string; variable: string; values: string[] }[]): PolicyStatement[] => [
    { sid: "S", actions: ["ecs:RunTask"], resources: ["*"], conditions },
  ];
  const run = (context?: Request["context"]): Request => ({ action: "ecs:RunTask", resource: TASK_DEF, context });

  test.each<[string, string, string[], Request["context"], string]>([
    // String operators
    [
      "StringEquals, equal",
      "StringEquals",
      ["states.amazonaws.com"],
      { "aws:CalledVia": "states.amazonaws.com" },
      "Allowed",
    ],
    [
      "StringEquals is case-sensitive",
      "StringEquals",
      ["states.amazonaws.com"],
      { "aws:CalledVia": "States.amazonaws.com" },
      "ImplicitDeny",
    ],
    [
      "StringEquals has no wildcards",
      "StringEquals",
      ["states.*"],
      { "aws:CalledVia": "states.amazonaws.com" },
      "ImplicitDeny",
    ],
    [
      "StringEqualsIgnoreCase ignores case",
      "StringEqualsIgnoreCase",
      ["states.amazonaws.com"],
      { "aws:CalledVia": "STATES.amazonaws.com" },
      "Allowed",
    ],
    [
      "StringNotEquals, different value",
      "StringNotEquals",
      ["ecs.amazonaws.com"],
      { "aws:CalledVia": "states.amazonaws.com" },
      "Allowed",
    ],
    [
      "StringNotEquals, listed value",
      "StringNotEquals",
      ["ecs.amazonaws.com", "states.amazonaws.com"],
      { "aws:CalledVia": "states.amazonaws.com" },
      "ImplicitDeny",
    ],
    ["StringLike, wildcard", "StringLike", ["states.*"], { "aws:CalledVia": "states.amazonaws.com" }, "Allowed"],
    ["StringLike, ?", "StringLike", ["state?.amazonaws.com"], { "aws:CalledVia": "states.amazonaws.com" }, "Allowed"],
    // Context key names are case-insensitive
    [
      "key name in another case",
      "StringEquals",
      ["states.amazonaws.com"],
      { "AWS:CALLEDVIA": "states.amazonaws.com" },
      "Allowed",
    ],
    // Missing keys
    ["StringEquals, key missing", "StringEquals", ["states.amazonaws.com"], {}, "ImplicitDeny"],
    ["StringNotEquals, key missing", "StringNotEquals", ["states.amazonaws.com"], {}, "Allowed"],
    ["StringEqualsIfExists, key missing", "StringEqualsIfExists", ["states.amazonaws.com"], {}, "Allowed"],
    [
      "StringEqualsIfExists, key present and different",
      "StringEqualsIfExists",
      ["states.amazonaws.com"],
      { "aws:CalledVia": "ecs.amazonaws.com" },
      "ImplicitDeny",
    ],
    // Bool and Null
    ["Bool true", "Bool", ["true"], { "aws:SecureTransport": "true" }, "Allowed"],
    ["Bool false vs true", "Bool", ["true"], { "aws:SecureTransport": "false" }, "ImplicitDeny"],
    ["Bool, key missing", "Bool", ["true"], {}, "ImplicitDeny"],
    ["BoolIfExists, key missing", "BoolIfExists", ["true"], {}, "Allowed"],
    ["Null true, key missing", "Null", ["true"], {}, "Allowed"],
    ["Null true, key present", "Null", ["true"], { "aws:SecureTransport": "true" }, "ImplicitDeny"],
  ])("%s: %s", (_, test, values, context, expected) => {
    const variable = test.startsWith("Bool") || test === "Null" ? "aws:SecureTransport" : "aws:CalledVia";
    expect(decisionOf(withCondition({ test, variable, values }), run(context))).toBe(expected);
  });

  describe("ARN operators compare the six components separately, StringLike does not", () => {
    // `*` in the account component must not swallow the `:` before `role/ci`.
    const pattern = "arn:aws:iam::*:role/ci";
    const forged = `arn:aws:iam::${ACCOUNT}:evil:role/ci`;
    const genuine = `arn:aws:iam::${ACCOUNT}:role/ci`;

    test.each([
      ["ArnLike", genuine, "Allowed"],
      ["ArnLike", forged, "ImplicitDeny"],
      ["ArnEquals", genuine, "Allowed"],
      ["ArnEquals", forged, "ImplicitDeny"],
      ["StringLike", forged, "Allowed"],
      ["ArnNotLike", forged, "Allowed"],
      ["ArnNotEquals", genuine, "ImplicitDeny"],
    ])("%s on %s: %s", (test, arn, expected) => {
      expect(
        decisionOf(
          withCondition({ test, variable: "aws:SourceArn", values: [pattern] }),
          run({ "aws:SourceArn": arn }),
        ),
      ).toBe(expected);
    });

    test("the resource component keeps its own colons and `*` may span them", () => {
      const execution = `arn:aws:states:us-east-1:${ACCOUNT}:execution:machine:run-1`;
      const statements = withCondition({
        test: "ArnLike",
        variable: "aws:SourceArn",
        values: [`arn:aws:states:us-east-1:${ACCOUNT}:execution:*`],
      });
      expect(decisionOf(statements, run({ "aws:SourceArn": execution }))).toBe("Allowed");
    });

    test("a pattern that is not a six-component ARN matches nothing", () => {
      const statements = withCondition({ test: "ArnLike", variable: "aws:SourceArn", values: ["arn:aws:*"] });
      expect(decisionOf(statements, run({ "aws:SourceArn": genuine }))).toBe("ImplicitDeny");
    });

    test("ArnLike is case-sensitive", () => {
      const statements = withCondition({ test: "ArnLike", variable: "aws:SourceArn", values: [pattern] });
      expect(decisionOf(statements, run({ "aws:SourceArn": genuine.replace("role/ci", "role/CI") }))).toBe(
        "ImplicitDeny",
      );
    });

    test("ArnNotLike with the key missing holds", () => {
      expect(
        decisionOf(withCondition({ test: "ArnNotLike", variable: "aws:SourceArn", values: [pattern] }), run({})),
      ).toBe("Allowed");
    });
  });

  describe("combining", () => {
    const account = { test: "StringEquals", variable: "aws:SourceAccount", values: [ACCOUNT] };
    const cluster = { test: "ArnEquals", variable: "ecs:cluster", values: [CLUSTER, `${CLUSTER}-b`] };

    test("every operator must hold (AND)", () => {
      const statements = withCondition(account, cluster);
      expect(decisionOf(statements, run({ "aws:SourceAccount": ACCOUNT, "ecs:cluster": CLUSTER }))).toBe("Allowed");
      expect(decisionOf(statements, run({ "aws:SourceAccount": ACCOUNT, "ecs:cluster": `${CLUSTER}-c` }))).toBe(
        "ImplicitDeny",
      );
      expect(decisionOf(statements, run({ "aws:SourceAccount": "444455556666", "ecs:cluster": CLUSTER }))).toBe(
        "ImplicitDeny",
      );
    });

    test("every key within one operator must hold (AND)", () => {
      const statements = withCondition(account, { test: "StringEquals", variable: "ecs:cluster", values: [CLUSTER] });
      expect(toPolicyJson(statements).Statement[0].Condition).toEqual({
        StringEquals: { "aws:SourceAccount": [ACCOUNT], "ecs:cluster": [CLUSTER] },
      });
      expect(decisionOf(statements, run({ "aws:SourceAccount": ACCOUNT, "ecs:cluster": CLUSTER }))).toBe("Allowed");
      expect(decisionOf(statements, run({ "aws:SourceAccount": ACCOUNT }))).toBe("ImplicitDeny");
    });

    test("any of the values of one key may match (OR)", () => {
      expect(decisionOf(withCondition(cluster), run({ "ecs:cluster": `${CLUSTER}-b` }))).toBe("Allowed");
    });
  });

  describe("multi-valued keys", () => {
    const tagKeys = (test: string) => withCondition({ test, variable: "aws:TagKeys", values: ["team", "env"] });

    test.each<[string, Request["context"], string]>([
      ["ForAllValues:StringEquals", { "aws:TagKeys": ["team", "env"] }, "Allowed"],
      ["ForAllValues:StringEquals", { "aws:TagKeys": ["team", "owner"] }, "ImplicitDeny"],
      ["ForAllValues:StringEquals", {}, "Allowed"],
      ["ForAnyValue:StringEquals", { "aws:TagKeys": ["team", "owner"] }, "Allowed"],
      ["ForAnyValue:StringEquals", { "aws:TagKeys": ["owner"] }, "ImplicitDeny"],
      ["ForAnyValue:StringEquals", {}, "ImplicitDeny"],
      ["ForAllValues:StringNotEquals", { "aws:TagKeys": ["owner", "cost"] }, "Allowed"],
      ["ForAllValues:StringNotEquals", { "aws:TagKeys": ["owner", "team"] }, "ImplicitDeny"],
    ])("%s with %j: %s", (test, context, expected) => {
      expect(decisionOf(tagKeys(test), run(context))).toBe(expected);
    });

    test("a multi-valued key under a plain operator is refused", () => {
      expect(() => decide(tagKeys("StringEquals"), run({ "aws:TagKeys": ["team"] }))).toThrow(
        "Context key `aws:TagKeys` is multi-valued; statement `S` must use ForAnyValue: or ForAllValues: with `StringEquals`.",
      );
    });
  });

  describe("unsupported operators throw instead of being ignored", () => {
    test("an unknown operator throws, even when the action does not match", () => {
      const statements = withCondition({ test: "NumericLessThan", variable: "ecs:task-cpu", values: ["1024"] });
      expect(() => decide(statements, { action: "s3:GetObject" })).toThrow(
        "Condition operator `NumericLessThan` in statement `S` is not supported by this evaluator: only StringEquals, StringNotEquals, StringEqualsIgnoreCase, StringNotEqualsIgnoreCase, StringLike, StringNotLike, ArnEquals, ArnLike, ArnNotEquals, ArnNotLike, Bool, Null are implemented.",
      );
    });

    test("IfExists combined with a set qualifier throws", () => {
      const statements = withCondition({
        test: "ForAnyValue:StringEqualsIfExists",
        variable: "aws:TagKeys",
        values: ["team"],
      });
      expect(() => decide(statements, run({}))).toThrow(
        "Condition operator `ForAnyValue:StringEqualsIfExists` in statement `S` is not supported by this evaluator: IfExists combined with a set qualifier.",
      );
    });
  });
});
