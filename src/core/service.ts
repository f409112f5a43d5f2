/**
 * The contract between the server and a service (DESIGN §4). A service module says which wire
 * protocols it speaks and carries its AWS model (the schemas exported by the AWS SDK client
 * package); its operations are plain async functions, one file each, that take the input shape
 * with AWS's member names and return the output shape.
 */
import type { IncomingMessage, ServerResponse } from "node:http";
import type { Clock } from "./clock.js";
import type { ServiceClients } from "./clients.js";
import type { ServerSettings } from "./settings.js";
import type { Logger } from "./logger.js";
import type { Scheduler } from "./scheduler.js";
import type { Database } from "../storage/sqlite/database.js";
import type { ProtocolRequest } from "../protocols/types.js";

export type ProtocolId = "awsJson1_0" | "awsJson1_1" | "awsQuery" | "restJson1";

/** The AWS model of one service: the `*$` schema exports of its SDK client package. */
export interface ServiceModel {
  /** Smithy namespace, e.g. `com.amazonaws.sqs`. */
  namespace: string;
  /** Operation schemas by operation name (`SendMessage` → `SendMessage$`). */
  operations: Record<string, unknown>;
  /** Error schemas by error shape name. */
  errors: Record<string, unknown>;
}

export interface RequestContext {
  requestId: string;
  accountId: string;
  region: string;
  /** Whether the request carried a signature (always, except for anonymous actions and unsigned clients of a server without credentials). */
  authenticated: boolean;
  /** `http://host:port` as the client addressed us (used to mint queue URLs). */
  endpoint: string;
  clock: Clock;
  logger: Logger;
  /** Aborted when the client goes away or the server shuts down (long polls listen to it). */
  signal: AbortSignal;
}

export type OperationHandler<S> = (input: any, ctx: RequestContext, state: S) => Promise<unknown> | unknown;

export interface ServiceDeps {
  clock: Clock;
  logger: Logger;
  db: Database;
  scheduler: Scheduler;
  /** The server's base endpoint, for resources minted outside a request. */
  endpoint: () => string;
  /** Where files live (Lambda code); undefined for an in-memory server (use a temp dir then). */
  dataDir?: string;
  /** Other services' in-process clients, filled in once every service is created. */
  clients: ServiceClients;
  settings: ServerSettings;
}

/** An answer to a read-only `GET /_stratus/<service>/…` request (logs, code downloads). */
export interface AdminAnswer {
  status: number;
  contentType: string;
  body: string | Buffer;
}

export interface ServiceRuntime {
  /** Called once storage is ready, before the server accepts requests. */
  start?(): Promise<void> | void;
  /** Called on shutdown after the listener closed. */
  stop?(): Promise<void> | void;
  /** Forget every resource (admin reset). */
  reset?(): Promise<void> | void;
  /** Puts this service's in-process client into the shared set (DESIGN §1). */
  provideClients?(clients: ServiceClients): void;
  /** Serves `GET /_stratus/<service id>/<path>`; undefined for "no such thing" (404). */
  adminGet?(path: string, query: URLSearchParams): Promise<AdminAnswer | undefined> | AdminAnswer | undefined;
  /**
   * Serves requests that are not AWS API calls but calls to what the service hosts (API
   * Gateway's deployed APIs); asked only when ServiceModule.ownsRequest said yes.
   */
  serveHttp?(req: IncomingMessage, res: ServerResponse): Promise<void>;
  /** A summary for `stratus status` and the health endpoint. */
  status?(): Record<string, unknown>;
}

export interface ServiceModule<S extends ServiceRuntime = ServiceRuntime> {
  /** AWS service id, also the folder name (`sqs`). */
  id: string;
  /** SigV4 signing name, used for service detection from the credential scope. */
  signingName: string;
  /** `X-Amz-Target` prefix for the JSON protocols (`AmazonSQS`). */
  targetPrefix?: string;
  protocols: ProtocolId[];
  /** awsQuery: the API version the service expects (`2012-11-05`) and its XML namespace. */
  query?: { version: string; xmlNamespace: string };
  /**
   * Query-compatible JSON services (SQS) send `x-amzn-query-error: <code>;Sender` so that
   * clients written for the query protocol see the same error codes.
   */
  awsQueryCompatible?: boolean;
  /**
   * awsQuery actions that may arrive unsigned even when credentials are enforced (SNS's
   * SubscribeURL and UnsubscribeURL); the operation finds its resource by the ARN it names.
   */
  anonymousActions?: string[];
  /** The errors a protocol validation failure turns into for this service. */
  validationErrors?: { missing: (member: string) => Error; invalid: (member: string, why: string) => Error };
  /**
   * Loads the service's model. The SDK client packages it comes from take tens of
   * milliseconds each to import, so they load after the server is listening (in the
   * background), not before; a request that arrives first waits for them.
   */
  loadModel: () => Promise<ServiceModel>;
  /**
   * awsQuery only: fill in parameters the client implied rather than sent (SQS clients may
   * post to the queue URL and leave `QueueUrl` out of the form).
   */
  prepareQueryParams?(params: Map<string, string>, req: ProtocolRequest, ctx: RequestContext): void;
  /** Whether a request is for what the service hosts (runtime.serveHttp), by its Host and path. */
  ownsRequest?(host: string | undefined, path: string): boolean;
  create(deps: ServiceDeps): S;
  operations: Record<string, OperationHandler<S>>;
}
