/** The naming rules (src/naming/names.ts): evaluated on concrete values, and rendered as HCL for plan time. */
import { evaluate, input, ref, toHcl } from "../../src/naming/expr";
import { DEFAULT_APPLICATION_NAME, namesOf, namespace, resourceNames, rolePrefix } from "../../src/naming/names";

const noToken = () => false;
const value = (rule: Parameters<typeof evaluate>[0]) => evaluate(rule, noToken);
const names = (ns: string, prefix: string) =>
  Object.fromEntries(Object.entries(resourceNames(ns, prefix)).map(([key, rule]) => [key, value(rule)]));

describe("namespace", () => {
  test("joins the environment tag to the application name", () => {
    expect(value(namespace("gata", input({ environment: "prod", team: "ml" })))).toBe("gata-prod");
  });

  test("is the application name alone without an environment tag", () => {
    expect(value(namespace("gata", input({ team: "ml" })))).toBe("gata");
  });

  test("treats an empty environment tag as absent, as Terraform's compact() does", () => {
    expect(value(namespace("gata", input({ environment: "" })))).toBe("gata");
  });

  test("reads only the lower-case `environment` key", () => {
    expect(value(namespace("gata", input({ Environment: "prod" })))).toBe("gata");
  });

  test("is the Terraform expression the module's plan-time checks and its local.ns use", () => {
    expect(toHcl(namespace(ref("var.application_name"), ref("var.tags")))).toBe(
      'join("-", compact(concat([var.application_name], matchkeys(values(var.tags), keys(var.tags), ["environment"]))))',
    );
  });
});

describe("rolePrefix", () => {
  test("is the namespace followed by a dash", () => {
    expect(value(rolePrefix("team"))).toBe("team-");
  });

  test("is empty for an empty namespace, so no name starts with a dash", () => {
    expect(value(rolePrefix(""))).toBe("");
  });

  test("as HCL", () => {
    expect(toHcl(rolePrefix(ref("var.role_namespace")))).toBe(
      'join("", formatlist("%s-", compact([var.role_namespace])))',
    );
  });
});

describe("resourceNames", () => {
  test("derives every name from the namespace and the role prefix", () => {
    expect(names("gata-prod", "team-")).toEqual({
      dataPrep: "gata-prod-data-prep",
      dataPrepLogGroup: "/ecs/gata-prod-data-prep",
      stateMachine: "gata-prod-finetune",
      stateMachineLogGroup: "/aws/vendedlogs/states/gata-prod-finetune",
      dataPrepExecRole: "team-gata-prod-data-prep-exec",
      dataPrepTaskRole: "team-gata-prod-data-prep-task",
      sfnRole: "team-sfn-gata-prod-finetune",
    });
  });

  test("with the default application name and no prefix", () => {
    expect(DEFAULT_APPLICATION_NAME).toBe("gata");
    expect(names(DEFAULT_APPLICATION_NAME, "")).toEqual({
      dataPrep: "gata-data-prep",
      dataPrepLogGroup: "/ecs/gata-data-prep",
      stateMachine: "gata-finetune",
      stateMachineLogGroup: "/aws/vendedlogs/states/gata-finetune",
      dataPrepExecRole: "gata-data-prep-exec",
      dataPrepTaskRole: "gata-data-prep-task",
      sfnRole: "sfn-gata-finetune",
    });
  });

  test("as HCL templates over the namespace and prefix expressions", () => {
    expect(toHcl(resourceNames(ref("local.ns"), ref("local.role_prefix")).sfnRole)).toBe(
      '"${local.role_prefix}sfn-${local.ns}-finetune"',
    );
  });
});

describe("namesOf", () => {
  const evaluated = (rules: ReturnType<typeof namesOf>) =>
    Object.fromEntries(Object.entries(rules).map(([key, rule]) => [key, value(rule)]));

  test("every name from the props that make them", () => {
    expect(
      evaluated(namesOf({ applicationName: "tickets", tags: { environment: "dev" }, roleNamespace: "ml" })),
    ).toEqual(names("tickets-dev", "ml-"));
  });

  test("the module's defaults for the props left out", () => {
    expect(evaluated(namesOf({}))).toEqual(names(DEFAULT_APPLICATION_NAME, ""));
  });

  test("the namespace and the role prefix through what binds them, once each", () => {
    const bound: string[] = [];
    const rules = namesOf({ roleNamespace: "ml" }, (local, rule) => {
      bound.push(`${local}=${toHcl(rule)}`);
      return ref(`local.${local}`);
    });
    expect(bound).toEqual([
      `ns=${toHcl(namespace(input(DEFAULT_APPLICATION_NAME), input({})))}`,
      `role_prefix=${toHcl(rolePrefix("ml"))}`,
    ]);
    expect(toHcl(rules.dataPrepExecRole)).toBe('"${local.role_prefix}${local.ns}-data-prep-exec"');
  });
});
