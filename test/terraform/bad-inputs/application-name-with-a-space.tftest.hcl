# An application name that cannot join resource names: refused at plan time by the validation of var.application_name.
run "refused" {
  command = plan

  variables {
    application_name = "gata app"
  }

  expect_failures = [var.application_name]
}
