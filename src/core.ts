// Which core a stack belongs to: CDKTF (`cdktf`) or its fork, CDK Terrain (`cdktn`). The package
// ships one build for each, from the same source. Elements of the two cores cannot share a stack,
// yet both mark their stacks with the same symbol, so `TerraformStack.of` accepts a stack of
// either and the mix fails only at synth, with a TypeError about a missing method. The classes
// of both carry jsii's type information, whose fully qualified name begins with the core's name:
// that tells them apart.

export type Core = "cdktf" | "cdktn";

/** The module each core's apps import the construct from. */
export const CORE_IMPORTS: Readonly<Record<Core, string>> = {
  cdktf: "finetune-workflow",
  cdktn: "finetune-workflow/cdktn",
};

const JSII_RTTI = Symbol.for("jsii.rtti");
const STACK_FQN = /^(cdktf|cdktn)\.TerraformStack$/;

/** The core whose `TerraformStack` the class `type` is or extends; undefined for any other value. */
export function stackCore(type: unknown): Core | undefined {
  for (let c = type; typeof c === "function"; c = Object.getPrototypeOf(c)) {
    const rtti = (c as { [JSII_RTTI]?: { fqn?: unknown } })[JSII_RTTI];
    const match = typeof rtti?.fqn === "string" ? STACK_FQN.exec(rtti.fqn) : null;
    if (match) return match[1] as Core;
  }
  return undefined;
}

interface Scope {
  readonly node: { readonly path: string };
}

/**
 * Throws unless the nearest stack among `scopes` (a construct's ancestors, root first) comes from
 * the same core as `ownStack`, the `TerraformStack` this build imports. The message names the
 * import that gives the construct for the stack's core. No stack at all is left to
 * `TerraformStack.of`, which says so in its own words.
 */
export function assertSameCore(construct: string, id: string, scopes: readonly Scope[], ownStack: unknown): void {
  const own = stackCore(ownStack);
  if (own === undefined) throw new Error(`${construct} cannot tell which core its own TerraformStack comes from.`);
  for (const scope of [...scopes].reverse()) {
    const core = stackCore(scope.constructor);
    if (core === undefined) continue;
    if (core === own) return;
    throw new Error(
      `${construct} "${id}" is the ${own} build, but stack "${scope.node.path}" is a ${core} TerraformStack, ` +
        `and constructs of the two cores cannot share a stack. In a ${core} app, ` +
        `import { ${construct} } from "${CORE_IMPORTS[core]}".`,
    );
  }
}
