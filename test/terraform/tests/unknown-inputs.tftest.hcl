# One run plans and applies. It plans with the module's inputs unknown, since a mocked provider
# computes nothing before apply: a validation rule that failed on an unknown value would fail
# the plan. It then applies, when the mocks below give each resource a realistic ARN, URL or
# ID, which the module's validation rules check.

mock_provider "aws" {
  source = "./tests/mocks"

  mock_resource "aws_ecr_repository" {
    defaults = {
      arn            = "arn:aws:ecr:eu-west-1:111122223333:repository/gata/data-prep"
      repository_url = "111122223333.dkr.ecr.eu-west-1.amazonaws.com/gata/data-prep"
    }
  }

  mock_resource "aws_vpc_endpoint" {
    defaults = {
      prefix_list_id = "pl-6da54004"
    }
  }

  mock_resource "aws_kms_key" {
    defaults = {
      arn = "arn:aws:kms:eu-west-1:111122223333:key/1234abcd-12ab-34cd-56ef-1234567890ab"
    }
  }

  mock_resource "aws_ecs_cluster" {
    defaults = {
      arn = "arn:aws:ecs:eu-west-1:111122223333:cluster/gata"
    }
  }

  mock_resource "aws_rds_cluster" {
    defaults = {
      arn = "arn:aws:rds:eu-west-1:111122223333:cluster:tickets"
    }
  }

  mock_resource "aws_secretsmanager_secret" {
    defaults = {
      arn = "arn:aws:secretsmanager:eu-west-1:111122223333:secret:tickets-db-AbCdEf"
    }
  }

  mock_resource "aws_s3_bucket" {
    defaults = {
      id = "gata-training-data-111122223333"
    }
  }

  mock_resource "aws_vpc" {
    defaults = {
      id = "vpc-0a1b2c3d4e5f60718"
    }
  }

  mock_resource "aws_subnet" {
    defaults = {
      id = "subnet-0123456789abcdef0"
    }
  }

  mock_resource "aws_cloudwatch_event_bus" {
    defaults = {
      arn = "arn:aws:events:eu-west-1:111122223333:event-bus/gata"
    }
  }
}

override_resource {
  target = aws_ecr_repository.this["trainer"]
  values = {
    arn            = "arn:aws:ecr:eu-west-1:111122223333:repository/gata/trainer"
    repository_url = "111122223333.dkr.ecr.eu-west-1.amazonaws.com/gata/trainer"
  }
}

run "apply" {
  # The stack in test/terraform/unknown-inputs/, in the sandbox's copy of the repository.
  module {
    source = "../test/terraform/unknown-inputs"
  }

  assert {
    condition     = [output.ecs_role_exec_name, output.ecs_role_task_name, output.security_group] == ["platform-gata-prod-data-prep-exec", "platform-gata-prod-data-prep-task", "sg-0f1e2d3c4b5a69788"]
    error_message = "Outputs: ${jsonencode([output.ecs_role_exec_name, output.ecs_role_task_name, output.security_group])}."
  }
}
