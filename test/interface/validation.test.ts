import type { FinetuneWorkflowProps } from "../../src/interface/props";
import { Duration } from "../../src/workflow/duration";
import { inspect } from "util";
import { bucketNameRule, NAME_LIMITS } from "../../src/interface/rules";
import { findProblems, InvalidPropsError, PLACEHOLDER_PROPS } from "../../src/interface/validation";
import { evaluate } from "../../src/naming/expr";
import { resourceNames } from "../../src/naming/names";
import { EVENT_BUS_ARN, VALID_PROPS } from "../support/valid-props";

// In these pure tests a token is any value wrapped in ${ }; construct.test.ts uses cdktf's own.
const FAKE_TOKEN = "${var.x}";
const isFakeToken = (value: unknown) => value === FAKE_TOKEN || (Array.isArray(value) && value[0] === FAKE_TOKEN);

function problemsWith(overrides: Partial<Record<keyof FinetuneWorkflowProps, unknown>>): string[] {
  return findProblems({ ...VALID_PROPS, ...overrides } as FinetuneWorkflowProps, isFakeToken);
}

const SFN_FORMAT = "arn:<partition>:states:<region>:<account>:stateMachine:<name>";

describe("valid props", () => {
  test("the fixture has no problem", () => {
    expect(problemsWith({})).toEqual([]);
  });

  test.each([
    ["tags = {}", { tags: {} }],
    ["tags unset", { tags: undefined }],
    ["an empty environment tag, which counts as none", { tags: { environment: "" } }],
    ["empty vpcEndpointSecurityGroups", { vpcEndpointSecurityGroups: {} }],
    ["eventBusName as a full event bus ARN", { eventBusName: EVENT_BUS_ARN }],
    ["eventBusName as a partner event bus name", { eventBusName: "aws.partner/example.com/123/gata" }],
    ["rolePermissionsBoundary unset", { rolePermissionsBoundary: undefined }],
    ["an AWS managed policy as the boundary", { rolePermissionsBoundary: "arn:aws:iam::aws:policy/PowerUserAccess" }],
    ["the aws-cn partition", { kmsKeyArn: "arn:aws-cn:kms:cn-north-1:111122223333:key/1234abcd" }],
    ["a negative label", { lowVolumeFallbackLabel: -1 }],
    ["the root SSM path", { ssmImagePath: "/" }],
    ["a role namespace", { roleNamespace: "platform.ml@team" }],
    ["extra sfnArns entries", { sfnArns: { ...VALID_PROPS.sfnArns, urgent: `${VALID_PROPS.sfnArns.general}-urgent` } }],
    ["subnet IDs in the 8-digit format", { subnetIds: ["subnet-0a1b2c3d"] }],
    [
      "an S3 prefix list and endpoint security groups",
      { vpcEndpointSecurityGroups: { "ecr-dkr": "sg-0a1b2c3d", s3: "pl-6da54004" } },
    ],
    ["a key the module does not read, holding anything", { vpcEndpointSecurityGroups: { sts: "shared-endpoints" } }],
    [
      "an ECR URL in the China partition",
      { ecrRepoUrls: { "data-prep": "111122223333.dkr.ecr.cn-north-1.amazonaws.com.cn/gata/data-prep" } },
    ],
    [
      "an ECR URL on the FIPS endpoint",
      { ecrRepoUrls: { "data-prep": "111122223333.dkr.ecr-fips.us-gov-west-1.amazonaws.com/data_prep" } },
    ],
    [
      "an ECR URL on the dual-stack endpoint",
      { ecrRepoUrls: { "data-prep": "111122223333.dkr-ecr.eu-west-1.on.aws/gata/data-prep" } },
    ],
    [
      "extra ecrRepoUrls and ecrRepoArns entries",
      {
        ecrRepoUrls: {
          ...VALID_PROPS.ecrRepoUrls,
          trainer: "111122223333.dkr.ecr.eu-west-1.amazonaws.com/gata/trainer",
        },
        ecrRepoArns: {
          ...VALID_PROPS.ecrRepoArns,
          trainer: "arn:aws:ecr:eu-west-1:111122223333:repository/gata/trainer",
        },
      },
    ],
  ])("%s", (_, overrides) => {
    expect(problemsWith(overrides)).toEqual([]);
  });

  test("a token is never judged, whatever its place", () => {
    // GIVEN every prop a token, including list and map props and a map value
    const tokens = Object.fromEntries(Object.keys(VALID_PROPS).map((k) => [k, FAKE_TOKEN]));
    // WHEN / THEN
    expect(
      problemsWith({ ...tokens, subnetIds: [FAKE_TOKEN], sfnArns: { general: FAKE_TOKEN, low_volume: FAKE_TOKEN } }),
    ).toEqual([]);
  });

  test("a list prop that is one token is not judged", () => {
    expect(problemsWith({ subnetIds: FAKE_TOKEN })).toEqual([]);
  });

  // A key known only at apply may turn out to be any key, one the module reads or an extra one it
  // ignores, so the value under it is not judged either.
  test.each([
    ["ecrRepoArns", { ...VALID_PROPS.ecrRepoArns, [FAKE_TOKEN]: "not-an-arn" }],
    ["ecrRepoUrls", { ...VALID_PROPS.ecrRepoUrls, [FAKE_TOKEN]: "not a url" }],
    ["sfnArns", { ...VALID_PROPS.sfnArns, [FAKE_TOKEN]: "nope" }],
  ])("a %s entry under a token key is not judged", (prop, map) => {
    expect(problemsWith({ [prop]: map })).toEqual([]);
  });

  test("generated names are not checked while a prop feeding them is a token", () => {
    expect(problemsWith({ applicationName: "a".repeat(100), tags: { environment: FAKE_TOKEN } })).toEqual([]);
  });
});

