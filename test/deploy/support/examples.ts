/**
 * The examples' variable files as a user fills them in for a deployment to moto: every value as
 * the example has it, but for the IDs of the network that moto created. Test code only.
 */
import * as fs from "fs";
import * as path from "path";
import { CreatePolicyCommand, IAMClient } from "@aws-sdk/client-iam";
import { clientConfig, type Network } from "./aws";
import type { MotoServer } from "./moto/launcher";
import { REPO_ROOT } from "../../support/terraform/working-copy";

const hcl2json: { parse(file: string, text: string): Promise<Record<string, any>> } = require("@cdktf/hcl2json");

/** A `.tfvars` file of the repository, as values. */
export async function readTfvars(file: string): Promise<Record<string, any>> {
  return hcl2json.parse(path.basename(file), fs.readFileSync(path.join(REPO_ROOT, file), "utf8"));
}

/**
 * The variables whose example values must be replaced by what moto created: the subnets, and
 * each endpoint's security group (`s3`, the gateway endpoint, by the region's prefix list).
 */
export function networkValues(example: Record<string, any>, network: Network): Record<string, unknown> {
  const endpoints = Object.keys(example.vpc_endpoint_security_groups);
  return {
    subnet_ids: network.subnetIds,
    vpc_endpoint_security_groups: Object.fromEntries(
      endpoints.map((key) => [key, key === "s3" ? network.s3PrefixListId : network.endpointSecurityGroupId]),
    ),
  };
}

/**
 * The permissions boundary the examples name, which an account that sets one has. moto only
 * checks the ARN's shape, where IAM refuses a role whose boundary policy does not exist.
 * https://docs.aws.amazon.com/IAM/latest/APIReference/API_CreateRole.html
 */
export async function createBoundaryPolicy(moto: MotoServer, arn: string): Promise<void> {
  const name = arn.split("/").pop()!;
  const iam = new IAMClient(clientConfig(moto));
  try {
    const { Policy } = await iam.send(
      new CreatePolicyCommand({
        PolicyName: name,
        PolicyDocument: JSON.stringify({
          Version: "2012-10-17",
          Statement: [{ Effect: "Allow", Action: "*", Resource: "*" }],
        }),
      }),
    );
    if (Policy?.Arn !== arn)
      throw new Error(`The boundary was created as ${Policy?.Arn}, not ${arn}: is moto's account the example's?`);
  } finally {
    iam.destroy();
  }
}
