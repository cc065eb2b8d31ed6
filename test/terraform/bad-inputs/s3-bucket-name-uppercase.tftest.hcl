# Uppercase letters and an underscore: refused at plan time by the validation of var.s3_bucket_name.
run "refused" {
  command = plan

  variables {
    s3_bucket_name = "Gata_Data"
  }

  expect_failures = [var.s3_bucket_name]
}
