/**
 * Partition and region: the module writes no literal `arn:aws:`, and with the aws-cn and
 * aws-us-gov values Terraform would give `data.aws_partition` and `data.aws_region`, every ARN
 * in every policy and in the state machine definition lands in that partition.
 */
import {
  builderDocuments,
  arnsIn,
  DOCUMENTS,
  type Partition,
  resolvedPolicies,
  resolveModule,
  sampleFor,
  type TerraformJson,
} from "./sample";
import { synthModule } from "../support/synthesized";
import { toPolicyJson } from "../../src/iam/policy";

let tf: TerraformJson;
beforeAll(() => {
  ({ tf } = synthModule());
});

describe("the synthesized module", () => {
  test("contains no literal `arn:aws:` anywhere: every ARN takes its partition from data.aws_partition", () => {
    expect(JSON.stringify(tf)).not.toContain("arn:aws:");
    expect(tf.resource.aws_sfn_state_machine.finetune.definition).toContain(
      "arn:${data.aws_partition.current.partition}:states:::",
    );
  });
});

describe.each<[Partition, string, string]>([
  ["aws-cn", "cn-north-1", "cn.com.amazonaws.cn-north-1.s3"],
  ["aws-us-gov", "us-gov-west-1", "com.amazonaws.us-gov-west-1.s3"],
  ["aws", "eu-west-1", "com.amazonaws.eu-west-1.s3"],
])("in %s (%s)", (partition, region, prefixListName) => {
  const sample = sampleFor(partition);
  let resolved: TerraformJson;
  let policyText: string;
  let definition: string;
  beforeAll(() => {
    resolved = resolveModule(tf, sample);
    policyText = JSON.stringify(resolved.data.aws_iam_policy_document);
    definition = resolved.resource.aws_sfn_state_machine.finetune.definition;
  });

  test("every Terraform expression in the policies and the definition resolves", () => {
    expect(policyText).not.toContain("${");
    expect(definition).not.toContain("${");
    expect(() => JSON.parse(definition)).not.toThrow();
  });

  test(`every ARN in every policy document starts with arn:${partition}:`, () => {
    const arns = arnsIn(policyText);
    expect(arns.length).toBeGreaterThan(20);
    expect(arns.filter((a) => !a.startsWith(`arn:${partition}:`))).toEqual([]);
    // Regional ARNs carry the region; S3 and IAM ARNs have none.
    expect(arns.filter((a) => !/^arn:[^:]+:(s3|iam):/.test(a) && a.split(":")[3] !== region)).toEqual([]);
  });

  test(`every ARN in the state machine definition starts with arn:${partition}:`, () => {
    const arns = arnsIn(definition);
    expect(arns.length).toBeGreaterThan(10);
    expect(arns.filter((a) => !a.startsWith(`arn:${partition}:`))).toEqual([]);
    const resources: string[] = [];
    const walk = (v: unknown): void => {
      if (Array.isArray(v)) v.forEach(walk);
      else if (v && typeof v === "object") {
        for (const [k, child] of Object.entries(v)) {
          if (k === "Resource" && typeof child === "string") resources.push(child);
          walk(child);
        }
      }
    };
    walk(JSON.parse(definition));
    expect(resources.length).toBeGreaterThan(5);
    expect(resources.filter((r) => !r.startsWith(`arn:${partition}:states:::`))).toEqual([]);
  });

  test(`the S3 prefix list is ${prefixListName}`, () => {
    expect(resolved.data.aws_ec2_managed_prefix_list.s3.name).toBe(prefixListName);
  });

  test("the synthesized documents equal the builders' output for the same inputs", () => {
    const docs = builderDocuments(sample);
    expect(resolvedPolicies(resolved)).toEqual(Object.fromEntries(DOCUMENTS.map((d) => [d, toPolicyJson(docs[d])])));
  });

  test(`the builders, given concrete ${partition} scopes, write only ${partition} ARNs`, () => {
    const arns = arnsIn(JSON.stringify(builderDocuments(sample)));
    expect(arns.length).toBeGreaterThan(20);
    expect(arns.filter((a) => !a.startsWith(`arn:${partition}:`))).toEqual([]);
  });
});
