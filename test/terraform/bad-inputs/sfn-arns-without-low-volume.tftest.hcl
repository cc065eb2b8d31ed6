# No low_volume state machine: refused at plan time by the validation of var.sfn_arns.
run "refused" {
  command = plan

  variables {
    sfn_arns = {
      general = "arn:aws:states:eu-west-1:111122223333:stateMachine:gata-finetune-general"
    }
  }

  expect_failures = [var.sfn_arns]
}
