import { DataAwsEc2ManagedPrefixList } from "@cdktf/provider-aws/lib/data-aws-ec2-managed-prefix-list";
import { DataAwsSubnet } from "@cdktf/provider-aws/lib/data-aws-subnet";
import { SecurityGroup } from "@cdktf/provider-aws/lib/security-group";
import { VpcSecurityGroupEgressRule } from "@cdktf/provider-aws/lib/vpc-security-group-egress-rule";
import { Fn, Op, Token, TerraformIterator } from "cdktf";
import type { Construct } from "constructs";
import type { WorkflowContext } from "./context";
import { INTERFACE_ENDPOINTS, S3_ENDPOINT_KEY } from "../naming/endpoints";

const HTTPS = { ipProtocol: "tcp", fromPort: 443, toPort: 443 } as const;

export interface NetworkInput {
  /** `<ns>-data-prep`, the security group's name. */
  readonly name: string;
  readonly subnetIds: string[];
  readonly vpcEndpointSecurityGroups: Record<string, string>;
  /** `data.aws_partition.current.reverse_dns_prefix`, e.g. `com.amazonaws`. */
  readonly reverseDnsPrefix: string;
}

/** The data-prep task's security group: nothing inbound, HTTPS out only. */
export function createNetwork(scope: Construct, ctx: WorkflowContext, input: NetworkInput) {
  // Keyed by position, not by ID: a stack that creates its subnets in the same apply passes IDs
  // unknown at plan time, and for_each keys must be known then; the list's length is.
  // https://developer.hashicorp.com/terraform/language/meta-arguments/for_each#limitations-on-values-used-in-for_each
  const subnetIterator = TerraformIterator.fromMap(
    Fn.zipmap(Fn.range(0, Fn.lengthOf(input.subnetIds)), input.subnetIds) as Record<string, string>,
  );
  const subnets = ctx.addressing.place(
    new DataAwsSubnet(scope, "subnets", { forEach: subnetIterator, id: subnetIterator.value }),
    "this",
  );

  // aws-cn names the S3 prefix list cn.com.amazonaws.<region>.s3, hence the partition's prefix.
  // https://docs.aws.amazon.com/vpc/latest/userguide/working-with-aws-managed-prefix-lists.html
  const s3PrefixList = ctx.addressing.place(
    new DataAwsEc2ManagedPrefixList(scope, "s3_prefix_list", {
      name: `${input.reverseDnsPrefix}.${ctx.scope.region}.s3`,
    }),
    "s3",
  );

  const name = input.name;
  const securityGroup = ctx.addressing.place(
    new SecurityGroup(scope, "security_group", {
      name,
      description: "Data Prep ECS task",
      vpcId: Fn.lookupNested(subnets.fqn, ["0", "vpc_id"]),
      // tags may be a single token, so it is merged by Terraform rather than spread here.
      tags: Token.asStringMap(Fn.merge([ctx.tags, { Name: name }])),
    }),
    "this",
  );

  const vpce = input.vpcEndpointSecurityGroups;
  const rule = (
    id: string,
    config: Omit<ConstructorParameters<typeof VpcSecurityGroupEgressRule>[2], "securityGroupId" | "ipProtocol">,
  ) => {
    const egress = new VpcSecurityGroupEgressRule(scope, id, {
      securityGroupId: securityGroup.id,
      ...HTTPS,
      tags: ctx.tags,
      ...config,
    });
    return ctx.addressing.place(egress, id);
  };

  // Without endpoints the task reaches AWS over the internet (through a NAT), so HTTPS is open.
  rule("egress_https_all", {
    count: Token.asNumber(Fn.conditional(Op.lt(Fn.lengthOf(vpce), 1), 1, 0)),
    cidrIpv4: "0.0.0.0/0",
    description: "HTTPS open",
  });
  const endpoints = TerraformIterator.fromList(Fn.setintersection(Fn.keys(vpce), [[...INTERFACE_ENDPOINTS]]));
  rule("egress_https", {
    forEach: endpoints,
    referencedSecurityGroupId: Fn.lookupNested(vpce, [endpoints.value]),
    description: `to ${endpoints.value}`,
  });
  // S3 is a gateway endpoint: it is reached through a prefix list, not a security group.
  rule("egress_https_s3", {
    prefixListId: Fn.lookup(vpce, S3_ENDPOINT_KEY, s3PrefixList.id),
    description: "to S3",
  });

  return { securityGroup };
}