describe("subnetIds", () => {
  test("an empty list is refused", () => {
    expect(problemsWith({ subnetIds: [] })).toEqual([
      "`subnetIds` must be a list of at least one subnet ID; received [].",
    ]);
  });

  test.each(["not-a-subnet", "subnet-0a1b2c3d4", "sg-0a1b2c3d", "subnet-0A1B2C3D"])("%j is not a subnet ID", (id) => {
    expect(problemsWith({ subnetIds: ["subnet-0123456789abcdef0", id] })).toEqual([
      `\`subnetIds[1]\` must be a subnet ID (subnet- and 8 or 17 hexadecimal digits); received ${JSON.stringify(id)}.`,
    ]);
  });

  test("a token in the list is not judged, its neighbours are", () => {
    expect(problemsWith({ subnetIds: ["nope", FAKE_TOKEN] })).toEqual([
      '`subnetIds[0]` must be a subnet ID (subnet- and 8 or 17 hexadecimal digits); received "nope".',
    ]);
  });
});

describe("vpcEndpointSecurityGroups", () => {
  test("an interface endpoint holding something that is not a security group ID", () => {
    expect(problemsWith({ vpcEndpointSecurityGroups: { "ecr-api": "nope" } })).toEqual([
      '`vpcEndpointSecurityGroups.ecr-api` must be a security group ID (sg- and 8 or 17 hexadecimal digits); received "nope".',
    ]);
  });

  test("s3 holding a security group ID instead of the prefix list", () => {
    expect(problemsWith({ vpcEndpointSecurityGroups: { s3: "sg-0a1b2c3d" } })).toEqual([
      '`vpcEndpointSecurityGroups.s3` must be a prefix list ID (pl- and hexadecimal digits); received "sg-0a1b2c3d".',
    ]);
  });

  test("a prefix list ID given for an interface endpoint", () => {
    expect(problemsWith({ vpcEndpointSecurityGroups: { logs: "pl-6da54004" } })).toEqual([
      '`vpcEndpointSecurityGroups.logs` must be a security group ID (sg- and 8 or 17 hexadecimal digits); received "pl-6da54004".',
    ]);
  });
});

describe("sfnArns", () => {
  test("without general", () => {
    expect(problemsWith({ sfnArns: { low_volume: VALID_PROPS.sfnArns.low_volume } })).toEqual([
      '`sfnArns` must have the key "general"; received the keys ["low_volume"].',
    ]);
  });

  test("without low_volume", () => {
    expect(problemsWith({ sfnArns: { general: VALID_PROPS.sfnArns.general } })).toEqual([
      '`sfnArns` must have the key "low_volume"; received the keys ["general"].',
    ]);
  });

  test("a value that is not a state machine ARN", () => {
    const lambda = "arn:aws:lambda:eu-west-1:111122223333:function:finetune";
    expect(problemsWith({ sfnArns: { ...VALID_PROPS.sfnArns, general: lambda } })).toEqual([
      `\`sfnArns.general\` must be a Step Functions state machine ARN (${SFN_FORMAT}); received "${lambda}".`,
    ]);
  });

  test("an execution ARN is not a state machine ARN", () => {
    const execution = "arn:aws:states:eu-west-1:111122223333:execution:gata-finetune-general:run-1";
    expect(problemsWith({ sfnArns: { ...VALID_PROPS.sfnArns, low_volume: execution } })).toEqual([
      `\`sfnArns.low_volume\` must be a Step Functions state machine ARN (${SFN_FORMAT}); received "${execution}".`,
    ]);
  });
});

