import { Construct } from "constructs";
import { CloudwatchEventArchive } from "@cdktf/provider-aws/lib/cloudwatch-event-archive";
import { CloudwatchEventBus } from "@cdktf/provider-aws/lib/cloudwatch-event-bus";
import type { PolicyStatement } from "./iam";

export interface WebhookEventBusProps {
  /** Name of the bus; its archive is named after it. */
  readonly eventBusName: string;
  /** Days the archive keeps events for replay; 0 keeps them forever. */
  readonly archiveRetentionDays: number;
}

/**
 * The custom EventBridge bus verified deliveries are put on (source `webhooks.<source>`), with an
 * archive of every event so any period can be replayed to the bus.
 */
export class WebhookEventBus extends Construct {
  readonly bus: CloudwatchEventBus;
  readonly archive: CloudwatchEventArchive;

  constructor(scope: Construct, id: string, props: WebhookEventBusProps) {
    super(scope, id);
    this.bus = new CloudwatchEventBus(this, "bus", { name: props.eventBusName });
    this.archive = new CloudwatchEventArchive(this, "archive", {
      name: `${props.eventBusName}-archive`,
      description: `Every event on ${props.eventBusName}, for replay`,
      eventSourceArn: this.bus.arn,
      retentionDays: props.archiveRetentionDays,
    });
  }

  get putEventsStatement(): PolicyStatement {
    return { Effect: "Allow", Action: ["events:PutEvents"], Resource: this.bus.arn };
  }
}
