# A root stack that calls the module committed in ../../terraform. In your own stack, source it
# from Git at a release tag instead: see ../../terraform/README.md.

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
  region = var.aws_region
}

module "finetune" {
  source = "../../terraform"

  application_name             = var.application_name
  db_cluster_arn               = var.db_cluster_arn
  db_secret_arn                = var.db_secret_arn
  ecr_repo_arns                = var.ecr_repo_arns
  ecr_repo_urls                = var.ecr_repo_urls
  ecs_cluster_arn              = var.ecs_cluster_arn
  event_bus_name               = var.event_bus_name
  kms_key_arn                  = var.kms_key_arn
  low_volume_fallback_label    = var.low_volume_fallback_label
  role_namespace               = var.role_namespace
  role_permissions_boundary    = var.role_permissions_boundary
  s3_bucket_name               = var.s3_bucket_name
  sfn_arns                     = var.sfn_arns
  ssm_image_path               = var.ssm_image_path
  subnet_ids                   = var.subnet_ids
  tags                         = var.tags
  vpc_endpoint_security_groups = var.vpc_endpoint_security_groups
}

output "ecs_role_exec_name" {
  description = "Name of the IAM execution role for data prep ECS task"
  value       = module.finetune.ecs_role_exec_name
}

output "ecs_role_task_name" {
  description = "Name of the IAM task role for data prep ECS task"
  value       = module.finetune.ecs_role_task_name
}

output "security_group" {
  description = "ID of the security group used by the ECS task"
  value       = module.finetune.security_group
}
