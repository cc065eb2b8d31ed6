# An execution ARN where a state machine ARN belongs: refused at plan time by the validation of var.sfn_arns.
run "refused" {
  command = plan

  variables {
    sfn_arns = {
      general    = "arn:aws:states:eu-west-1:111122223333:stateMachine:gata-finetune-general"
      low_volume = "arn:aws:states:eu-west-1:111122223333:execution:gata-finetune-low-volume:run-1"
    }
  }

  expect_failures = [var.sfn_arns]
}
