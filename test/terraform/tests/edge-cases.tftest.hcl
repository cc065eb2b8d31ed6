# Valid inputs at the edges of what the variables take, applied one deployment after the other.

mock_provider "aws" {
  source = "./tests/mocks"
}

# tags = {} and vpc_endpoint_security_groups = {}: no environment joins the names, nothing is
# tagged but the security group's Name, and HTTPS goes out to anywhere (through a NAT) and to
# the region's S3 prefix list.
run "empty_maps" {
  variables {
    tags                         = {}
    vpc_endpoint_security_groups = {}
  }

  assert {
    condition     = [aws_iam_role.data_prep_exec.name, aws_iam_role.data_prep_task.name, aws_iam_role.sfn.name] == ["gata-data-prep-exec", "gata-data-prep-task", "sfn-gata-finetune"]
    error_message = "Role names: ${jsonencode([aws_iam_role.data_prep_exec.name, aws_iam_role.data_prep_task.name, aws_iam_role.sfn.name])}."
  }

  assert {
    condition     = [aws_sfn_state_machine.finetune.name, aws_security_group.this.name, aws_cloudwatch_log_group.ecs_data_prep.name] == ["gata-finetune", "gata-data-prep", "/ecs/gata-data-prep"]
    error_message = "Names without the environment."
  }

  assert {
    condition     = aws_security_group.this.tags == tomap({ Name = "gata-data-prep" })
    error_message = "Security group tags: ${jsonencode(aws_security_group.this.tags)}."
  }

  assert {
    condition     = alltrue([for tags in [aws_iam_role.sfn.tags, aws_iam_policy.sfn.tags, aws_sfn_state_machine.finetune.tags, aws_cloudwatch_log_group.sfn.tags, aws_vpc_security_group_egress_rule.egress_https_s3.tags] : length(tags) == 0])
    error_message = "Nothing else carries a tag."
  }

  assert {
    condition = [for rule in aws_vpc_security_group_egress_rule.egress_https_all : [rule.security_group_id, rule.cidr_ipv4, rule.ip_protocol, rule.from_port, rule.to_port]] == [
      ["sg-0f1e2d3c4b5a69788", "0.0.0.0/0", "tcp", 443, 443]
    ]
    error_message = "One HTTPS rule to 0.0.0.0/0."
  }

  assert {
    condition     = length(aws_vpc_security_group_egress_rule.egress_https) == 0
    error_message = "No rule to an endpoint's security group."
  }

  assert {
    condition     = aws_vpc_security_group_egress_rule.egress_https_s3.prefix_list_id == "pl-6da54004"
    error_message = "HTTPS to the region's S3 prefix list, read from the data source."
  }
}