describe("ecrRepoUrls and ecrRepoArns", () => {
  test("ecrRepoUrls without data-prep", () => {
    expect(
      problemsWith({ ecrRepoUrls: { trainer: "111122223333.dkr.ecr.eu-west-1.amazonaws.com/gata/trainer" } }),
    ).toEqual(['`ecrRepoUrls` must have the key "data-prep"; received the keys ["trainer"].']);
  });

  test("ecrRepoArns without data-prep", () => {
    expect(problemsWith({ ecrRepoArns: {} })).toEqual([
      '`ecrRepoArns` must have the key "data-prep"; received the keys [].',
    ]);
  });

  test.each([
    ["not a url", "not a URL at all"],
    ["111122223333.dkr.ecr.eu-west-1.amazonaws.com/gata/data-prep:1.4.2", "a tag, which the workflow appends itself"],
    ["https://111122223333.dkr.ecr.eu-west-1.amazonaws.com/gata/data-prep", "a scheme"],
    ["1111.dkr.ecr.eu-west-1.amazonaws.com/gata/data-prep", "an account that is not 12 digits"],
    ["111122223333.dkr.ecr.eu-west-1.amazonaws.com/Gata/data-prep", "an uppercase repository name"],
    ["111122223333.dkr.ecr.eu-west-1.amazonaws.com/gata//data-prep", "an empty name component"],
    ["111122223333.dkr.ecr.eu-west-1.amazonaws.com/a", "a one-character repository name"],
    [`111122223333.dkr.ecr.eu-west-1.amazonaws.com/${"a".repeat(257)}`, "a 257-character repository name"],
    ["docker.io/library/python", "another registry"],
  ])("the ecrRepoUrls value %j is refused: %s", (url) => {
    expect(problemsWith({ ecrRepoUrls: { "data-prep": url } })).toEqual([
      "`ecrRepoUrls.data-prep` must be an ECR repository URL (<account>.dkr.ecr.<region>.<dns suffix>/<repository name>, with no tag); " +
        `received ${JSON.stringify(url)}.`,
    ]);
  });

  test("a 256-character repository name is the longest accepted", () => {
    const url = `111122223333.dkr.ecr.eu-west-1.amazonaws.com/${"a".repeat(256)}`;
    expect(problemsWith({ ecrRepoUrls: { "data-prep": url } })).toEqual([]);
  });

  test("every ecrRepoUrls value is checked, not only data-prep", () => {
    expect(problemsWith({ ecrRepoUrls: { ...VALID_PROPS.ecrRepoUrls, trainer: "trainer:latest" } })).toEqual([
      "`ecrRepoUrls.trainer` must be an ECR repository URL (<account>.dkr.ecr.<region>.<dns suffix>/<repository name>, with no tag); " +
        'received "trainer:latest".',
    ]);
  });

  test("an ecrRepoArns value that is not an ECR repository ARN", () => {
    expect(
      problemsWith({ ecrRepoArns: { "data-prep": "111122223333.dkr.ecr.eu-west-1.amazonaws.com/gata/data-prep" } }),
    ).toEqual([
      "`ecrRepoArns.data-prep` must be an ECR repository ARN (arn:<partition>:ecr:<region>:<account>:repository/<name>); " +
        'received "111122223333.dkr.ecr.eu-west-1.amazonaws.com/gata/data-prep".',
    ]);
  });
});

describe("ARN props", () => {
  test("kmsKeyArn: an alias ARN is not a key ARN", () => {
    expect(problemsWith({ kmsKeyArn: "arn:aws:kms:eu-west-1:111122223333:alias/gata" })).toEqual([
      '`kmsKeyArn` must be a KMS key ARN (arn:<partition>:kms:<region>:<account>:key/<key-id>); received "arn:aws:kms:eu-west-1:111122223333:alias/gata".',
    ]);
  });

  test("dbClusterArn: a DB instance ARN is not a cluster ARN", () => {
    expect(problemsWith({ dbClusterArn: "arn:aws:rds:eu-west-1:111122223333:db:tickets-1" })).toEqual([
      '`dbClusterArn` must be an RDS cluster ARN (arn:<partition>:rds:<region>:<account>:cluster:<name>); received "arn:aws:rds:eu-west-1:111122223333:db:tickets-1".',
    ]);
  });

  test("dbSecretArn: an SSM parameter ARN is not a secret ARN", () => {
    expect(problemsWith({ dbSecretArn: "arn:aws:ssm:eu-west-1:111122223333:parameter/tickets-db" })).toEqual([
      "`dbSecretArn` must be a Secrets Manager secret ARN (arn:<partition>:secretsmanager:<region>:<account>:secret:<name>); " +
        'received "arn:aws:ssm:eu-west-1:111122223333:parameter/tickets-db".',
    ]);
  });

  test("ecsClusterArn: a cluster name is not an ARN", () => {
    expect(problemsWith({ ecsClusterArn: "gata" })).toEqual([
      '`ecsClusterArn` must be an ECS cluster ARN (arn:<partition>:ecs:<region>:<account>:cluster/<name>); received "gata".',
    ]);
  });

  test("ecsClusterArn: an account that is not 12 digits", () => {
    expect(problemsWith({ ecsClusterArn: "arn:aws:ecs:eu-west-1:1111:cluster/gata" })).toEqual([
      '`ecsClusterArn` must be an ECS cluster ARN (arn:<partition>:ecs:<region>:<account>:cluster/<name>); received "arn:aws:ecs:eu-west-1:1111:cluster/gata".',
    ]);
  });

  test("rolePermissionsBoundary: a role ARN is not a policy ARN", () => {
    expect(problemsWith({ rolePermissionsBoundary: "arn:aws:iam::111122223333:role/boundary" })).toEqual([
      '`rolePermissionsBoundary` must be an IAM policy ARN (arn:<partition>:iam::<account>:policy/<name>); received "arn:aws:iam::111122223333:role/boundary".',
    ]);
  });

  test("eventBusName: an SNS topic ARN is neither an event bus name nor its ARN", () => {
    expect(problemsWith({ eventBusName: "arn:aws:sns:eu-west-1:111122223333:gata" })).toEqual([
      "`eventBusName` must be an event bus name or an EventBridge event bus ARN (arn:<partition>:events:<region>:<account>:event-bus/<name>); " +
        'received "arn:aws:sns:eu-west-1:111122223333:gata".',
    ]);
  });
});

