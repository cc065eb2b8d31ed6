# A data-prep repository URL that is no URL at all: refused at plan time by the validation of var.ecr_repo_urls.
run "refused" {
  command = plan

  variables {
    ecr_repo_urls = {
      "data-prep" = "not a url"
    }
  }

  expect_failures = [var.ecr_repo_urls]
}
