import type { FinetuneWorkflowProps } from "../../src/interface/props";
import { CONCRETE_PROPS } from "./sample-props";

/** Concrete props that pass every check; each test breaks one. */
export const VALID_PROPS: FinetuneWorkflowProps = {
  ...CONCRETE_PROPS,
  tags: { environment: "prod" },
  vpcEndpointSecurityGroups: { "ecr-api": "sg-0a1b2c3d4e5f60718" },
};

export const EVENT_BUS_ARN = "arn:aws:events:eu-west-1:111122223333:event-bus/gata";