describe("ssmImagePath", () => {
  test.each(["gata/images/", "/gata/images", ""])("%j does not start and end with /", (path) => {
    expect(problemsWith({ ssmImagePath: path })).toEqual([
      `\`ssmImagePath\` must be an SSM parameter path that starts and ends with "/", such as "/gata/images/"; received ${JSON.stringify(path)}.`,
    ]);
  });
});

describe("dataPrepTimeout and fineTuneTimeout", () => {
  test.each([
    ["dataPrepTimeout", Duration.minutes(30)],
    ["fineTuneTimeout", Duration.days(3)],
    ["dataPrepTimeout", Duration.seconds(1)],
  ] as const)("%s %s is accepted", (prop, duration) => {
    expect(problemsWith({ [prop]: duration })).toEqual([]);
  });

  test.each([
    [Duration.seconds(0), "0 seconds"],
    [Duration.seconds(-5), "-5 seconds"],
    [Duration.seconds(1.5), "1.5 seconds"],
    [Duration.minutes(0.001), "0.001 minutes"],
  ])("%s is refused: Step Functions takes a positive whole number of seconds", (duration, shown) => {
    expect(problemsWith({ dataPrepTimeout: duration })).toEqual([
      `\`dataPrepTimeout\` must be a whole number of seconds, at least 1; received ${shown}.`,
    ]);
  });

  test.each([
    [14400, "14400"],
    ["4h", '"4h"'],
    [null, "null"],
  ])("a plain %j is refused: a Duration is expected", (value, shown) => {
    expect(problemsWith({ fineTuneTimeout: value })).toEqual([
      `\`fineTuneTimeout\` must be a Duration, such as Duration.hours(4); received ${shown}.`,
    ]);
  });

  test("timeouts whose longest execution exceeds a year are refused, naming both", () => {
    // GIVEN 60-day fine-tunes: 7 attempts alone make 420 days
    expect(problemsWith({ fineTuneTimeout: Duration.days(60) })).toEqual([
      "`dataPrepTimeout` (4 hours) and `fineTuneTimeout` (60 days) make the execution's timeout 36403200 seconds " +
        "(its longest path, retries included, plus an hour); a Standard workflow runs at most 31536000 seconds (one year).",
    ]);
  });

  test("at the boundary: the longest fine-tune timeout whose execution timeout fits in a year is accepted, one second more is not", () => {
    expect(problemsWith({ fineTuneTimeout: Duration.seconds(4489109) })).toEqual([]);
    expect(problemsWith({ fineTuneTimeout: Duration.seconds(4489110) })).toEqual([
      "`dataPrepTimeout` (4 hours) and `fineTuneTimeout` (4489110 seconds) make the execution's timeout 31539600 seconds " +
        "(its longest path, retries included, plus an hour); a Standard workflow runs at most 31536000 seconds (one year).",
    ]);
  });
});

describe("lowVolumeFallbackLabel", () => {
  test.each([
    [1.5, "1.5"],
    [NaN, "NaN"],
    [Infinity, "Infinity"],
  ])("%p is not a finite integer", (label, shown) => {
    expect(problemsWith({ lowVolumeFallbackLabel: label })).toEqual([
      `\`lowVolumeFallbackLabel\` must be a finite integer; received ${shown}.`,
    ]);
  });
});

