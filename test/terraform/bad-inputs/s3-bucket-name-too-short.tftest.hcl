# 2 characters, under S3's 3: refused at plan time by the validation of var.s3_bucket_name.
run "refused" {
  command = plan

  variables {
    s3_bucket_name = "ab"
  }

  expect_failures = [var.s3_bucket_name]
}
