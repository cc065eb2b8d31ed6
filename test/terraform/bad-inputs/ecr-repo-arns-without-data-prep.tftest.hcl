# No data-prep repository ARN: refused at plan time by the validation of var.ecr_repo_arns.
run "refused" {
  command = plan

  variables {
    ecr_repo_arns = {
      trainer = "arn:aws:ecr:eu-west-1:111122223333:repository/gata/trainer"
    }
  }

  expect_failures = [var.ecr_repo_arns]
}
