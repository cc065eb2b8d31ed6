# Beside test/deploy/first-deployment, for the end-to-end suite: what the workflow reads at run
# time (the data-prep image's version in SSM) and a log group that the event bus delivers the
# workflow's events to, so that a test can read what was emitted. A log group, not an SQS queue:
# the AWS provider waits until a queue's attributes, and then its policy, read back the same six
# times in a row, five seconds apart, as AWS needs them to propagate: measured, 28 s and 25 s
# one after the other, most of this apply.

resource "aws_ssm_parameter" "data_prep_version" {
  name  = "/gata-first/images/version-data-prep"
  type  = "String"
  value = ":1.4.2"
}

# EventBridge delivers to log groups under /aws/events/.
# https://docs.aws.amazon.com/eventbridge/latest/userguide/eb-use-resource-based.html#eb-cloudwatchlogs-permissions
resource "aws_cloudwatch_log_group" "events" {
  name = "/aws/events/gata-first-workflow"
}

resource "aws_cloudwatch_event_rule" "workflow" {
  name           = "gata-first-workflow-events"
  event_bus_name = aws_cloudwatch_event_bus.this.name
  event_pattern  = jsonencode({ source = ["gata"] })
}

resource "aws_cloudwatch_event_target" "log_group" {
  rule           = aws_cloudwatch_event_rule.workflow.name
  event_bus_name = aws_cloudwatch_event_bus.this.name
  arn            = aws_cloudwatch_log_group.events.arn
}

# EventBridge writes to a log group through the log group's resource policy, never a role.
resource "aws_cloudwatch_log_resource_policy" "events" {
  policy_name = "gata-first-workflow-events"
  policy_document = jsonencode({
    Version = "2012-10-17"
    Statement = [{
      Effect    = "Allow"
      Principal = { Service = ["events.amazonaws.com", "delivery.logs.amazonaws.com"] }
      Action    = ["logs:CreateLogStream", "logs:PutLogEvents"]
      Resource  = "${aws_cloudwatch_log_group.events.arn}:*"
    }]
  })
}

output "events_log_group" {
  value = aws_cloudwatch_log_group.events.name
}

# The module's contract has no state machine output; the machine is found by its name.
data "aws_sfn_state_machine" "workflow" {
  name       = "gata-first-finetune"
  depends_on = [module.finetune]
}

output "state_machine_arn" {
  value = data.aws_sfn_state_machine.workflow.arn
}

output "cluster_name" {
  value = aws_ecs_cluster.this.name
}

output "bucket_name" {
  value = aws_s3_bucket.training.id
}

output "data_prep_version_parameter" {
  value = aws_ssm_parameter.data_prep_version.name
}

output "children" {
  value = { for model, machine in aws_sfn_state_machine.fine_tune : model => machine.arn }
}
