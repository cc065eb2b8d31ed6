// The package's public API: what a CDKTF app imports. Everything else in src/ is internal and
// may change in any release; tests import it from its own path.

// The construct, its props, the roles it may grant to and the Duration its timeout props take.
export { FinetuneWorkflow, type GrantableRole } from "./finetune-workflow";
export type { EcrRepositories, FineTuneStateMachineArns, FinetuneWorkflowProps } from "./interface/props";
export { Duration } from "./workflow/duration";

// The whole module as a stack: what `cdktf synth` writes to terraform/main.tf.json.
export { FinetuneWorkflowModule } from "./module-stack";

// Thrown at synth time, listing every problem in the props.
export { InvalidPropsError } from "./interface/validation";
