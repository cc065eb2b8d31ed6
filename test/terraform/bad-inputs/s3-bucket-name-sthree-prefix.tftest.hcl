# The reserved prefix sthree-: refused at plan time by the validation of var.s3_bucket_name.
run "refused" {
  command = plan

  variables {
    s3_bucket_name = "sthree-gata"
  }

  expect_failures = [var.s3_bucket_name]
}
