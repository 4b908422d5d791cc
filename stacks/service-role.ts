import { Construct } from "constructs";
import { IamRole } from "@cdktf/provider-aws/lib/iam-role";
import { IamRolePolicy } from "@cdktf/provider-aws/lib/iam-role-policy";
import { assumeRolePolicy, policyDocument, type ActingFor, type PolicyStatement } from "./iam";

export interface ServiceRoleProps {
  /** Name of the role. */
  readonly roleName: string;
  /** The AWS service that assumes it, such as `lambda.amazonaws.com`. */
  readonly service: string;
  /** Everything the role may do, in one inline policy. */
  readonly statements: readonly PolicyStatement[];
  /** Whom the service may assume the role for: its account, and its resource where the service passes one. @default anyone */
  readonly actingFor?: ActingFor;
}

/** A role one AWS service assumes, allowed exactly the given statements and nothing else. */
export class ServiceRole extends Construct {
  readonly role: IamRole;
  /** The inline policy: depend on it when a resource checks its permissions on creation. */
  readonly policy: IamRolePolicy;

  constructor(scope: Construct, id: string, props: ServiceRoleProps) {
    super(scope, id);
    this.role = new IamRole(this, "role", { name: props.roleName, assumeRolePolicy: assumeRolePolicy(props.service, props.actingFor) });
    this.policy = new IamRolePolicy(this, "policy", {
      name: "least-privilege",
      role: this.role.id,
      policy: policyDocument(props.statements),
    });
  }
}
