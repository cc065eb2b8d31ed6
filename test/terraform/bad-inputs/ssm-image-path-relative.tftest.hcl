# A path that does not start with /: refused at plan time by the validation of var.ssm_image_path.
run "refused" {
  command = plan

  variables {
    ssm_image_path = "gata/images/"
  }

  expect_failures = [var.ssm_image_path]
}
