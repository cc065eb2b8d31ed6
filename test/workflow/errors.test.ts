/**
 * Every error name the definition's Retry and Catch fields use is traced to AWS: to the pages
 * that document it (src/workflow/errors.ts, rendered into docs/workflow.md), and to the errors
 * its Task's integration can raise (the error catalog, from botocore's models and AWS's pages).
 */
import type { Branch, State, StateMachineDefinition, TaskState } from "../../src/workflow/asl";
import { renderErrorSources } from "../../tools/docs/diagram";
import { ERROR_SOURCES } from "../../src/workflow/errors";
import { errorsOf } from "../models/sfn-executor/integrations/catalog";
import { SAMPLE_DEFINITION } from "../support/workflow";

/** Every Task, Parallel branches included. */
function tasks(branch: Branch): [string, TaskState][] {
  return Object.entries(branch.States).flatMap(([name, state]: [string, State]): [string, TaskState][] => {
    if (state.Type === "Task") return [[name, state]];
    if (state.Type === "Parallel") return state.Branches.flatMap(tasks);
    return [];
  });
}

/** Names that match a class of errors rather than one: Step Functions' own wildcards. */
const WILDCARDS = ["States.ALL", "States.TaskFailed"];

describe("error names", () => {
  test("each has a row in the table of docs/workflow.md, with the states that use it and its AWS pages", () => {
    const table = renderErrorSources(SAMPLE_DEFINITION, ERROR_SOURCES);
    const rows = table.split("\n").slice(2);
    expect(rows.map((row) => row.split(" | ")[0].replace(/^\| `|`$/g, ""))).toEqual([
      "States.TaskFailed",
      "States.Timeout",
      "States.ALL",
      "Ecs.ThrottlingException",
      "ECS.AmazonECSException",
      "AmazonECS.Unknown",
      "StepFunctions.ExecutionLimitExceeded",
      "StepFunctions.ExecutionLimitExceededException",
    ]);
    expect(rows[3]).toBe(
      "| `Ecs.ThrottlingException` | RegisterTaskDefinition | " +
        "[supported-services-awssdk](https://docs.aws.amazon.com/step-functions/latest/dg/supported-services-awssdk.html), " +
        "[CommonErrors](https://docs.aws.amazon.com/AmazonECS/latest/APIReference/CommonErrors.html) | " +
        "The request was throttled, so refused: nothing was registered. |",
    );
  });

  test("a name AWS does not document for the integration fails the table, naming it and its state", () => {
    // GIVEN NotifyFailure retrying the name the retriers used before, which no AWS page gives
    const undocumented: StateMachineDefinition = structuredClone(SAMPLE_DEFINITION);
    const notify = undocumented.States.NotifyFailure as TaskState;
    const [retrier] = notify.Retry ?? [];
    Object.assign(notify, {
      Retry: [{ ...retrier, ErrorEquals: [...retrier.ErrorEquals, "EventBridge.AmazonEventBridgeException"] }],
    });

    // THEN
    expect(() => renderErrorSources(undocumented, ERROR_SOURCES)).toThrow(
      "No AWS page documents the error name EventBridge.AmazonEventBridgeException (NotifyFailure): " +
        "add it to ERRORS in src/workflow/errors.ts, with its pages.",
    );
  });

  test("every page is AWS's own", () => {
    const pages = ERROR_SOURCES.flatMap((source) => source.pages);
    expect(
      pages.filter((page) => !/^https:\/\/(docs\.aws\.amazon\.com|repost\.aws\/knowledge-center)\//.test(page)),
    ).toEqual([]);
  });

  test("every name with pages is in use: none is kept for a retrier that is gone", () => {
    const table = renderErrorSources(SAMPLE_DEFINITION, ERROR_SOURCES);
    expect(ERROR_SOURCES.filter((source) => !table.includes(`| \`${source.name}\` |`))).toEqual([]);
  });

  test("every name a Task retries, but Step Functions' wildcards, is one its integration can raise", () => {
    const strays = tasks(SAMPLE_DEFINITION).flatMap(([name, state]) => {
      const raised = errorsOf(state.Resource, { timeout: state.TimeoutSeconds !== undefined }).map((e) => e.name);
      return (state.Retry ?? [])
        .flatMap((retrier) => retrier.ErrorEquals)
        .filter((error) => !WILDCARDS.includes(error) && !raised.includes(error))
        .map((error) => `${name}: ${error}`);
    });
    expect(strays).toEqual([]);
  });
});
