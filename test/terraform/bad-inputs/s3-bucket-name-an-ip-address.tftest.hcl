# A name formatted as an IP address: refused at plan time by the validation of var.s3_bucket_name.
run "refused" {
  command = plan

  variables {
    s3_bucket_name = "192.168.5.4"
  }

  expect_failures = [var.s3_bucket_name]
}
