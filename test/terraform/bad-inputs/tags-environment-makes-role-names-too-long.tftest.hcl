# A 50-character environment tag, which makes the role names 70 characters long: refused at plan time by
# the role name length check, which sits on var.role_namespace and names the environment tag.
run "refused" {
  command = plan

  variables {
    tags = {
      environment = "eeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeee"
    }
  }

  expect_failures = [var.role_namespace]
}
