# An SSM parameter ARN, not a secret ARN: refused at plan time by the validation of var.db_secret_arn.
run "refused" {
  command = plan

  variables {
    db_secret_arn = "arn:aws:ssm:eu-west-1:111122223333:parameter/tickets-db"
  }

  expect_failures = [var.db_secret_arn]
}
