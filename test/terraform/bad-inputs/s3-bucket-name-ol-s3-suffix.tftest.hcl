# The reserved suffix --ol-s3: refused at plan time by the validation of var.s3_bucket_name.
run "refused" {
  command = plan

  variables {
    s3_bucket_name = "gata--ol-s3"
  }

  expect_failures = [var.s3_bucket_name]
}