describe("applicationName", () => {
  test.each(["", "gata app", "gata/finetune", "gata.ml"])("%j is refused", (name) => {
    expect(problemsWith({ applicationName: name })).toEqual([
      `\`applicationName\` must be a non-empty name of letters, digits, hyphens and underscores; received ${JSON.stringify(name)}.`,
    ]);
  });
});

describe("tags", () => {
  test("an environment tag that cannot join a name", () => {
    expect(problemsWith({ tags: { environment: "prod eu" } })).toEqual([
      '`tags.environment` must be made of letters, digits, hyphens and underscores; received "prod eu".',
    ]);
  });
});

describe("s3BucketName", () => {
  test.each([
    ["ab", "3 to 63 characters"],
    ["a".repeat(64), "3 to 63 characters"],
    ["Gata_Data", "only lowercase letters, digits, dots and hyphens"],
    ["gata_data", "only lowercase letters, digits, dots and hyphens"],
    ["-gata-data", "starting and ending with a letter or digit"],
    ["gata..data", "no two adjacent dots"],
    ["192.168.5.4", "not formatted as an IP address"],
    ["10.200.30.40", "not formatted as an IP address"],
    ["xn--gata", 'not starting with the reserved prefix "xn--"'],
    ["sthree-gata", 'not starting with the reserved prefix "sthree-"'],
    ["amzn-s3-demo-gata", 'not starting with the reserved prefix "amzn-s3-demo-"'],
    ["gata-s3alias", 'not ending with the reserved suffix "-s3alias"'],
    ["gata--ol-s3", 'not ending with the reserved suffix "--ol-s3"'],
    ["gata.mrap", 'not ending with the reserved suffix ".mrap"'],
    ["gata--x-s3", 'not ending with the reserved suffix "--x-s3"'],
    ["gata--table-s3", 'not ending with the reserved suffix "--table-s3"'],
  ])("%j breaks the rule: %s", (name, rule) => {
    expect(problemsWith({ s3BucketName: name })).toEqual([
      `\`s3BucketName\` must be a valid S3 bucket name (${rule}); received ${JSON.stringify(name)}.`,
    ]);
  });

  test.each([
    ["abc", "the shortest name, 3 characters"],
    ["a".repeat(63), "the longest name, 63 characters"],
    ["x.1.2.3.4", "four numbers after a label, which is not an IP address"],
    ["1.2.3", "three numbers, which are not an IP address"],
    ["sthree", "a reserved prefix without its hyphen"],
    ["gata-s3", "a name ending like a reserved suffix, without its dashes"],
  ])("%j is accepted: %s", (name) => {
    expect(problemsWith({ s3BucketName: name })).toEqual([]);
  });

  test.each([
    [42, "42"],
    [null, "null"],
    [undefined, "undefined"],
  ])("%p is refused: a bucket name is a string", (value, shown) => {
    expect(problemsWith({ s3BucketName: value })).toEqual([
      `\`s3BucketName\` must be a valid S3 bucket name (a string); received ${shown}.`,
    ]);
  });

  test("bucketNameRule accepts a valid name with dots", () => {
    expect(bucketNameRule("gata.training-data.111122223333")).toBeUndefined();
  });
});

