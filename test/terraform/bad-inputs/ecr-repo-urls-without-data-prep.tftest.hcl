# No data-prep repository URL: refused at plan time by the validation of var.ecr_repo_urls.
run "refused" {
  command = plan

  variables {
    ecr_repo_urls = {
      trainer = "111122223333.dkr.ecr.eu-west-1.amazonaws.com/gata/trainer"
    }
  }

  expect_failures = [var.ecr_repo_urls]
}
