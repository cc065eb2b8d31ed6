# A label that is not a whole number: refused at plan time by the validation of var.low_volume_fallback_label.
run "refused" {
  command = plan

  variables {
    low_volume_fallback_label = 1.5
  }

  expect_failures = [var.low_volume_fallback_label]
}
