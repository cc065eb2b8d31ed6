# An SNS topic ARN, neither an event bus name nor its ARN: refused at plan time by the validation of var.event_bus_name.
run "refused" {
  command = plan

  variables {
    event_bus_name = "arn:aws:sns:eu-west-1:111122223333:gata"
  }

  expect_failures = [var.event_bus_name]
}
