# What the AWS provider would read or compute, as realistic values: the module's validations
# and the tests' exact assertions both see them. Every test file beside this folder loads it
# with mock_provider "aws" { source = "./tests/mocks" }. A mocked attribute not listed here
# gets a random string.
# https://developer.hashicorp.com/terraform/language/tests/mocking

mock_data "aws_partition" {
  defaults = {
    partition          = "aws"
    dns_suffix         = "amazonaws.com"
    reverse_dns_prefix = "com.amazonaws"
  }
}

# Provider 5.x names the region `name`; the test copies read it so (test/support/terraform/provider-shim.ts).
mock_data "aws_region" {
  defaults = {
    name = "eu-west-1"
  }
}

mock_data "aws_caller_identity" {
  defaults = {
    account_id = "111122223333"
    arn        = "arn:aws:iam::111122223333:role/terraform"
  }
}

mock_data "aws_subnet" {
  defaults = {
    vpc_id = "vpc-0a1b2c3d4e5f60718"
  }
}

# The S3 prefix list of eu-west-1.
mock_data "aws_ec2_managed_prefix_list" {
  defaults = {
    id = "pl-6da54004"
  }
}

# The provider renders the policy JSON; the tests assert the statements that go in instead.
mock_data "aws_iam_policy_document" {
  defaults = {
    json = "{\"Version\":\"2012-10-17\",\"Statement\":[]}"
  }
}

mock_resource "aws_iam_role" {
  defaults = {
    arn = "arn:aws:iam::111122223333:role/mocked"
  }
}

mock_resource "aws_iam_policy" {
  defaults = {
    arn = "arn:aws:iam::111122223333:policy/mocked"
  }
}

mock_resource "aws_security_group" {
  defaults = {
    id  = "sg-0f1e2d3c4b5a69788"
    arn = "arn:aws:ec2:eu-west-1:111122223333:security-group/sg-0f1e2d3c4b5a69788"
  }
}

mock_resource "aws_cloudwatch_log_group" {
  defaults = {
    arn = "arn:aws:logs:eu-west-1:111122223333:log-group:mocked"
  }
}

mock_resource "aws_sfn_state_machine" {
  defaults = {
    arn = "arn:aws:states:eu-west-1:111122223333:stateMachine:mocked"
  }
}
