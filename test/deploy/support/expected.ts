/** What a deployment of the module holds, by the addresses inside the module. Test code only. */
import type { FinetuneWorkflow } from "../../../src/finetune-workflow";
import { placedAddresses } from "../../support/module";

/** A lifecycle's apply, plan and destroy, with a loaded machine's margin. */
export const LIFECYCLE_TIMEOUT_MS = 240_000;

const ENDPOINTS = ["ecr-api", "ecr-dkr", "logs", "rds-data", "secretsmanager", "ssm"];

const endpointRules = [
  ...ENDPOINTS.map((endpoint) => `aws_vpc_security_group_egress_rule.egress_https["${endpoint}"]`),
  "aws_vpc_security_group_egress_rule.egress_https_s3",
];

/** Everything but the egress rules, in `terraform state list` order. */
const DATA_SOURCES = [
  "data.aws_caller_identity.current",
  "data.aws_ec2_managed_prefix_list.s3",
  "data.aws_iam_policy_document.data_prep_exec",
  "data.aws_iam_policy_document.data_prep_task",
  "data.aws_iam_policy_document.ecs_exec_assume",
  "data.aws_iam_policy_document.ecs_task_assume",
  "data.aws_iam_policy_document.sfn",
  "data.aws_iam_policy_document.sfn_assume",
  "data.aws_partition.current",
  "data.aws_region.current",
  'data.aws_subnet.this["0"]',
  'data.aws_subnet.this["1"]',
];
const RESOURCES = [
  "aws_cloudwatch_log_group.ecs_data_prep",
  "aws_cloudwatch_log_group.sfn",
  "aws_iam_policy.data_prep_exec",
  "aws_iam_policy.data_prep_task",
  "aws_iam_policy.sfn",
  "aws_iam_role.data_prep_exec",
  "aws_iam_role.data_prep_task",
  "aws_iam_role.sfn",
  "aws_iam_role_policy_attachment.data_prep_exec",
  "aws_iam_role_policy_attachment.data_prep_task",
  "aws_iam_role_policy_attachment.sfn",
  "aws_security_group.this",
  "aws_sfn_state_machine.finetune",
];

export const MODULE_RESOURCES = {
  /** With interface endpoints and S3's prefix list in vpc_endpoint_security_groups. */
  withEndpoints: [...DATA_SOURCES, ...RESOURCES, ...endpointRules],
  /** With none: HTTPS to anywhere, and to S3's prefix list. */
  withoutEndpoints: [
    ...DATA_SOURCES,
    ...RESOURCES,
    "aws_vpc_security_group_egress_rule.egress_https_all[0]",
    "aws_vpc_security_group_egress_rule.egress_https_s3",
  ],
  endpointRules,
};

/**
 * `addresses` inside the module (`aws_iam_role.sfn`, `data.aws_subnet.this["0"]`) as the state of
 * an app holding `workflow` lists them: at the addresses its construct path gives each element,
 * sorted as `terraform state list` sorts them.
 */
export function inApp(addresses: readonly string[], workflow: FinetuneWorkflow): string[] {
  const scoped = placedAddresses(workflow);
  return addresses
    .map((address) => {
      const [base, index] = address.split(/(?=\[)/);
      const renamed = scoped.get(base);
      if (renamed === undefined) throw new Error(`${workflow.node.path} placed nothing at ${base}`);
      return `${renamed}${index ?? ""}`;
    })
    .sort((a, b) => Number(!a.startsWith("data.")) - Number(!b.startsWith("data.")) || (a < b ? -1 : a > b ? 1 : 0));
}
