import { allows, principalsOf, statements } from "./policy-document";
import { rule } from "./rule";

/**
 * Services whose role trust AWS documents `aws:SourceAccount`/`aws:SourceArn` for (the cross-service
 * confused deputy guides of Step Functions, EventBridge Pipes, EventBridge and Scheduler).
 */
export const SOURCE_KEYED_SERVICES: readonly string[] = ["states.amazonaws.com", "pipes.amazonaws.com", "events.amazonaws.com", "scheduler.amazonaws.com"];

const SOURCE_KEYS = ["aws:SourceAccount", "aws:SourceArn"];

const namesSource = (condition: Record<string, Record<string, unknown>> | undefined) =>
  Object.values(condition ?? {}).some((byKey) => Object.keys(byKey).some((key) => SOURCE_KEYS.includes(key)));

/**
 * Confused deputy closed: a service that acts for many accounts may assume this role only when
 * acting for this account (and, where it passes one, this resource). No public rule checks this.
 */
export const iamRoleConfusedDeputy = rule("WH_AWS_3", "Service roles trust their service only on behalf of this account (aws:SourceAccount or aws:SourceArn)", ["aws_iam_role"], (role) => {
  const open = statements(role.assume_role_policy)
    .filter((s) => allows(s) && !namesSource(s.Condition))
    .flatMap(principalsOf)
    .filter((principal) => SOURCE_KEYED_SERVICES.some((service) => principal === `Service:${service}`));
  return open.length > 0 && `trusts ${open.join(", ")} without aws:SourceAccount or aws:SourceArn`;
});