describe("generated names", () => {
  test("an IAM role name over 64 characters names the props that feed it", () => {
    // GIVEN a 50-character application name: the namespace is 55 characters with "-prod"
    const app = "a".repeat(50);
    // THEN
    expect(problemsWith({ applicationName: app })).toEqual([
      `\`applicationName\` and \`tags.environment\` make the IAM role name "${app}-prod-data-prep-exec" 70 characters long; it must be at most 64.`,
      `\`applicationName\` and \`tags.environment\` make the IAM role name "${app}-prod-data-prep-task" 70 characters long; it must be at most 64.`,
      `\`applicationName\` and \`tags.environment\` make the IAM role name "sfn-${app}-prod-finetune" 68 characters long; it must be at most 64.`,
    ]);
  });

  test("a role namespace that makes the role names too long", () => {
    const namespace = "n".repeat(50);
    expect(problemsWith({ roleNamespace: namespace, tags: {} })).toEqual([
      `\`roleNamespace\` and \`applicationName\` make the IAM role name "${namespace}-gata-data-prep-exec" 70 characters long; it must be at most 64.`,
      `\`roleNamespace\` and \`applicationName\` make the IAM role name "${namespace}-gata-data-prep-task" 70 characters long; it must be at most 64.`,
      `\`roleNamespace\` and \`applicationName\` make the IAM role name "${namespace}-sfn-gata-finetune" 68 characters long; it must be at most 64.`,
    ]);
  });

  test("roleNamespace, applicationName and the environment tag together: all three are named", () => {
    // GIVEN a 30-character namespace, application name and environment: 30-30-30-data-prep-exec is 107 characters
    const [ns, app, env] = ["n".repeat(30), "a".repeat(30), "e".repeat(30)];
    // WHEN
    const roleProblems = problemsWith({ roleNamespace: ns, applicationName: app, tags: { environment: env } }).filter(
      (p) => p.includes("IAM role name"),
    );
    // THEN
    const feeds = "`roleNamespace`, `applicationName` and `tags.environment` make";
    expect(roleProblems).toEqual([
      `${feeds} the IAM role name "${ns}-${app}-${env}-data-prep-exec" 107 characters long; it must be at most 64.`,
      `${feeds} the IAM role name "${ns}-${app}-${env}-data-prep-task" 107 characters long; it must be at most 64.`,
      `${feeds} the IAM role name "${ns}-sfn-${app}-${env}-finetune" 105 characters long; it must be at most 64.`,
    ]);
  });

  test.each([
    ["applicationName is a token", { applicationName: FAKE_TOKEN, roleNamespace: "n".repeat(100) }],
    ["roleNamespace is a token", { applicationName: "a".repeat(100), roleNamespace: FAKE_TOKEN }],
    ["tags is a token", { applicationName: "a".repeat(100), tags: FAKE_TOKEN }],
  ])("generated names are not checked while %s", (_, overrides) => {
    expect(problemsWith(overrides)).toEqual([]);
  });

  test("a role namespace with characters IAM rejects", () => {
    expect(problemsWith({ roleNamespace: "team/ml" })).toEqual([
      '`roleNamespace` must be empty or made of letters, digits and _+=,.@-; received "team/ml".',
    ]);
  });

  test("a state machine name over 80 characters", () => {
    // GIVEN a 72-character namespace: the state machine name is 81, every role name is longer still
    const app = "a".repeat(72);
    // THEN
    expect(problemsWith({ applicationName: app, tags: {} })).toEqual([
      `\`applicationName\` makes the IAM role name "${app}-data-prep-exec" 87 characters long; it must be at most 64.`,
      `\`applicationName\` makes the IAM role name "${app}-data-prep-task" 87 characters long; it must be at most 64.`,
      `\`applicationName\` makes the IAM role name "sfn-${app}-finetune" 85 characters long; it must be at most 64.`,
      `\`applicationName\` makes the state machine name "${app}-finetune" 81 characters long; it must be at most 80.`,
    ]);
  });

  test("IAM policy and container names over their limits; at exactly 255, the security group name and task family pass", () => {
    // GIVEN a 245-character namespace: <ns>-data-prep is 255, the container name 266
    const app = "a".repeat(241);
    const ns = `${app}-dev`;
    // WHEN
    const problems = problemsWith({ applicationName: app, tags: { environment: "dev" } });
    // THEN every name but the log groups' is over its limit
    const feeds = "`applicationName` and `tags.environment` make";
    expect(problems).toEqual([
      `${feeds} the IAM role name "${ns}-data-prep-exec" 260 characters long; it must be at most 64.`,
      `${feeds} the IAM role name "${ns}-data-prep-task" 260 characters long; it must be at most 64.`,
      `${feeds} the IAM role name "sfn-${ns}-finetune" 258 characters long; it must be at most 64.`,
      `${feeds} the IAM policy name "${ns}-data-prep-exec" 260 characters long; it must be at most 128.`,
      `${feeds} the IAM policy name "${ns}-data-prep-task" 260 characters long; it must be at most 128.`,
      `${feeds} the IAM policy name "sfn-${ns}-finetune" 258 characters long; it must be at most 128.`,
      `${feeds} the state machine name "${ns}-finetune" 254 characters long; it must be at most 80.`,
      `${feeds} the container name "${ns}-data-prep-YYYYMMDDHH" 266 characters long; it must be at most 255.`,
    ]);
  });

  test("a security group name and task definition family over 255 characters", () => {
    // GIVEN a 246-character namespace: <ns>-data-prep is 256
    const app = "a".repeat(242);
    const ns = `${app}-dev`;
    // WHEN
    const problems = problemsWith({ applicationName: app, tags: { environment: "dev" } });
    // THEN
    const feeds = "`applicationName` and `tags.environment` make";
    expect(problems.filter((p) => /security group|task definition|container/.test(p))).toEqual([
      `${feeds} the security group name "${ns}-data-prep" 256 characters long; it must be at most 255.`,
      `${feeds} the task definition family "${ns}-data-prep" 256 characters long; it must be at most 255.`,
      `${feeds} the container name "${ns}-data-prep-YYYYMMDDHH" 267 characters long; it must be at most 255.`,
    ]);
  });

  test("a log group name over 512 characters", () => {
    // GIVEN a 500-character namespace: /aws/vendedlogs/states/<ns>-finetune is 532
    const app = "a".repeat(500);
    // WHEN
    const logGroupProblems = problemsWith({ applicationName: app, tags: {} }).filter((p) => p.includes("log group"));
    // THEN
    expect(logGroupProblems).toEqual([
      `\`applicationName\` makes the log group name "/ecs/${app}-data-prep" 515 characters long; it must be at most 512.`,
      `\`applicationName\` makes the log group name "/aws/vendedlogs/states/${app}-finetune" 532 characters long; it must be at most 512.`,
    ]);
  });
});

