# A 60-character namespace, which makes every role name longer than IAM's 64 characters: refused at plan time by the validation of var.role_namespace.
run "refused" {
  command = plan

  variables {
    role_namespace = "ml-platform-training-pipelines-europe-west-1-production-team"
  }

  expect_failures = [var.role_namespace]
}
