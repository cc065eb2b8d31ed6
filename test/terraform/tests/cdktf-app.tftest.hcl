# examples/cdktf-app's synthesized stack, its S3 backend left uninitialized, planned and
# applied with a mocked AWS provider.

mock_provider "aws" {
  source = "./tests/mocks"
}

override_resource {
  target = aws_sfn_state_machine.finetune
  values = { arn = "arn:aws:states:eu-west-1:111122223333:stateMachine:gata-prod-finetune" }
}

run "apply" {
  # Where `npx cdktf synth` writes the app's stack, in the sandbox's copy of the repository.
  module {
    source = "../examples/cdktf-app/cdktf.out/stacks/finetune-prod"
  }

  assert {
    condition     = [output.state_machine_arn, output.security_group_id, output.ecs_role_exec_name, output.ecs_role_task_name] == ["arn:aws:states:eu-west-1:111122223333:stateMachine:gata-prod-finetune", "sg-0f1e2d3c4b5a69788", "gata-prod-data-prep-exec", "gata-prod-data-prep-task"]
    error_message = "Outputs: ${jsonencode([output.state_machine_arn, output.security_group_id, output.ecs_role_exec_name, output.ecs_role_task_name])}."
  }

  assert {
    condition     = [aws_sfn_state_machine.finetune.name, aws_iam_role.sfn.name, aws_security_group.this.name] == ["gata-prod-finetune", "sfn-gata-prod-finetune", "gata-prod-data-prep"]
    error_message = "Names from the application and the environment."
  }

  assert {
    condition     = jsondecode(aws_sfn_state_machine.finetune.definition).States.RunDataPrep.Arguments.Cluster == "arn:aws:ecs:eu-west-1:111122223333:cluster/gata"
    error_message = "The definition decodes, with the app's cluster."
  }
}
