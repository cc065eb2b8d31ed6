import type { FinetuneWorkflowProps } from "../../src/interface/props";

/** The README's HCL example, as construct props. */
export const CONCRETE_PROPS: FinetuneWorkflowProps = {
  dbClusterArn: "arn:aws:rds:eu-west-1:111122223333:cluster:tickets",
  dbSecretArn: "arn:aws:secretsmanager:eu-west-1:111122223333:secret:tickets-db-AbCdEf",
  ecrRepoArns: { "data-prep": "arn:aws:ecr:eu-west-1:111122223333:repository/gata/data-prep" },
  ecrRepoUrls: { "data-prep": "111122223333.dkr.ecr.eu-west-1.amazonaws.com/gata/data-prep" },
  ecsClusterArn: "arn:aws:ecs:eu-west-1:111122223333:cluster/gata",
  eventBusName: "gata",
  kmsKeyArn: "arn:aws:kms:eu-west-1:111122223333:key/1234abcd-12ab-34cd-56ef-1234567890ab",
  lowVolumeFallbackLabel: 0,
  s3BucketName: "gata-training-data",
  sfnArns: {
    general: "arn:aws:states:eu-west-1:111122223333:stateMachine:gata-finetune-general",
    low_volume: "arn:aws:states:eu-west-1:111122223333:stateMachine:gata-finetune-low-volume",
  },
  ssmImagePath: "/gata/images/",
  subnetIds: ["subnet-0123456789abcdef0", "subnet-0fedcba9876543210"],
  vpcEndpointSecurityGroups: {},
};
