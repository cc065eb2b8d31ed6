# A 50-character application name and no environment tag: the data-prep role names are 65 characters, one over IAM's
# 64. Refused at plan time by the role name length check, which sits on var.role_namespace.
run "refused" {
  command = plan

  variables {
    application_name = "aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa"
    tags             = {}
  }

  expect_failures = [var.role_namespace]
}
