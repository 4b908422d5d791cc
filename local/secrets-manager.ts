import { AwsServiceError, type JsonProtocolService } from "./aws-json-protocol";

/** Secrets Manager's GetSecretValue over the secrets given, by ARN. */
export class LocalSecretsManager implements JsonProtocolService {
  readonly targetPrefix = "secretsmanager";
  /** ARNs asked for, in order. */
  readonly requested: string[] = [];

  constructor(readonly secrets: Map<string, string>) {}

  handle(operation: string, input: { SecretId?: string }): unknown {
    if (operation !== "GetSecretValue") throw new AwsServiceError("UnknownOperationException", `Secrets Manager ${operation} is not served locally`);
    const arn = String(input.SecretId);
    this.requested.push(arn);
    const secret = this.secrets.get(arn);
    if (secret === undefined) throw new AwsServiceError("ResourceNotFoundException", "Secrets Manager can't find the specified secret.");
    return { ARN: arn, Name: arn.split(":").pop(), SecretString: secret, VersionId: "local", VersionStages: ["AWSCURRENT"], CreatedDate: 0 };
  }
}
