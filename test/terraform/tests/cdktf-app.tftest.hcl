# examples/cdktf-app's synthesized stack, its S3 backend left uninitialized, planned and
# applied with a mocked AWS provider. The workflow's addresses derive from its construct id,
# `finetune`; the stack's `moved` blocks, from the documented addresses 0.3.0 used, find no state
# to move here, and Terraform accepts them.

mock_provider "aws" {
  source = "./tests/mocks"
}

override_resource {
  target = aws_sfn_state_machine.finetune_state_machine_922A20ED
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
    condition     = [aws_sfn_state_machine.finetune_state_machine_922A20ED.name, aws_iam_role.finetune_sfn_role_DFFF220F.name, aws_security_group.finetune_security_group_3B7B18B8.name] == ["gata-prod-finetune", "sfn-gata-prod-finetune", "gata-prod-data-prep"]
    error_message = "Names from the application and the environment."
  }

  assert {
    condition     = jsondecode(aws_sfn_state_machine.finetune_state_machine_922A20ED.definition).States.RunDataPrep.Arguments.Cluster == "arn:aws:ecs:eu-west-1:111122223333:cluster/gata"
    error_message = "The definition decodes, with the app's cluster."
  }
}
