import * as path from "path";

/**
 * The contract: the documented interface of the HCL module this package reproduces. The tests
 * read this verbatim copy so that a clone tests on its own; replace it when the contract changes.
 */
export const CONTRACT_README = path.join(__dirname, "finetune-workflow.README.md");
