# An environment tag that cannot join resource names: refused at plan time by the validation of var.tags.
run "refused" {
  command = plan

  variables {
    tags = {
      environment = "prod eu"
    }
  }

  expect_failures = [var.tags]
}
