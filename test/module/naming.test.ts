/** The naming rules on concrete values (src/naming.ts), without cdktf. */
import { DEFAULT_APPLICATION_NAME, namespaceOf, resourceNames, rolePrefixOf } from "../../src/naming";

describe("namespaceOf", () => {
  test("joins the environment tag to the application name", () => {
    expect(namespaceOf("gata", { environment: "prod", team: "ml" })).toBe("gata-prod");
  });

  test("is the application name alone without an environment tag", () => {
    expect(namespaceOf("gata", { team: "ml" })).toBe("gata");
  });

  test("treats an empty environment tag as absent, as Terraform's compact() does", () => {
    expect(namespaceOf("gata", { environment: "" })).toBe("gata");
  });

  test("reads only the lower-case `environment` key", () => {
    expect(namespaceOf("gata", { Environment: "prod" })).toBe("gata");
  });
});

describe("rolePrefixOf", () => {
  test("is the namespace followed by a dash", () => {
    expect(rolePrefixOf("team")).toBe("team-");
  });

  test("is empty for an empty namespace, so no name starts with a dash", () => {
    expect(rolePrefixOf("")).toBe("");
  });
});

describe("resourceNames", () => {
  test("derives every name from the namespace and the role prefix", () => {
    expect(resourceNames("gata-prod", "team-")).toEqual({
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
    expect(resourceNames(DEFAULT_APPLICATION_NAME, "")).toEqual({
      dataPrep: "gata-data-prep",
      dataPrepLogGroup: "/ecs/gata-data-prep",
      stateMachine: "gata-finetune",
      stateMachineLogGroup: "/aws/vendedlogs/states/gata-finetune",
      dataPrepExecRole: "gata-data-prep-exec",
      dataPrepTaskRole: "gata-data-prep-task",
      sfnRole: "sfn-gata-finetune",
    });
  });
});
