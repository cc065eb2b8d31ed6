# Realistic inputs for the module's terraform tests: a production deployment behind VPC
# endpoints. Each run sets what it is about on top of these.

db_cluster_arn = "arn:aws:rds:eu-west-1:111122223333:cluster:tickets"
db_secret_arn  = "arn:aws:secretsmanager:eu-west-1:111122223333:secret:tickets-db-AbCdEf"
ecr_repo_arns = {
  "data-prep" = "arn:aws:ecr:eu-west-1:111122223333:repository/gata/data-prep"
}
ecr_repo_urls = {
  "data-prep" = "111122223333.dkr.ecr.eu-west-1.amazonaws.com/gata/data-prep"
}
ecs_cluster_arn           = "arn:aws:ecs:eu-west-1:111122223333:cluster/gata"
event_bus_name            = "gata"
kms_key_arn               = "arn:aws:kms:eu-west-1:111122223333:key/1234abcd-12ab-34cd-56ef-1234567890ab"
low_volume_fallback_label = 0
s3_bucket_name            = "gata-training-data"
sfn_arns = {
  general    = "arn:aws:states:eu-west-1:111122223333:stateMachine:gata-finetune-general"
  low_volume = "arn:aws:states:eu-west-1:111122223333:stateMachine:gata-finetune-low-volume"
}
ssm_image_path = "/gata/images/"
subnet_ids     = ["subnet-0123456789abcdef0", "subnet-0fedcba9876543210"]
tags = {
  environment = "prod"
  team        = "ml-platform"
}
vpc_endpoint_security_groups = {
  "ecr-api"        = "sg-0a1b2c3d4e5f60718"
  "ecr-dkr"        = "sg-0a1b2c3d4e5f60718"
  "logs"           = "sg-0b2c3d4e5f6071829"
  "rds-data"       = "sg-0c3d4e5f607182930"
  "secretsmanager" = "sg-0c3d4e5f607182930"
  "ssm"            = "sg-0c3d4e5f607182930"
  "s3"             = "pl-0123456789abcdef0"
}
