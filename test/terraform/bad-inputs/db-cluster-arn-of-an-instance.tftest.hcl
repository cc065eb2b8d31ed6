# A DB instance ARN, not a cluster ARN: refused at plan time by the validation of var.db_cluster_arn.
run "refused" {
  command = plan

  variables {
    db_cluster_arn = "arn:aws:rds:eu-west-1:111122223333:db:tickets-1"
  }

  expect_failures = [var.db_cluster_arn]
}
