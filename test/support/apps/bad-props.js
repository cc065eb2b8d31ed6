// A CDKTF app, as a user writes one, whose props break two rules: test/tools/app.test.ts runs
// it through the app command and on its own, and the deploy suite through the cdktf CLI, to see
// how a synth-time validation error prints.
const { AwsProvider } = require("@cdktf/provider-aws/lib/provider");
const { App, TerraformStack } = require("cdktf");
const { FinetuneWorkflow } = require("../../../dist/src/index");

const arn = (service, resource) => `arn:aws:${service}:eu-west-1:111122223333:${resource}`;
const app = new App();
const stack = new TerraformStack(app, "bad-props");
new AwsProvider(stack, "aws", { region: "eu-west-1" });
new FinetuneWorkflow(stack, "finetune", {
  dbClusterArn: arn("rds", "cluster:tickets"),
  dbSecretArn: arn("secretsmanager", "secret:tickets-db-AbCdEf"),
  ecrRepoArns: { "data-prep": arn("ecr", "repository/gata/data-prep") },
  ecrRepoUrls: { "data-prep": "111122223333.dkr.ecr.eu-west-1.amazonaws.com/gata/data-prep" },
  ecsClusterArn: arn("ecs", "cluster/gata"),
  eventBusName: "gata",
  kmsKeyArn: "alias/gata",
  lowVolumeFallbackLabel: 0,
  s3BucketName: "gata-training-data",
  sfnArns: {
    general: arn("states", "stateMachine:gata-finetune-general"),
    low_volume: arn("states", "stateMachine:gata-finetune-low-volume"),
  },
  ssmImagePath: "/gata/images/",
  subnetIds: [],
  vpcEndpointSecurityGroups: {},
});
app.synth();
