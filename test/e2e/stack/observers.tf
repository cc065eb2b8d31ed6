# Beside test/deploy/first-deployment, for the end-to-end suite: what the workflow reads at run
# time (the data-prep image's version in SSM) and a queue that the event bus delivers the
# workflow's events to, so that a test can read what was emitted.

resource "aws_ssm_parameter" "data_prep_version" {
  name  = "/gata-first/images/version-data-prep"
  type  = "String"
  value = ":1.4.2"
}

resource "aws_sqs_queue" "events" {
  name = "gata-first-events"
}

resource "aws_cloudwatch_event_rule" "workflow" {
  name           = "gata-first-workflow-events"
  event_bus_name = aws_cloudwatch_event_bus.this.name
  event_pattern  = jsonencode({ source = ["gata"] })
}

resource "aws_cloudwatch_event_target" "queue" {
  rule           = aws_cloudwatch_event_rule.workflow.name
  event_bus_name = aws_cloudwatch_event_bus.this.name
  arn            = aws_sqs_queue.events.arn
}

resource "aws_sqs_queue_policy" "events" {
  queue_url = aws_sqs_queue.events.id
  policy = jsonencode({
    Version = "2012-10-17"
    Statement = [{
      Effect    = "Allow"
      Principal = { Service = "events.amazonaws.com" }
      Action    = "sqs:SendMessage"
      Resource  = aws_sqs_queue.events.arn
      Condition = { ArnEquals = { "aws:SourceArn" = aws_cloudwatch_event_rule.workflow.arn } }
    }]
  })
}

output "events_queue_url" {
  value = aws_sqs_queue.events.id
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
