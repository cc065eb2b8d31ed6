# A root stack that calls the module the way a real one does: every ARN, URL and ID it passes
# comes from a resource created in the same apply, so at plan time the module's inputs are
# unknown and its validation rules wait for apply, when they check the real values. The subnets
# too: the module reads each one (data.aws_subnet), keyed by its position in the list, whose
# length is known at plan time even though the IDs are not.

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

locals {
  vpc_id              = aws_vpc.this.id
  interface_endpoints = toset(["ecr-api", "ecr-dkr", "logs", "rds-data", "secretsmanager", "ssm"])
}

resource "aws_vpc" "this" {
  cidr_block = "10.0.0.0/16"
}

resource "aws_subnet" "private" {
  count      = 2
  vpc_id     = aws_vpc.this.id
  cidr_block = cidrsubnet(aws_vpc.this.cidr_block, 8, count.index)
}

resource "aws_ecr_repository" "this" {
  for_each = toset(["data-prep", "trainer"])
  name     = "gata/${each.key}"
}

resource "aws_security_group" "endpoint" {
  for_each = local.interface_endpoints
  name     = "gata-prod-${each.key}-endpoint"
  vpc_id   = local.vpc_id
}

resource "aws_vpc_endpoint" "s3" {
  vpc_id            = local.vpc_id
  service_name      = "com.amazonaws.eu-west-1.s3"
  vpc_endpoint_type = "Gateway"
}

resource "aws_kms_key" "this" {
  description = "gata fine-tune data"
}

resource "aws_ecs_cluster" "this" {
  name = "gata"
}

resource "aws_rds_cluster" "tickets" {
  cluster_identifier          = "tickets"
  engine                      = "aurora-postgresql"
  master_username             = "gata"
  manage_master_user_password = true
  enable_http_endpoint        = true
  skip_final_snapshot         = true
}

resource "aws_secretsmanager_secret" "tickets" {
  name = "tickets-db"
}

resource "aws_s3_bucket" "training" {
  bucket = "gata-training-data-111122223333"
}

resource "aws_cloudwatch_event_bus" "this" {
  name = "gata"
}

resource "aws_iam_role" "fine_tune" {
  name = "gata-prod-fine-tune"
  assume_role_policy = jsonencode({
    Version   = "2012-10-17"
    Statement = [{ Effect = "Allow", Action = "sts:AssumeRole", Principal = { Service = "states.amazonaws.com" } }]
  })
}

resource "aws_sfn_state_machine" "fine_tune" {
  for_each = toset(["general", "low_volume"])
  name     = "gata-finetune-${replace(each.key, "_", "-")}"
  role_arn = aws_iam_role.fine_tune.arn
  definition = jsonencode({
    StartAt = "Train"
    States  = { Train = { Type = "Pass", End = true } }
  })
}

module "finetune" {
  source = "../../../cdktf.out/stacks/finetune-workflow"

  db_cluster_arn            = aws_rds_cluster.tickets.arn
  db_secret_arn             = aws_secretsmanager_secret.tickets.arn
  ecr_repo_arns             = { for name, repository in aws_ecr_repository.this : name => repository.arn }
  ecr_repo_urls             = { for name, repository in aws_ecr_repository.this : name => repository.repository_url }
  ecs_cluster_arn           = aws_ecs_cluster.this.arn
  event_bus_name            = aws_cloudwatch_event_bus.this.arn
  kms_key_arn               = aws_kms_key.this.arn
  low_volume_fallback_label = 0
  role_namespace            = "platform"
  s3_bucket_name            = aws_s3_bucket.training.id
  sfn_arns                  = { for model, machine in aws_sfn_state_machine.fine_tune : model => machine.arn }
  ssm_image_path            = "/gata/images/"
  subnet_ids                = aws_subnet.private[*].id
  tags                      = { environment = "prod" }
  vpc_endpoint_security_groups = merge(
    { for endpoint, group in aws_security_group.endpoint : endpoint => group.id },
    { s3 = aws_vpc_endpoint.s3.prefix_list_id },
  )
}

output "ecs_role_exec_name" {
  value = module.finetune.ecs_role_exec_name
}

output "ecs_role_task_name" {
  value = module.finetune.ecs_role_task_name
}

output "security_group" {
  value = module.finetune.security_group
}
