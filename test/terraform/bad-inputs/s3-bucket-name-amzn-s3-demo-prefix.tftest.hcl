# The reserved prefix amzn-s3-demo-: refused at plan time by the validation of var.s3_bucket_name.
run "refused" {
  command = plan

  variables {
    s3_bucket_name = "amzn-s3-demo-gata"
  }

  expect_failures = [var.s3_bucket_name]
}
