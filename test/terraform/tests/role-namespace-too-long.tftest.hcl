# The whole module, given a 60-character role_namespace: the role_namespace variable refuses it,
# and nothing else fails. Before the length check, the provider alone refused the three role
# names ("expected length of name to be in the range (1 - 64)"), naming none of the variables;
# with expect_failures, any such error would fail this run.

mock_provider "aws" {
  source = "./tests/mocks"
}

run "refused_by_name" {
  command = plan

  variables {
    role_namespace = "ml-platform-training-pipelines-europe-west-1-production-team"
  }

  expect_failures = [var.role_namespace]
}
