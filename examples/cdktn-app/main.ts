// A CDK Terrain (cdktn) app that uses the construct: examples/cdktf-app moved to cdktn, with the
// same stack id, Terraform addresses and backend, so that it keeps the cdktf app's state.
// `npx cdktn synth` runs this file (see cdktf.json, which cdktn-cli reads under that name).
import { AwsProvider } from "@cdktn/provider-aws/lib/provider";
import { App, S3Backend, TerraformOutput, TerraformStack } from "cdktn";
import type { Construct } from "constructs";
import { FinetuneWorkflow } from "finetune-workflow/cdktn";

export interface FinetuneAppConfig {
  readonly region: string;
  /** Bucket and key of the Terraform state. */
  readonly stateBucket: string;
  readonly stateKey: string;
  readonly environment: string;
  /** Private subnets of the VPC the data-prep task runs in. */
  readonly subnetIds: string[];
}

export const EXAMPLE_CONFIG: FinetuneAppConfig = {
  region: "eu-west-1",
  stateBucket: "gata-terraform-state-111122223333",
  stateKey: "finetune-workflow/prod.tfstate",
  environment: "prod",
  subnetIds: ["subnet-0123456789abcdef0", "subnet-0fedcba9876543210"],
};

/** The app's one stack. Exported so that a test can synthesize it. */
export function buildStack(scope: Construct, id: string, config: FinetuneAppConfig = EXAMPLE_CONFIG): TerraformStack {
  const stack = new TerraformStack(scope, id);

  new AwsProvider(stack, "aws", {
    region: config.region,
    defaultTags: [{ tags: { Application: "gata", ManagedBy: "cdktn" } }],
  });
  new S3Backend(stack, {
    bucket: config.stateBucket,
    key: config.stateKey,
    region: config.region,
    encrypt: true,
    // State locking with a lock file in the bucket (Terraform 1.10+) instead of a DynamoDB table.
    // https://developer.hashicorp.com/terraform/language/backend/s3#state-locking
    useLockfile: true,
  });

  const account = "111122223333";
  const arn = (service: string, resource: string) => `arn:aws:${service}:${config.region}:${account}:${resource}`;
  const workflow = new FinetuneWorkflow(stack, "finetune", {
    dbClusterArn: arn("rds", "cluster:tickets"),
    dbSecretArn: arn("secretsmanager", "secret:tickets-db-AbCdEf"),
    ecrRepoArns: { "data-prep": arn("ecr", "repository/gata/data-prep") },
    ecrRepoUrls: { "data-prep": `${account}.dkr.ecr.${config.region}.amazonaws.com/gata/data-prep` },
    ecsClusterArn: arn("ecs", "cluster/gata"),
    eventBusName: arn("events", "event-bus/gata"),
    kmsKeyArn: arn("kms", "key/1234abcd-12ab-34cd-56ef-1234567890ab"),
    lowVolumeFallbackLabel: 0,
    s3BucketName: `gata-training-data-${account}`,
    sfnArns: {
      general: arn("states", "stateMachine:gata-finetune-general"),
      low_volume: arn("states", "stateMachine:gata-finetune-low-volume"),
    },
    ssmImagePath: "/gata/images/",
    subnetIds: config.subnetIds,
    tags: { environment: config.environment },
    vpcEndpointSecurityGroups: {},
  });

  new TerraformOutput(stack, "state_machine_arn", { value: workflow.stateMachineArn });
  new TerraformOutput(stack, "security_group_id", { value: workflow.securityGroupId });
  new TerraformOutput(stack, "ecs_role_exec_name", { value: workflow.ecsRoleExecName });
  new TerraformOutput(stack, "ecs_role_task_name", { value: workflow.ecsRoleTaskName });
  return stack;
}

if (require.main === module) {
  // Bad props need no handling here: the construct lists them once, with no stack trace, whether
  // this file runs on its own or under the CLI.
  const app = new App();
  buildStack(app, "finetune-prod");
  app.synth();
}
