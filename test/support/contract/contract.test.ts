import { contractInterface } from "./contract";

describe("contractInterface", () => {
  test("reads each input's name, type and whether it is required, past escaped pipes and code in the description", () => {
    // GIVEN
    const markdown = [
      "| Name | Description | Type | Default | Required |",
      "|------|-------------|------|---------|:--------:|",
      '| <a name="input_tags"></a> [tags](#input\\_tags) | Tags \\| labels `a => b` | `map(string)` | `{}` | no |',
      '| <a name="input_subnet_ids"></a> [subnet\\_ids](#input\\_subnet\\_ids) | Subnets | `list(string)` | n/a | yes |',
      "",
      "| Name | Description |",
      "|------|-------------|",
      '| <a name="output_security_group"></a> [security\\_group](#output\\_security\\_group) | ID |',
    ].join("\n");

    // WHEN
    const contract = contractInterface(markdown);

    // THEN
    expect(contract).toEqual({
      inputs: [
        { name: "tags", type: "map(string)", required: false },
        { name: "subnet_ids", type: "list(string)", required: true },
      ],
      outputs: ["security_group"],
    });
  });

  test("finds the contract's 17 inputs, 13 of them required, and its 3 outputs", () => {
    // WHEN
    const { inputs, outputs } = contractInterface();

    // THEN
    expect(inputs).toHaveLength(17);
    expect(inputs.filter((input) => !input.required).map((input) => input.name)).toEqual([
      "application_name",
      "role_namespace",
      "role_permissions_boundary",
      "tags",
    ]);
    expect(new Set(inputs.map((input) => input.type))).toEqual(
      new Set(["string", "number", "list(string)", "map(string)"]),
    );
    expect(outputs).toEqual(["ecs_role_exec_name", "ecs_role_task_name", "security_group"]);
  });
});
