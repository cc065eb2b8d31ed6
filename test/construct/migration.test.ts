/**
 * Migrating from the HCL module: with a role namespace, the state machine's role and policy are
 * renamed, so Terraform replaces them. They are replaced new-before-old, so that the state
 * machine is moved to the new role before the old one is deleted.
 */
import * as fs from "fs";
import * as path from "path";
import { extractBlock } from "../../tools/docs/readme-blocks";
import { synthModule, type TerraformJson } from "../support/synthesized";

const MIGRATION_NOTES = path.resolve(__dirname, "../../docs/migration.md");

let tf: TerraformJson;
beforeAll(() => {
  ({ tf } = synthModule());
});

const NEW_BEFORE_OLD = { create_before_destroy: true };

describe("replacing the state machine's role", () => {
  test.each(["aws_iam_role", "aws_iam_policy", "aws_iam_role_policy_attachment"])(
    "%s.sfn is created before the one it replaces is destroyed",
    (type) => {
      expect(tf.resource[type].sfn.lifecycle).toEqual(NEW_BEFORE_OLD);
    },
  );

  test("the state machine takes the role by ARN, so a new role is an in-place update of the state machine", () => {
    expect(tf.resource.aws_sfn_state_machine.finetune.role_arn).toBe("${aws_iam_role.sfn.arn}");
    expect(tf.resource.aws_sfn_state_machine.finetune.lifecycle).toBeUndefined();
  });

  test("the data-prep roles, their policies and attachments keep Terraform's default order", () => {
    const lifecycles = ["aws_iam_role", "aws_iam_policy", "aws_iam_role_policy_attachment"].flatMap((type) =>
      ["data_prep_exec", "data_prep_task"].map((name) => [`${type}.${name}`, tf.resource[type][name].lifecycle]),
    );
    expect(lifecycles.filter(([, lifecycle]) => lifecycle !== undefined)).toEqual([]);
  });
});

describe("the migration notes", () => {
  const block = extractBlock(fs.readFileSync(MIGRATION_NOTES, "utf8"), "MIGRATION");

  test("state the order the module replaces the state machine's role in", () => {
    expect(block).toContain(
      "The new role, its policy and their attachment are created before the old ones are destroyed (`create_before_destroy`)",
    );
  });

  test("cover both cases of role_namespace and advise migrating while no execution runs", () => {
    expect([
      block.includes('**With `role_namespace = ""`**'),
      block.includes("**With a namespace**"),
      block.includes("Migrate while no execution runs."),
    ]).toEqual([true, true, true]);
  });
});
