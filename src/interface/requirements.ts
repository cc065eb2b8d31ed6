/** The versions the module requires, in its `terraform` block: what every caller must run. */
export const TERRAFORM_VERSION = ">= 1.11.0, < 2.0.0";
export const AWS_PROVIDER = { source: "hashicorp/aws", version: ">= 6.0, < 7.0" } as const;
