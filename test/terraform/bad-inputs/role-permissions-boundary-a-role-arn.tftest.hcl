# A role ARN, not a policy ARN: refused at plan time by the validation of var.role_permissions_boundary.
run "refused" {
  command = plan

  variables {
    role_permissions_boundary = "arn:aws:iam::111122223333:role/boundary"
  }

  expect_failures = [var.role_permissions_boundary]
}
