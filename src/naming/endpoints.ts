/**
 * The keys of `vpc_endpoint_security_groups` the module reads. Pure: network.ts wires them
 * into egress rules, validation.ts checks the values they hold.
 */

/** VPC endpoints (interface type) the data-prep task may reach through their security groups. */
export const INTERFACE_ENDPOINTS: readonly string[] = [
  "ecr-api",
  "ecr-dkr",
  "logs",
  "rds-data",
  "secretsmanager",
  "ssm",
];

/**
 * S3 is a gateway endpoint: the task reaches it through the S3 prefix list, whose ID this key
 * holds, not through a security group.
 * https://docs.aws.amazon.com/vpc/latest/privatelink/vpc-endpoints-s3.html
 */
export const S3_ENDPOINT_KEY = "s3";
