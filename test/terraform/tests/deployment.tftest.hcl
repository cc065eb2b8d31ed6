# A production deployment behind VPC endpoints (../terraform.tfvars), applied: the names of
# everything the module creates (README, "Names"), the security group's rules, and the state
# machine, whose definition decodes as JSON with every value the module fills in resolved.

mock_provider "aws" {
  source = "./tests/mocks"
}

override_resource {
  target = aws_iam_role.data_prep_exec
  values = { arn = "arn:aws:iam::111122223333:role/gata-prod-data-prep-exec" }
}

override_resource {
  target = aws_iam_role.data_prep_task
  values = { arn = "arn:aws:iam::111122223333:role/gata-prod-data-prep-task" }
}

override_resource {
  target = aws_iam_role.sfn
  values = { arn = "arn:aws:iam::111122223333:role/sfn-gata-prod-finetune" }
}

override_resource {
  target = aws_cloudwatch_log_group.sfn
  values = { arn = "arn:aws:logs:eu-west-1:111122223333:log-group:/aws/vendedlogs/states/gata-prod-finetune" }
}

run "production" {
  # Names

  assert {
    condition     = [aws_iam_role.data_prep_exec.name, aws_iam_role.data_prep_task.name, aws_iam_role.sfn.name] == ["gata-prod-data-prep-exec", "gata-prod-data-prep-task", "sfn-gata-prod-finetune"]
    error_message = "Role names: ${jsonencode([aws_iam_role.data_prep_exec.name, aws_iam_role.data_prep_task.name, aws_iam_role.sfn.name])}."
  }

  assert {
    condition     = [aws_iam_policy.data_prep_exec.name, aws_iam_policy.data_prep_task.name, aws_iam_policy.sfn.name] == ["gata-prod-data-prep-exec", "gata-prod-data-prep-task", "sfn-gata-prod-finetune"]
    error_message = "Each policy is named after its role."
  }

  assert {
    condition     = aws_sfn_state_machine.finetune.name == "gata-prod-finetune"
    error_message = "State machine name: ${aws_sfn_state_machine.finetune.name}."
  }

  assert {
    condition     = [aws_cloudwatch_log_group.ecs_data_prep.name, aws_cloudwatch_log_group.sfn.name] == ["/ecs/gata-prod-data-prep", "/aws/vendedlogs/states/gata-prod-finetune"]
    error_message = "Log group names: ${aws_cloudwatch_log_group.ecs_data_prep.name}, ${aws_cloudwatch_log_group.sfn.name}."
  }

  assert {
    condition     = [aws_cloudwatch_log_group.ecs_data_prep.retention_in_days, aws_cloudwatch_log_group.sfn.retention_in_days] == [30, 30]
    error_message = "Both log groups keep 30 days."
  }

  assert {
    condition     = [output.ecs_role_exec_name, output.ecs_role_task_name, output.security_group] == ["gata-prod-data-prep-exec", "gata-prod-data-prep-task", "sg-0f1e2d3c4b5a69788"]
    error_message = "Outputs: ${jsonencode([output.ecs_role_exec_name, output.ecs_role_task_name, output.security_group])}."
  }

  assert {
    condition     = alltrue([for role in [aws_iam_role.data_prep_exec, aws_iam_role.data_prep_task, aws_iam_role.sfn] : role.tags == var.tags && role.permissions_boundary == null])
    error_message = "The roles carry the tags and no permissions boundary."
  }

  # Security group: nothing in, HTTPS out to each interface endpoint's group and to S3's prefix list

  assert {
    condition     = aws_security_group.this.name == "gata-prod-data-prep" && aws_security_group.this.vpc_id == "vpc-0a1b2c3d4e5f60718"
    error_message = "The security group is gata-prod-data-prep, in the first subnet's VPC."
  }

  assert {
    condition     = aws_security_group.this.tags == tomap({ environment = "prod", team = "ml-platform", Name = "gata-prod-data-prep" })
    error_message = "Security group tags: ${jsonencode(aws_security_group.this.tags)}."
  }

  assert {
    condition     = length(aws_security_group.this.ingress) == 0 && length(aws_security_group.this.egress) == 0
    error_message = "The group has no inline rules."
  }

  assert {
    condition = { for key, rule in aws_vpc_security_group_egress_rule.egress_https : key => [rule.security_group_id, rule.referenced_security_group_id, rule.ip_protocol, rule.from_port, rule.to_port, rule.description] } == {
      "ecr-api"        = ["sg-0f1e2d3c4b5a69788", "sg-0a1b2c3d4e5f60718", "tcp", 443, 443, "to ecr-api"]
      "ecr-dkr"        = ["sg-0f1e2d3c4b5a69788", "sg-0a1b2c3d4e5f60718", "tcp", 443, 443, "to ecr-dkr"]
      "logs"           = ["sg-0f1e2d3c4b5a69788", "sg-0b2c3d4e5f6071829", "tcp", 443, 443, "to logs"]
      "rds-data"       = ["sg-0f1e2d3c4b5a69788", "sg-0c3d4e5f607182930", "tcp", 443, 443, "to rds-data"]
      "secretsmanager" = ["sg-0f1e2d3c4b5a69788", "sg-0c3d4e5f607182930", "tcp", 443, 443, "to secretsmanager"]
      "ssm"            = ["sg-0f1e2d3c4b5a69788", "sg-0c3d4e5f607182930", "tcp", 443, 443, "to ssm"]
    }
    error_message = "One HTTPS rule per interface endpoint: ${jsonencode(keys(aws_vpc_security_group_egress_rule.egress_https))}."
  }

  assert {
    condition     = [aws_vpc_security_group_egress_rule.egress_https_s3.prefix_list_id, aws_vpc_security_group_egress_rule.egress_https_s3.from_port, aws_vpc_security_group_egress_rule.egress_https_s3.to_port] == ["pl-0123456789abcdef0", 443, 443]
    error_message = "HTTPS to the prefix list given under the s3 key, not the one the module would read."
  }

  assert {
    condition     = length(aws_vpc_security_group_egress_rule.egress_https_all) == 0
    error_message = "No rule to 0.0.0.0/0 when endpoints are given."
  }

  # The state machine

  assert {
    condition     = [jsondecode(aws_sfn_state_machine.finetune.definition).QueryLanguage, jsondecode(aws_sfn_state_machine.finetune.definition).StartAt] == ["JSONata", "Init"]
    error_message = "A JSONata definition starting at Init."
  }

  assert {
    condition     = sort(keys(jsondecode(aws_sfn_state_machine.finetune.definition).States)) == sort(["Init", "LoadImageVersions", "CheckConfiguration", "InvalidBatchID", "MissingImageVersion", "RegisterTaskDefinition", "RunDataPrep", "DeregisterTaskDefinition", "DeregisterAfterFailure", "FineTune", "NotifyComplete", "NotifyFailure", "Failed"])
    error_message = "States: ${jsonencode(keys(jsondecode(aws_sfn_state_machine.finetune.definition).States))}."
  }

  assert {
    condition     = jsondecode(aws_sfn_state_machine.finetune.definition).States.LoadImageVersions.Resource == "arn:aws:states:::aws-sdk:ssm:getParametersByPath"
    error_message = "Integration ARNs are in the deployment's partition."
  }

  assert {
    condition     = jsondecode(aws_sfn_state_machine.finetune.definition).States.LoadImageVersions.Arguments == "{% $merge([{'Path': '/gata/images/'}, $nextToken ? {'NextToken': $nextToken} : {}]) %}"
    error_message = "The image versions are read under ssm_image_path."
  }

  assert {
    condition = jsondecode(aws_sfn_state_machine.finetune.definition).States.RegisterTaskDefinition.Arguments == {
      Family                  = "gata-prod-data-prep"
      RequiresCompatibilities = ["FARGATE"]
      NetworkMode             = "awsvpc"
      Cpu                     = "1024"
      Memory                  = "4096"
      ExecutionRoleArn        = "arn:aws:iam::111122223333:role/gata-prod-data-prep-exec"
      TaskRoleArn             = "arn:aws:iam::111122223333:role/gata-prod-data-prep-task"
      ContainerDefinitions = [{
        Name      = "{% 'gata-prod-data-prep-' & $batchId %}"
        Image     = "{% '111122223333.dkr.ecr.eu-west-1.amazonaws.com/gata/data-prep' & $dataPrepVersion %}"
        Essential = true
        Command   = ["{% $batchId %}"]
        Environment = [
          { Name = "DB_ARN", Value = "arn:aws:rds:eu-west-1:111122223333:cluster:tickets" },
          { Name = "DB_SECRET_ARN", Value = "arn:aws:secretsmanager:eu-west-1:111122223333:secret:tickets-db-AbCdEf" },
          { Name = "LOG_LEVEL", Value = "INFO" },
          { Name = "LOW_VOLUME_FALLBACK_LABEL", Value = "0" },
          { Name = "TARGET_BUCKET", Value = "gata-training-data" },
        ]
        LogConfiguration = {
          LogDriver = "awslogs"
          Options = {
            awslogs-group         = "/ecs/gata-prod-data-prep"
            awslogs-region        = "eu-west-1"
            awslogs-stream-prefix = "{% 'batch-' & $batchId %}"
          }
        }
      }]
    }
    error_message = "RegisterTaskDefinition: ${jsonencode(jsondecode(aws_sfn_state_machine.finetune.definition).States.RegisterTaskDefinition.Arguments)}."
  }

  assert {
    condition = jsondecode(aws_sfn_state_machine.finetune.definition).States.RunDataPrep.Arguments == {
      Cluster        = "arn:aws:ecs:eu-west-1:111122223333:cluster/gata"
      TaskDefinition = "{% $taskDefinitionArn %}"
      LaunchType     = "FARGATE"
      NetworkConfiguration = {
        AwsvpcConfiguration = {
          Subnets        = "{% $split('subnet-0123456789abcdef0,subnet-0fedcba9876543210', ',') %}"
          SecurityGroups = ["sg-0f1e2d3c4b5a69788"]
          AssignPublicIp = "DISABLED"
        }
      }
    }
    error_message = "RunDataPrep: ${jsonencode(jsondecode(aws_sfn_state_machine.finetune.definition).States.RunDataPrep.Arguments)}."
  }

  assert {
    condition = [for branch in jsondecode(aws_sfn_state_machine.finetune.definition).States.FineTune.Branches : [
      for state in values(branch.States) : state.Arguments.StateMachineArn if can(state.Arguments.StateMachineArn)
      ]] == [
      ["arn:aws:states:eu-west-1:111122223333:stateMachine:gata-finetune-general"],
      ["arn:aws:states:eu-west-1:111122223333:stateMachine:gata-finetune-low-volume"],
    ]
    error_message = "Each branch starts its own child state machine."
  }

  assert {
    condition     = [for state in ["NotifyComplete", "NotifyFailure"] : jsondecode(aws_sfn_state_machine.finetune.definition).States[state].Arguments.Entries[0].EventBusName] == ["gata", "gata"]
    error_message = "Both events go to event_bus_name."
  }

  assert {
    condition     = one([for s in data.aws_iam_policy_document.sfn.statement : s.resources if s.sid == "EmitEvents"]) == toset(["arn:aws:events:eu-west-1:111122223333:event-bus/gata"])
    error_message = "A bus given by name is granted by its ARN in this region and account."
  }

  assert {
    condition     = aws_sfn_state_machine.finetune.role_arn == "arn:aws:iam::111122223333:role/sfn-gata-prod-finetune"
    error_message = "The state machine runs as its own role."
  }

  assert {
    condition = [for c in aws_sfn_state_machine.finetune.encryption_configuration : [c.type, c.kms_key_id, c.kms_data_key_reuse_period_seconds]] == [
      ["CUSTOMER_MANAGED_KMS_KEY", "arn:aws:kms:eu-west-1:111122223333:key/1234abcd-12ab-34cd-56ef-1234567890ab", 300]
    ]
    error_message = "Execution data is encrypted with kms_key_arn."
  }

  assert {
    condition = [for c in aws_sfn_state_machine.finetune.logging_configuration : [c.level, c.include_execution_data, c.log_destination]] == [
      ["ERROR", true, "arn:aws:logs:eu-west-1:111122223333:log-group:/aws/vendedlogs/states/gata-prod-finetune:*"]
    ]
    error_message = "Errors are logged, with execution data, to the state machine's log group."
  }

  assert {
    condition     = aws_sfn_state_machine.finetune.tracing_configuration[0].enabled
    error_message = "X-Ray tracing is on."
  }
}
