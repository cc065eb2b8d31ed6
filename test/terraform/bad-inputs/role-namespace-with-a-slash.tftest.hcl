# A character IAM role names do not allow: refused at plan time by the validation of var.role_namespace.
run "refused" {
  command = plan

  variables {
    role_namespace = "team/ml"
  }

  expect_failures = [var.role_namespace]
}
