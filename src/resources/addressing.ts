/**
 * How the workflow's Terraform elements are addressed. The module stack keeps the documented
 * addresses (`aws_iam_role.sfn`, `data.aws_region.current`): they are the module's contract. In
 * an app, every element takes the logical id the core derives from its construct path, so each
 * instance lives under its own construct id and none can take an address the app uses.
 */
import {
  TerraformDataSource,
  TerraformElement,
  TerraformStack,
  TerraformLocal,
  TerraformOutput,
  TerraformResource,
  TerraformVariable,
} from "cdktf";
import type { Construct, IConstruct } from "constructs";

/** An element the workflow created, and its documented address in the module (and 0.3.0's in an app). */
export interface Placement {
  readonly element: TerraformElement;
  readonly contractName: string;
}

/** Gives each element the workflow creates its address, from the name the module documents for it. */
export interface Addressing {
  place<T extends TerraformElement>(element: T, contractName: string): T;
}

/** Records where each element was placed, for the moves an app's upgrade needs and for the tests. */
abstract class RecordingAddressing implements Addressing {
  private readonly placements: Placement[] = [];

  place<T extends TerraformElement>(element: T, contractName: string): T {
    this.placements.push({ element, contractName });
    this.address(element, contractName);
    return element;
  }

  get placed(): readonly Placement[] {
    return this.placements;
  }

  protected abstract address(element: TerraformElement, contractName: string): void;
}

/** The module stack's mode: each element takes its documented name as its logical id. */
class ContractAddressing extends RecordingAddressing {
  protected address(element: TerraformElement, contractName: string): void {
    element.overrideLogicalId(contractName);
  }
}

/**
 * An app's mode: each element keeps the logical id the core derives from its construct path
 * (`<workflow id>_<child id>_<hash>`), unique in the stack.
 */
export class ScopedAddressing extends RecordingAddressing {
  protected address(): void {}
}

/** The core's own logical ids, with nothing recorded: for what the module never had, such as grants. */
export const CORE_IDS: Addressing = { place: (element) => element };

const CONTRACT_SCOPES = new WeakSet<IConstruct>();

/** Makes the workflows created directly in `scope` keep the documented addresses. */
export function useContractAddresses(scope: IConstruct): void {
  CONTRACT_SCOPES.add(scope);
}

const PLACEMENTS = new WeakMap<IConstruct, readonly Placement[]>();

/** The addressing `owner`, a workflow created in `scope`, uses; what it places is recorded for {@link placementsOf}. */
export function addressingFor(owner: IConstruct, scope: IConstruct): ContractAddressing | ScopedAddressing {
  const addressing = CONTRACT_SCOPES.has(scope) ? new ContractAddressing() : new ScopedAddressing();
  PLACEMENTS.set(owner, addressing.placed);
  return addressing;
}

/** Each element a workflow placed, with its documented name: how tests read an app's stack by the module's names. */
export function placementsOf(owner: IConstruct): readonly Placement[] {
  return PLACEMENTS.get(owner) ?? [];
}

/**
 * The address Terraform knows an element by (`aws_iam_role.x`, `data.aws_region.x`, `local.x`,
 * `var.x`, `output.x`); undefined for a provider, a backend or anything else without one.
 */
export function addressOf(element: IConstruct): string | undefined {
  if (TerraformResource.isTerraformResource(element))
    return `${element.terraformResourceType}.${element.friendlyUniqueId}`;
  if (TerraformDataSource.isTerraformDataSource(element))
    return `data.${element.terraformResourceType}.${element.friendlyUniqueId}`;
  if (element instanceof TerraformLocal) return `local.${element.friendlyUniqueId}`;
  if (element instanceof TerraformVariable) return `var.${element.friendlyUniqueId}`;
  if (TerraformOutput.isTerraformOutput(element)) return `output.${element.friendlyUniqueId}`;
  return undefined;
}

/** A Terraform `moved` block. */
export interface Move {
  readonly from: string;
  readonly to: string;
}

/**
 * The moves that carry an app's state from 0.3.0's addresses, which were the documented ones at
 * the root of the stack, to the scoped ones: one per managed resource (data sources hold no state
 * worth keeping, and a `moved` block cannot name one), except where something else in the stack
 * now declares the old address, since Terraform refuses to move an object that is still declared.
 * @see https://developer.hashicorp.com/terraform/language/modules/develop/refactoring#moved-block-syntax
 */
export function legacyMoves(placed: readonly Placement[], declared: ReadonlySet<string>): Move[] {
  return placed.flatMap(({ element, contractName }) => {
    if (!TerraformResource.isTerraformResource(element)) return [];
    const from = `${element.terraformResourceType}.${contractName}`;
    const to = `${element.terraformResourceType}.${element.friendlyUniqueId}`;
    return from === to || declared.has(from) ? [] : [{ from, to }];
  });
}

/**
 * Every address declared in the stack of `owner` by an element outside `owner`, with the path of
 * the construct that declares it.
 */
export function addressesOfOthers(owner: IConstruct): Map<string, string> {
  const ours = new Set(owner.node.findAll());
  const declared = new Map<string, string>();
  for (const construct of TerraformStack.of(owner).node.findAll()) {
    if (ours.has(construct)) continue;
    const address = addressOf(construct);
    if (address !== undefined) declared.set(address, construct.node.path);
  }
  return declared;
}

/**
 * Terraform `moved` blocks, computed when the stack is synthesized, so that they see every
 * element the app adds after the workflow. Terraform skips a move whose old address is not in
 * the state, so the blocks are harmless once the state has moved, and for an app that never ran 0.3.0.
 */
export class MovedBlocks extends TerraformElement {
  constructor(
    scope: Construct,
    id: string,
    private readonly moves: () => readonly Move[],
  ) {
    super(scope, id);
  }

  public toTerraform(): Record<string, unknown> {
    const moves = this.moves();
    return moves.length === 0 ? {} : { moved: moves.map(({ from, to }) => ({ from, to })) };
  }

  /** The same blocks for `cdktf synth --hcl`, in the form the core renders resources' moves in. */
  public toHclTerraform(): Record<string, unknown> {
    const reference = (value: string) => ({ value, isBlock: false, type: "simple", storageClassType: "reference" });
    const moves = this.moves();
    return moves.length === 0
      ? {}
      : { moved: moves.map(({ from, to }) => ({ to: reference(to), from: reference(from) })) };
  }
}

/**
 * Moves the state an app applied with 0.3.0, whose construct pinned the documented addresses at
 * the root of the stack, to what `owner` placed: only while `takesOver()` holds when the stack is
 * synthesized (0.3.0 allowed one workflow per stack, so only one may take its state over).
 */
export function moveLegacyAddresses(owner: Construct, placed: readonly Placement[], takesOver: () => boolean): void {
  new MovedBlocks(owner, "moved_from_0_3", () => {
    if (!takesOver()) return [];
    return legacyMoves(placed, new Set(addressesOfOthers(owner).keys()));
  });
}

/** Each address of an element of `owner` that something else in the stack declares too. */
export function sharedAddresses(owner: IConstruct): string[] {
  const others = addressesOfOthers(owner);
  return owner.node.findAll().flatMap((element) => {
    const address = addressOf(element);
    const other = address === undefined ? undefined : others.get(address);
    return other === undefined ? [] : [`${address} is declared both by ${element.node.path} and by ${other}.`];
  });
}
