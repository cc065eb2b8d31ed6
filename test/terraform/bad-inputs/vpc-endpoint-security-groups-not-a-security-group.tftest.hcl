# An interface endpoint mapped to something that is not a security group ID: refused at plan time by the validation of var.vpc_endpoint_security_groups.
run "refused" {
  command = plan

  variables {
    vpc_endpoint_security_groups = {
      "ecr-api" = "nope"
    }
  }

  expect_failures = [var.vpc_endpoint_security_groups]
}
