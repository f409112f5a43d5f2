/** What a delivery (one message to one subscription) needs, whatever the protocol. */
import type { Logger } from "../../../core/logger.js";
import type { ServiceClients } from "../../../core/clients.js";
import type { EnvelopeContext } from "../envelope.js";
import type { Subscription } from "../sns-registry.js";
import type { PublishedMessage } from "../types.js";

export interface Delivery {
  subscription: Subscription;
  message: PublishedMessage;
  envelope: EnvelopeContext;
}

export interface DeliveryDeps {
  clients: ServiceClients;
  logger: Logger;
  /** Sends what could not be delivered to the subscription's dead-letter queue, if it has one. */
  deadLetter(d: Delivery, reason: string): Promise<void>;
}

/** Hands one message to one subscriber; resolves once it is delivered or durably queued. */
export type Deliver = (d: Delivery) => Promise<void>;
