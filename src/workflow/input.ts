/**
 * What the workflow is built from: the values the definition holds, and the further values its
 * Tasks' IAM statements need. Each may be concrete or a Terraform interpolation.
 */
import type { AccountScope } from "../naming/arn";

export interface WorkflowDefinitionInput {
  readonly partition: string;
  readonly region: string;
  /** `ssm_image_path`, which starts and ends with `/`. */
  readonly ssmImagePath: string;
  /** `<ns>-data-prep`: the task definition family and the container name prefix. */
  readonly dataPrepName: string;
  /** URL of the data-prep ECR repository; the image version from SSM is appended to it. */
  readonly dataPrepRepositoryUrl: string;
  readonly executionRoleArn: string;
  readonly taskRoleArn: string;
  readonly logGroupName: string;
  readonly dbClusterArn: string;
  readonly dbSecretArn: string;
  /** The low-volume fallback label, as a string. */
  readonly lowVolumeFallbackLabel: string;
  readonly bucketName: string;
  readonly clusterArn: string;
  /** Subnet ids joined with commas, since the list may be a single Terraform expression. */
  readonly subnetIdsCsv: string;
  readonly securityGroupId: string;
  readonly generalStateMachineArn: string;
  readonly lowVolumeStateMachineArn: string;
  /** Name or ARN of the event bus; PutEvents accepts either. */
  readonly eventBusName: string;
  /** How long the data-prep task may run before Step Functions stops it. */
  readonly dataPrepTimeoutSeconds: number;
  /** How long each child fine-tune may run before Step Functions stops it. */
  readonly fineTuneTimeoutSeconds: number;
}

/** What the state machine's policy needs that the definition itself does not. */
export interface PermissionsInput {
  readonly scope: AccountScope;
  /** Name of the ECS cluster: task ARNs are `task/<cluster name>/<task id>`. */
  readonly clusterName: string;
  /** ARN of the event bus the events go to, whether the definition names it by name or ARN. */
  readonly eventBusArn: string;
  /** Every child state machine's unqualified ARN; they are encrypted with `kmsKeyArn` too. */
  readonly childStateMachineArns: readonly string[];
  /** The ARNs of each child's executions (src/naming/arn.ts executionArns). */
  readonly childExecutionArns: readonly string[];
  readonly kmsKeyArn: string;
  /** This state machine's own name; its ARN is built from it to avoid a dependency cycle. */
  readonly stateMachineName: string;
}