describe("each generated name's limit, at its boundary", () => {
  // With no environment tag the namespace is the application name: <ns>-finetune is ns + 9
  // characters, the role and policy names ns + 15, /aws/vendedlogs/states/<ns>-finetune ns + 32,
  // the container name ns + 21 and <ns>-data-prep ns + 10.
  const problemsAbout = (what: string, namespaceLength: number) =>
    problemsWith({ applicationName: "a".repeat(namespaceLength), tags: {} })
      .filter((p) => p.includes(`the ${what} "`))
      .map((p) => p.replace(/ ".*" /, " <name> "));

  test.each([
    ["IAM role name", 64, 49, 2],
    ["IAM policy name", 128, 113, 2],
    ["state machine name", 80, 71, 1],
    ["log group name", 512, 480, 1],
    ["container name", 255, 234, 1],
    ["security group name", 255, 245, 1],
    ["task definition family", 255, 245, 1],
  ])("the %s: %i characters pass, one more does not", (what, limit, longestNamespace, namesOver) => {
    // GIVEN the longest namespace whose names fit, WHEN it is used, THEN nothing is said about them
    expect(problemsAbout(what, longestNamespace)).toEqual([]);
    // GIVEN one character more, THEN each name one over its limit is refused
    expect(problemsAbout(what, longestNamespace + 1)).toEqual(
      Array.from(
        { length: namesOver },
        () => `\`applicationName\` makes the ${what} <name> ${limit + 1} characters long; it must be at most ${limit}.`,
      ),
    );
  });
});

describe("the AWS name limits", () => {
  // Stryker does not mutate numbers, so each limit is pinned here to the value on its AWS page
  // (linked in src/interface/rules.ts).
  test("are the documented maximum lengths", () => {
    expect(NAME_LIMITS).toEqual({
      iamRole: 64,
      iamPolicy: 128,
      securityGroup: 255,
      stateMachine: 80,
      logGroup: 512,
      taskDefinitionFamily: 255,
      containerName: 255,
    });
  });
});

describe("the name limits the role names imply", () => {
  // The plan-time validation checks only the IAM role names (and the state machine name):
  // the longest namespace whose role names fit keeps every other name within its limit.
  const emptyNamespace = resourceNames("", "");
  const longestRoleSuffix = Math.max(
    ...[emptyNamespace.dataPrepExecRole, emptyNamespace.dataPrepTaskRole, emptyNamespace.sfnRole].map(
      (name) => (evaluate(name, () => false) as string).length,
    ),
  );
  const longestNamespace = NAME_LIMITS.iamRole - longestRoleSuffix;

  test("at the longest namespace the role names allow, no name is over its limit", () => {
    expect(problemsWith({ applicationName: "a".repeat(longestNamespace), tags: {} })).toEqual([]);
  });

  test("one character more breaks the role name limits, and only those", () => {
    const problems = problemsWith({ applicationName: "a".repeat(longestNamespace + 1), tags: {} });
    expect(problems.map((p) => p.replace(/ ".*" /, " <name> "))).toEqual([
      "`applicationName` makes the IAM role name <name> 65 characters long; it must be at most 64.",
      "`applicationName` makes the IAM role name <name> 65 characters long; it must be at most 64.",
    ]);
  });
});

