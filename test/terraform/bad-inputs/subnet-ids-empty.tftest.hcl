# No subnet at all: refused at plan time by the validation of var.subnet_ids.
run "refused" {
  command = plan

  variables {
    subnet_ids = []
  }

  expect_failures = [var.subnet_ids]
}
