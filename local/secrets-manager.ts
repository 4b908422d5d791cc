import { AwsServiceError, type JsonProtocolService } from "./aws-json-protocol";

/** Secrets Manager's GetSecretValue over the secrets given, by ARN: a map, or a lookup asked at every call. */
export class LocalSecretsManager implements JsonProtocolService {
  readonly targetPrefix = "secretsmanager";
  /** ARNs asked for, in order. */
  readonly requested: string[] = [];
  private readonly lookup: (arn: string) => string | undefined;

  constructor(secrets: ReadonlyMap<string, string> | ((arn: string) => string | undefined)) {
    this.lookup = typeof secrets === "function" ? secrets : (arn) => secrets.get(arn);
  }

  handle(operation: string, input: { SecretId?: string }): unknown {
    if (operation !== "GetSecretValue") throw new AwsServiceError("UnknownOperationException", `Secrets Manager ${operation} is not served locally`);
    const arn = String(input.SecretId);
    this.requested.push(arn);
    const secret = this.lookup(arn);
    if (secret === undefined) throw new AwsServiceError("ResourceNotFoundException", "Secrets Manager can't find the specified secret.");
    return { ARN: arn, Name: arn.split(":").pop(), SecretString: secret, VersionId: "local", VersionStages: ["AWSCURRENT"], CreatedDate: 0 };
  }
}
