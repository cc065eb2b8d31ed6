# A value that is not a subnet ID: refused at plan time by the validation of var.subnet_ids.
run "refused" {
  command = plan

  variables {
    subnet_ids = ["not-a-subnet"]
  }

  expect_failures = [var.subnet_ids]
}
