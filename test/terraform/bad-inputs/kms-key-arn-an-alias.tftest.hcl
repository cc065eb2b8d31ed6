# A KMS alias ARN, not a key ARN: refused at plan time by the validation of var.kms_key_arn.
run "refused" {
  command = plan

  variables {
    kms_key_arn = "arn:aws:kms:eu-west-1:111122223333:alias/gata"
  }

  expect_failures = [var.kms_key_arn]
}
