# The reserved suffix -s3alias: refused at plan time by the validation of var.s3_bucket_name.
run "refused" {
  command = plan

  variables {
    s3_bucket_name = "gata-s3alias"
  }

  expect_failures = [var.s3_bucket_name]
}
