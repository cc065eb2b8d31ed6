# A first deployment: one root stack that creates everything the module needs and passes it
# in, applied at once with no -target. At plan time every ARN, URL and ID the module gets is
# unknown, the subnet IDs among them; the module must plan all the same.

terraform {
  required_version = ">= 1.11.0, < 2.0.0"

  required_providers {
    aws = {
      source  = "hashicorp/aws"
      version = ">= 6.0, < 7.0"
    }
  }
}

provider "aws" {
  region = "eu-west-1"
}

resource "aws_vpc" "this" {
  cidr_block = "10.0.0.0/16"
  # ECS attaches awsvpc tasks only in a VPC with DNS hostnames.
  enable_dns_hostnames = true
}

resource "aws_subnet" "private" {
  count             = 2
  vpc_id            = aws_vpc.this.id
  cidr_block        = cidrsubnet(aws_vpc.this.cidr_block, 8, count.index)
  availability_zone = ["eu-west-1a", "eu-west-1b"][count.index]
}

resource "aws_security_group" "endpoints" {
  name        = "gata-first-vpc-endpoints"
  description = "Interface endpoints"
  vpc_id      = aws_vpc.this.id
}

resource "aws_kms_key" "this" {
  description = "gata fine-tune data"
}

resource "aws_s3_bucket" "training" {
  bucket = "gata-training-data-first-111122223333"
}

resource "aws_ecs_cluster" "this" {
  name = "gata-first"
}

resource "aws_ecr_repository" "data_prep" {
  name = "gata-first/data-prep"
}

resource "aws_cloudwatch_event_bus" "this" {
  name = "gata-first"
}

resource "aws_secretsmanager_secret" "tickets" {
  name = "gata-first-tickets-db"
}

resource "aws_iam_role" "fine_tune" {
  name = "gata-first-fine-tune"
  assume_role_policy = jsonencode({
    Version   = "2012-10-17"
    Statement = [{ Effect = "Allow", Action = "sts:AssumeRole", Principal = { Service = "states.amazonaws.com" } }]
  })
}

# The per-model fine-tune machines, encrypted with the same customer key as the workflow.
resource "aws_sfn_state_machine" "fine_tune" {
  for_each = toset(["general", "low_volume"])
  name     = "gata-first-finetune-${replace(each.key, "_", "-")}"
  role_arn = aws_iam_role.fine_tune.arn
  definition = jsonencode({
    StartAt = "Train"
    States  = { Train = { Type = "Pass", End = true } }
  })
  encryption_configuration {
    type                              = "CUSTOMER_MANAGED_KMS_KEY"
    kms_key_id                        = aws_kms_key.this.arn
    kms_data_key_reuse_period_seconds = 300
  }
}

module "finetune" {
  source = "./modules/finetune-workflow"

  application_name          = "gata"
  db_cluster_arn            = "arn:aws:rds:eu-west-1:111122223333:cluster:tickets"
  db_secret_arn             = aws_secretsmanager_secret.tickets.arn
  ecr_repo_arns             = { "data-prep" = aws_ecr_repository.data_prep.arn }
  ecr_repo_urls             = { "data-prep" = aws_ecr_repository.data_prep.repository_url }
  ecs_cluster_arn           = aws_ecs_cluster.this.arn
  event_bus_name            = aws_cloudwatch_event_bus.this.arn
  kms_key_arn               = aws_kms_key.this.arn
  low_volume_fallback_label = 0
  s3_bucket_name            = aws_s3_bucket.training.id
  sfn_arns                  = { for model, machine in aws_sfn_state_machine.fine_tune : model => machine.arn }
  ssm_image_path            = "/gata-first/images/"
  subnet_ids                = aws_subnet.private[*].id
  tags                      = { environment = "first" }
  vpc_endpoint_security_groups = {
    for endpoint in ["ecr-api", "ecr-dkr", "logs", "rds-data", "secretsmanager", "ssm"] :
    endpoint => aws_security_group.endpoints.id
  }
}

output "vpc_id" {
  value = aws_vpc.this.id
}

output "security_group" {
  value = module.finetune.security_group
}

output "ecs_role_exec_name" {
  value = module.finetune.ecs_role_exec_name
}

output "ecs_role_task_name" {
  value = module.finetune.ecs_role_task_name
}
