/**
 * AWS SDK clients that talk to a moto server, and the network a deployment needs there.
 * Test code only.
 */
import {
  CreateSecurityGroupCommand,
  CreateSubnetCommand,
  CreateVpcCommand,
  DescribeManagedPrefixListsCommand,
  DescribeSecurityGroupsCommand,
  EC2Client,
  ModifyVpcAttributeCommand,
} from "@aws-sdk/client-ec2";
import type { MotoServer } from "./moto/launcher";

/** What every client needs to reach `moto`: its endpoint, region and keys. */
export function clientConfig(moto: MotoServer) {
  return {
    endpoint: moto.endpoint,
    region: moto.region,
    credentials: { accessKeyId: moto.accountId, secretAccessKey: "moto" },
  };
}

/** What a stack passes to the module for its network, as moto created it. */
export interface Network {
  readonly vpcId: string;
  /** Two subnets, in two availability zones. */
  readonly subnetIds: [string, string];
  /** A security group standing for the interface endpoints'. */
  readonly endpointSecurityGroupId: string;
  /** The region's AWS-managed S3 prefix list, which moto creates with the region. */
  readonly s3PrefixListId: string;
}

/**
 * A VPC with DNS hostnames on, which ECS needs for `awsvpc` tasks (moto answers RunTask with
 * a 500 without them, as AWS refuses to attach such tasks), two subnets and a security group.
 */
export async function createNetwork(moto: MotoServer): Promise<Network> {
  const ec2 = new EC2Client(clientConfig(moto));
  try {
    const { Vpc } = await ec2.send(new CreateVpcCommand({ CidrBlock: "10.0.0.0/16" }));
    const vpcId = Vpc!.VpcId!;
    await ec2.send(new ModifyVpcAttributeCommand({ VpcId: vpcId, EnableDnsHostnames: { Value: true } }));
    const subnet = async (index: number, zone: string) =>
      (
        await ec2.send(
          new CreateSubnetCommand({
            VpcId: vpcId,
            CidrBlock: `10.0.${index}.0/24`,
            AvailabilityZone: `${moto.region}${zone}`,
          }),
        )
      ).Subnet!.SubnetId!;
    const subnetIds: [string, string] = [await subnet(1, "a"), await subnet(2, "b")];
    const { GroupId } = await ec2.send(
      new CreateSecurityGroupCommand({ VpcId: vpcId, GroupName: "vpc-endpoints", Description: "Interface endpoints" }),
    );
    const { PrefixLists } = await ec2.send(
      new DescribeManagedPrefixListsCommand({
        Filters: [{ Name: "prefix-list-name", Values: [`com.amazonaws.${moto.region}.s3`] }],
      }),
    );
    if (PrefixLists?.length !== 1)
      throw new Error(`moto has ${PrefixLists?.length ?? 0} S3 prefix lists in ${moto.region}, not 1.`);
    return { vpcId, subnetIds, endpointSecurityGroupId: GroupId!, s3PrefixListId: PrefixLists[0].PrefixListId! };
  } finally {
    ec2.destroy();
  }
}

/** The VPC a security group is in. */
export async function vpcOfSecurityGroup(moto: MotoServer, groupId: string): Promise<string | undefined> {
  const ec2 = new EC2Client(clientConfig(moto));
  try {
    const { SecurityGroups } = await ec2.send(new DescribeSecurityGroupsCommand({ GroupIds: [groupId] }));
    return SecurityGroups?.[0]?.VpcId;
  } finally {
    ec2.destroy();
  }
}