describe("values of the wrong type (from JavaScript)", () => {
  test.each([
    ["null", null, "null"],
    [
      "an array",
      ["arn:aws:states:eu-west-1:111122223333:stateMachine:g"],
      '["arn:aws:states:eu-west-1:111122223333:stateMachine:g"]',
    ],
    ["a string", "general", '"general"'],
  ])("sfnArns as %s is refused: a map is expected", (_, value, shown) => {
    expect(problemsWith({ sfnArns: value })).toEqual([
      `\`sfnArns\` must be a map with the keys "general" and "low_volume"; received ${shown}.`,
    ]);
  });

  test("ecrRepoUrls and ecrRepoArns as null are refused, naming their one key", () => {
    expect(problemsWith({ ecrRepoArns: null, ecrRepoUrls: null })).toEqual([
      '`ecrRepoArns` must be a map with the keys "data-prep"; received null.',
      '`ecrRepoUrls` must be a map with the keys "data-prep"; received null.',
    ]);
  });

  test.each([
    ["kmsKeyArn", 42, "a KMS key ARN (arn:<partition>:kms:<region>:<account>:key/<key-id>)", "42"],
    ["dbClusterArn", null, "an RDS cluster ARN (arn:<partition>:rds:<region>:<account>:cluster:<name>)", "null"],
    [
      "eventBusName",
      ["gata"],
      "an event bus name or an EventBridge event bus ARN (arn:<partition>:events:<region>:<account>:event-bus/<name>)",
      '["gata"]',
    ],
    ["applicationName", 7, "a non-empty name of letters, digits, hyphens and underscores", "7"],
    ["roleNamespace", false, "empty or made of letters, digits and _+=,.@-", "false"],
    [
      "ssmImagePath",
      { path: "/gata/images/" },
      'an SSM parameter path that starts and ends with "/", such as "/gata/images/"',
      '{"path":"/gata/images/"}',
    ],
    ["lowVolumeFallbackLabel", "3", "a finite integer", '"3"'],
    ["subnetIds", "subnet-0123456789abcdef0", "a list of at least one subnet ID", '"subnet-0123456789abcdef0"'],
  ])("%s = %p is refused", (prop, value, expected, shown) => {
    expect(problemsWith({ [prop]: value })).toEqual([`\`${prop}\` must be ${expected}; received ${shown}.`]);
  });

  test("a map value or list item that is not a string is refused, with its key or index", () => {
    expect(
      problemsWith({
        ecrRepoUrls: { "data-prep": 42 },
        sfnArns: { ...VALID_PROPS.sfnArns, general: null },
        subnetIds: ["subnet-0123456789abcdef0", 7],
        vpcEndpointSecurityGroups: { "ecr-api": true, s3: 6 },
      }),
    ).toEqual([
      "`ecrRepoUrls.data-prep` must be an ECR repository URL (<account>.dkr.ecr.<region>.<dns suffix>/<repository name>, with no tag); received 42.",
      `\`sfnArns.general\` must be a Step Functions state machine ARN (${SFN_FORMAT}); received null.`,
      "`subnetIds[1]` must be a subnet ID (subnet- and 8 or 17 hexadecimal digits); received 7.",
      "`vpcEndpointSecurityGroups.ecr-api` must be a security group ID (sg- and 8 or 17 hexadecimal digits); received true.",
      "`vpcEndpointSecurityGroups.s3` must be a prefix list ID (pl- and hexadecimal digits); received 6.",
    ]);
  });
});

describe("InvalidPropsError", () => {
  test("lists every problem, in the order findProblems gives them, under the construct's path", () => {
    // GIVEN
    const props = { ...VALID_PROPS, subnetIds: [], kmsKeyArn: "alias/gata", lowVolumeFallbackLabel: 0.5 };
    // WHEN
    const error = new InvalidPropsError("prod/finetune", findProblems(props, isFakeToken));
    // THEN
    expect(error).toBeInstanceOf(Error);
    expect(error.name).toBe("InvalidPropsError");
    expect(error.message).toBe(
      [
        'Invalid props for FinetuneWorkflow "prod/finetune":',
        '- `kmsKeyArn` must be a KMS key ARN (arn:<partition>:kms:<region>:<account>:key/<key-id>); received "alias/gata".',
        "- `lowVolumeFallbackLabel` must be a finite integer; received 0.5.",
        "- `subnetIds` must be a list of at least one subnet ID; received [].",
      ].join("\n"),
    );
    expect({ path: error.constructPath, problems: error.problems.length }).toEqual({
      path: "prod/finetune",
      problems: 3,
    });
  });

  test("prints as its message alone: no stack frames, and no fields listed after it", () => {
    // GIVEN
    const error = new InvalidPropsError("prod/finetune", ["`x` must be y; received z."]);
    // WHEN
    const printed = inspect(error);
    // THEN Node prints an uncaught error with util.inspect, which brackets a stack without frames
    expect(printed).toBe(
      '[InvalidPropsError: Invalid props for FinetuneWorkflow "prod/finetune":\n- `x` must be y; received z.]',
    );
  });

  test("finds nothing wrong with valid props", () => {
    expect(findProblems(VALID_PROPS, isFakeToken)).toEqual([]);
  });

  test("finds nothing wrong with the placeholders the construct builds from under the CLI", () => {
    expect(findProblems(PLACEHOLDER_PROPS, isFakeToken)).toEqual([]);
  });

  test("a required prop left out (from JavaScript) is reported as undefined", () => {
    const { kmsKeyArn: _omitted, ...rest } = VALID_PROPS;
    expect(findProblems(rest as FinetuneWorkflowProps, isFakeToken)).toEqual([
      "`kmsKeyArn` must be a KMS key ARN (arn:<partition>:kms:<region>:<account>:key/<key-id>); received undefined.",
    ]);
  });
});
