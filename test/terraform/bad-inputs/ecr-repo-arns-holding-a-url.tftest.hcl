# A repository URL where its ARN belongs: refused at plan time by the validation of var.ecr_repo_arns.
run "refused" {
  command = plan

  variables {
    ecr_repo_arns = {
      "data-prep" = "111122223333.dkr.ecr.eu-west-1.amazonaws.com/gata/data-prep"
    }
  }

  expect_failures = [var.ecr_repo_arns]
}
