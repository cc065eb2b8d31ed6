# A cluster name, not its ARN: refused at plan time by the validation of var.ecs_cluster_arn.
run "refused" {
  command = plan

  variables {
    ecs_cluster_arn = "gata"
  }

  expect_failures = [var.ecs_cluster_arn]
}
