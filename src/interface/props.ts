import type { Duration } from "../workflow/duration";

/**
 * The child fine-tune state machines' ARNs, by model. The workflow starts `general` and
 * `low_volume`; other entries are allowed and not read.
 */
export interface FineTuneStateMachineArns {
  readonly general: string;
  readonly low_volume: string;
  readonly [model: string]: string;
}

/**
 * ECR repositories by module name, as ARNs or URLs. The workflow reads `data-prep`; other
 * entries are allowed and not read.
 */
export interface EcrRepositories {
  readonly "data-prep": string;
  readonly [module: string]: string;
}

/**
 * Inputs of the fine-tune workflow: the module's variables in camelCase. Every value may be
 * concrete or a Terraform token (a variable, another resource's attribute). The maps are typed
 * down to the keys the workflow reads, so that a missing one fails to compile; a whole map
 * that is a single token (`Token.asStringMap(...)`) has none of them, and needs a cast.
 */
export interface FinetuneWorkflowProps {
  /**
   * Prefixes the names of everything the workflow creates.
   * @default "gata"
   */
  readonly applicationName?: string;
  /**
   * How long the data-prep task may run. When it is exceeded, Step Functions stops the task, the
   * task definition revision is deregistered and a `finetune-failed` event reports `States.Timeout`.
   * Whole seconds; not settable from the Terraform module, which uses the default.
   * @default Duration.hours(4)
   * @see https://docs.aws.amazon.com/step-functions/latest/dg/connect-ecs.html
   */
  readonly dataPrepTimeout?: Duration;
  /** ARN of the Aurora cluster the data-prep task queries through the RDS Data API. */
  readonly dbClusterArn: string;
  /** ARN of the Secrets Manager secret holding that cluster's credentials. */
  readonly dbSecretArn: string;
  /** ECR repository ARNs by module name; `data-prep` is required. */
  readonly ecrRepoArns: EcrRepositories;
  /** ECR repository URLs by module name; `data-prep` is required. */
  readonly ecrRepoUrls: EcrRepositories;
  /** ARN of the ECS cluster the data-prep task runs in. */
  readonly ecsClusterArn: string;
  /** Name or ARN of the EventBridge bus that receives `finetune-complete` and `finetune-failed`. */
  readonly eventBusName: string;
  /**
   * How long each child fine-tune execution may run. When it is exceeded, Step Functions stops the
   * child execution and the batch fails with `States.Timeout`. Whole seconds; not settable from the
   * Terraform module, which uses the default.
   * @default Duration.hours(24)
   * @see https://docs.aws.amazon.com/step-functions/latest/dg/connect-stepfunctions.html
   */
  readonly fineTuneTimeout?: Duration;
  /** ARN of the KMS key encrypting the state machine's data and the datasets in S3. */
  readonly kmsKeyArn: string;
  /** Label the data-prep container uses when there is too little low-volume data to train on. */
  readonly lowVolumeFallbackLabel: number;
  /**
   * Prefix for IAM role names, joined with `-`.
   * @default ""
   */
  readonly roleNamespace?: string;
  /**
   * ARN of a permissions boundary for the three roles.
   * @default - no boundary
   */
  readonly rolePermissionsBoundary?: string;
  /** Bucket the datasets are written to, under `training/`. */
  readonly s3BucketName: string;
  /** Child fine-tune state machine ARNs by model; `general` and `low_volume` are required. */
  readonly sfnArns: FineTuneStateMachineArns;
  /** SSM path holding the image versions, e.g. `/gata/images/`; it starts and ends with `/`. */
  readonly ssmImagePath: string;
  /** Subnets the data-prep task runs in; the security group is created in the first one's VPC. */
  readonly subnetIds: string[];
  /**
   * Tags for every resource; `environment`, when present, is part of every name.
   * @default {}
   */
  readonly tags?: Record<string, string>;
  /**
   * Security groups of the VPC endpoints by endpoint (`ecr-api`, `ecr-dkr`, `logs`, `rds-data`,
   * `secretsmanager`, `ssm`), and `s3` for the S3 gateway endpoint's prefix list. When empty,
   * HTTPS egress is open to the internet.
   */
  readonly vpcEndpointSecurityGroups: Record<string, string>;
}
