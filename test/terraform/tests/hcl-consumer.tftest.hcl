# examples/hcl-consumer as its README runs it, with terraform.tfvars.example's values (given
# with -var-file), planned and applied with a mocked AWS provider.

mock_provider "aws" {
  source = "./tests/mocks"
}

run "apply" {
  # The example, in the sandbox's copy of the repository.
  module {
    source = "../examples/hcl-consumer"
  }

  assert {
    condition     = [output.ecs_role_exec_name, output.ecs_role_task_name, output.security_group] == ["platform-gata-prod-data-prep-exec", "platform-gata-prod-data-prep-task", "sg-0f1e2d3c4b5a69788"]
    error_message = "Outputs: ${jsonencode([output.ecs_role_exec_name, output.ecs_role_task_name, output.security_group])}."
  }
}
