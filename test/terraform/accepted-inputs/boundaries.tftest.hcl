# Valid inputs at the edges of what the variables' validation blocks refuse, each the neighbour of a
# bad input in ../bad-inputs/: every run must plan. They run on the module's variables alone.

# 3 characters, the shortest bucket name S3 takes.
run "s3_bucket_name_of_3_characters" {
  command = plan

  variables {
    s3_bucket_name = "abc"
  }
}

# 63 characters, the longest.
run "s3_bucket_name_of_63_characters" {
  command = plan

  variables {
    s3_bucket_name = "aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa"
  }
}

# Four numbers after a label, and three numbers: neither is an IP address.
run "s3_bucket_name_of_numbers_that_are_no_ip_address" {
  command = plan

  variables {
    s3_bucket_name = "x.1.2.3.4"
  }
}

run "s3_bucket_name_of_three_numbers" {
  command = plan

  variables {
    s3_bucket_name = "1.2.3"
  }
}

# What a reserved prefix and a reserved suffix look like without their hyphens.
run "s3_bucket_name_like_a_reserved_prefix" {
  command = plan

  variables {
    s3_bucket_name = "sthree"
  }
}

run "s3_bucket_name_like_a_reserved_suffix" {
  command = plan

  variables {
    s3_bucket_name = "gata-s3"
  }
}

# A 256-character repository name, the longest ECR takes.
run "ecr_repo_urls_of_the_longest_repository_name" {
  command = plan

  variables {
    ecr_repo_urls = {
      "data-prep" = "111122223333.dkr.ecr.eu-west-1.amazonaws.com/aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa"
    }
  }
}

# A 49-character application name and no environment tag: the data-prep role names are exactly
# IAM's 64 characters.
run "application_name_making_role_names_of_64_characters" {
  command = plan

  variables {
    application_name = "aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa"
    tags             = {}
  }
}