# A namespace, a permissions boundary, an event bus given by ARN, extra keys in the ECR maps,
# and endpoints for some interfaces only, plus one key the module does not read.
run "namespaced_bounded_and_partial" {
  variables {
    role_namespace            = "platform"
    role_permissions_boundary = "arn:aws:iam::111122223333:policy/platform-boundary"
    event_bus_name            = "arn:aws:events:eu-west-1:444455556666:event-bus/shared"
    ecr_repo_urls = {
      "data-prep" = "111122223333.dkr.ecr.eu-west-1.amazonaws.com/gata/data-prep"
      "trainer"   = "111122223333.dkr.ecr.eu-west-1.amazonaws.com/gata/trainer"
    }
    ecr_repo_arns = {
      "data-prep" = "arn:aws:ecr:eu-west-1:111122223333:repository/gata/data-prep"
      "trainer"   = "arn:aws:ecr:eu-west-1:111122223333:repository/gata/trainer"
    }
    vpc_endpoint_security_groups = {
      "ecr-api" = "sg-0a1b2c3d4e5f60718"
      "logs"    = "sg-0b2c3d4e5f6071829"
      "sts"     = "sg-0d4e5f60718293a4b"
    }
  }

  assert {
    condition     = [aws_iam_role.data_prep_exec.name, aws_iam_role.data_prep_task.name, aws_iam_role.sfn.name] == ["platform-gata-prod-data-prep-exec", "platform-gata-prod-data-prep-task", "platform-sfn-gata-prod-finetune"]
    error_message = "Role names: ${jsonencode([aws_iam_role.data_prep_exec.name, aws_iam_role.data_prep_task.name, aws_iam_role.sfn.name])}."
  }

  assert {
    condition     = [aws_iam_policy.data_prep_exec.name, aws_iam_policy.data_prep_task.name, aws_iam_policy.sfn.name] == ["platform-gata-prod-data-prep-exec", "platform-gata-prod-data-prep-task", "platform-sfn-gata-prod-finetune"]
    error_message = "Each policy is named after its role."
  }

  assert {
    condition     = [aws_sfn_state_machine.finetune.name, aws_security_group.this.name, aws_cloudwatch_log_group.sfn.name] == ["gata-prod-finetune", "gata-prod-data-prep", "/aws/vendedlogs/states/gata-prod-finetune"]
    error_message = "The namespace prefixes the IAM names only."
  }

  assert {
    condition     = [output.ecs_role_exec_name, output.ecs_role_task_name] == ["platform-gata-prod-data-prep-exec", "platform-gata-prod-data-prep-task"]
    error_message = "The outputs name the namespaced roles."
  }

  assert {
    condition     = toset([aws_iam_role.data_prep_exec.permissions_boundary, aws_iam_role.data_prep_task.permissions_boundary, aws_iam_role.sfn.permissions_boundary]) == toset(["arn:aws:iam::111122223333:policy/platform-boundary"])
    error_message = "Every role is bounded by role_permissions_boundary."
  }

  assert {
    condition     = one([for s in data.aws_iam_policy_document.sfn.statement : s.resources if s.sid == "EmitEvents"]) == toset(["arn:aws:events:eu-west-1:444455556666:event-bus/shared"])
    error_message = "A bus given by ARN is granted as given."
  }

  assert {
    condition     = [for state in ["NotifyComplete", "NotifyFailure"] : jsondecode(aws_sfn_state_machine.finetune.definition).States[state].Arguments.Entries[0].EventBusName] == ["arn:aws:events:eu-west-1:444455556666:event-bus/shared", "arn:aws:events:eu-west-1:444455556666:event-bus/shared"]
    error_message = "Both events go to the bus's ARN."
  }

  assert {
    condition     = jsondecode(aws_sfn_state_machine.finetune.definition).States.RegisterTaskDefinition.Arguments.ContainerDefinitions[0].Image == "{% '111122223333.dkr.ecr.eu-west-1.amazonaws.com/gata/data-prep' & $dataPrepVersion %}"
    error_message = "The task runs the data-prep image."
  }

  assert {
    condition     = one([for s in data.aws_iam_policy_document.data_prep_exec.statement : s.resources if s.sid == "PullDataPrepImage"]) == toset(["arn:aws:ecr:eu-west-1:111122223333:repository/gata/data-prep"])
    error_message = "Only the data-prep repository may be pulled from."
  }

  assert {
    condition     = { for key, rule in aws_vpc_security_group_egress_rule.egress_https : key => rule.referenced_security_group_id } == { "ecr-api" = "sg-0a1b2c3d4e5f60718", "logs" = "sg-0b2c3d4e5f6071829" }
    error_message = "Rules to the known endpoints only: ${jsonencode(keys(aws_vpc_security_group_egress_rule.egress_https))}."
  }

  assert {
    condition     = aws_vpc_security_group_egress_rule.egress_https_s3.prefix_list_id == "pl-6da54004" && length(aws_vpc_security_group_egress_rule.egress_https_all) == 0
    error_message = "Without an s3 key, S3 is reached through the region's prefix list, and nothing else is open."
  }
}
