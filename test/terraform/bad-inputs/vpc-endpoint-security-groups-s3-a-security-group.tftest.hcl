# A security group where the S3 prefix list ID belongs: refused at plan time by the validation of var.vpc_endpoint_security_groups.
run "refused" {
  command = plan

  variables {
    vpc_endpoint_security_groups = {
      "s3" = "sg-0a1b2c3d4e5f60718"
    }
  }

  expect_failures = [var.vpc_endpoint_security_groups]
}
