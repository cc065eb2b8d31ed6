# The reserved suffix .mrap: refused at plan time by the validation of var.s3_bucket_name.
run "refused" {
  command = plan

  variables {
    s3_bucket_name = "gata.mrap"
  }

  expect_failures = [var.s3_bucket_name]
}
