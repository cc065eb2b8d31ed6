import type { ReadBackDifference } from "./moto/launcher";
import { judgePlan, type PlanJson } from "./plan-changes";

const DESCRIPTION: ReadBackDifference = {
  resourceType: "aws_vpc_security_group_egress_rule",
  attribute: "description",
  whenSet: ["referenced_security_group_id", "prefix_list_id"],
  reason: "moto drops it",
};

const rule = (before: Record<string, unknown>, after: Record<string, unknown>, actions = ["update"]) => ({
  address: 'aws_vpc_security_group_egress_rule.egress_https["logs"]',
  type: "aws_vpc_security_group_egress_rule",
  change: { actions, before, after, after_unknown: {} },
});

const toEndpoint = { referenced_security_group_id: "sg-1", prefix_list_id: null, cidr_ipv4: null };

describe("judgePlan", () => {
  test("a plan of no-ops changes nothing", () => {
    // GIVEN
    const plan: PlanJson = {
      resource_changes: [rule(toEndpoint, toEndpoint, ["no-op"])],
      output_changes: { a: { actions: ["no-op"] } },
    };

    // WHEN / THEN
    expect(judgePlan(plan, [DESCRIPTION])).toEqual({ changes: [], ignored: [] });
  });

  test("a description moto dropped from a rule to a security group is ignored, with its reason", () => {
    // GIVEN
    const plan: PlanJson = {
      resource_changes: [rule({ ...toEndpoint, description: null }, { ...toEndpoint, description: "to logs" })],
    };

    // WHEN / THEN
    expect(judgePlan(plan, [DESCRIPTION])).toEqual({
      changes: [],
      ignored: [
        {
          address: 'aws_vpc_security_group_egress_rule.egress_https["logs"]',
          actions: ["update"],
          attributes: ["description"],
          reasons: ["moto drops it"],
        },
      ],
    });
  });

  test("the same difference on a CIDR rule counts: moto keeps those descriptions", () => {
    // GIVEN
    const cidr = { referenced_security_group_id: null, prefix_list_id: null, cidr_ipv4: "0.0.0.0/0" };
    const plan: PlanJson = {
      resource_changes: [rule({ ...cidr, description: null }, { ...cidr, description: "HTTPS open" })],
    };

    // WHEN / THEN
    expect(judgePlan(plan, [DESCRIPTION]).changes).toEqual([
      {
        address: 'aws_vpc_security_group_egress_rule.egress_https["logs"]',
        actions: ["update"],
        attributes: ["description"],
      },
    ]);
  });

  test("an update that changes another attribute too counts, naming both", () => {
    // GIVEN
    const plan: PlanJson = {
      resource_changes: [
        rule({ ...toEndpoint, description: null, to_port: 443 }, { ...toEndpoint, description: "x", to_port: 444 }),
      ],
    };

    // WHEN / THEN
    expect(judgePlan(plan, [DESCRIPTION])).toEqual({
      changes: [
        {
          address: 'aws_vpc_security_group_egress_rule.egress_https["logs"]',
          actions: ["update"],
          attributes: ["description", "to_port"],
        },
      ],
      ignored: [],
    });
  });

  test("a replacement counts even when only an ignorable attribute differs", () => {
    // GIVEN
    const plan: PlanJson = {
      resource_changes: [
        rule({ ...toEndpoint, description: null }, { ...toEndpoint, description: "x" }, ["delete", "create"]),
      ],
    };

    // WHEN / THEN
    expect(judgePlan(plan, [DESCRIPTION]).changes.map((c) => c.actions)).toEqual([["delete", "create"]]);
  });

  test("attributes known only after apply count, and so do deferred reads and output changes", () => {
    // GIVEN
    const plan: PlanJson = {
      resource_changes: [
        {
          address: "aws_security_group.this",
          type: "aws_security_group",
          change: {
            actions: ["update"],
            before: { vpc_id: "vpc-1" },
            after: { vpc_id: null },
            after_unknown: { vpc_id: true },
          },
        },
        {
          address: 'data.aws_subnet.this["0"]',
          type: "aws_subnet",
          change: { actions: ["read"], before: null, after: {} },
        },
      ],
      output_changes: { security_group: { actions: ["update"] } },
    };

    // WHEN / THEN
    expect(judgePlan(plan, [DESCRIPTION]).changes).toEqual([
      { address: "aws_security_group.this", actions: ["update"], attributes: ["vpc_id"] },
      { address: 'data.aws_subnet.this["0"]', actions: ["read"], attributes: [] },
      { address: "output.security_group", actions: ["update"], attributes: [] },
    ]);
  });
});
