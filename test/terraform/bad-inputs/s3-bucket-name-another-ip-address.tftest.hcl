# An IP address whose numbers have two and three digits: refused at plan time by the validation of var.s3_bucket_name.
run "refused" {
  command = plan

  variables {
    s3_bucket_name = "10.200.30.40"
  }

  expect_failures = [var.s3_bucket_name]
}
