# 64 characters, over S3's 63: refused at plan time by the validation of var.s3_bucket_name.
run "refused" {
  command = plan

  variables {
    s3_bucket_name = "aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa"
  }

  expect_failures = [var.s3_bucket_name]
}
