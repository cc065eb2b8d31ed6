# A 72-character application name, which makes the state machine name 81 characters long: refused at plan time by the validation of var.application_name.
run "refused" {
  command = plan

  variables {
    application_name = "aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa"
    tags             = {}
  }

  expect_failures = [var.application_name]
}
