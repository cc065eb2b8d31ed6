/**
 * Migrating from the HCL module: with a role namespace, the state machine's role and policy are
 * renamed, so Terraform replaces them. They are replaced new-before-old, so that the state
 * machine is moved to the new role before the old one is deleted.
 */
import { synthModule, TerraformJson } from "./fixtures";

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
