// Type-checks examples/cdktf-app/main.ts, which imports the package by its published name,
// against the repository's sources; jest.config.js maps the name the same way at run time.
// (A relative `export * from` is not allowed in an ambient module, hence the import types.)
// scripts/pack-smoke.js checks the same example against the packed tarball's own .d.ts files.
declare module "finetune-workflow" {
  export const FinetuneWorkflow: typeof import("../../src/index").FinetuneWorkflow;
  export type FinetuneWorkflow = import("../../src/index").FinetuneWorkflow;
  export type FinetuneWorkflowProps = import("../../src/index").FinetuneWorkflowProps;
}
