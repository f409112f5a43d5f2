/**
 * Who is calling. Without configured credentials any signature is accepted and the account is
 * read from the access key (DESIGN §2). With credentials configured, every request must carry
 * a valid SigV4 signature from one of them, and the account is that credential's account.
 */
import { ServiceError } from "../core/errors.js";
import { accountFromAccessKey, DEFAULT_REGION } from "../core/ids.js";
import type { Clock } from "../core/clock.js";
import type { ProtocolRequest } from "../protocols/types.js";
import type { CredentialScope } from "./credential-scope.js";
import { verifySignature } from "./sigv4.js";
import type { Credential } from "../core/settings.js";

export type { Credential };

export interface Caller {
  accountId: string;
  region: string;
  accessKeyId?: string;
}

export class Authenticator {
  private readonly byKey: Map<string, Credential>;

  constructor(
    credentials: Credential[],
    private readonly clock: Clock,
    private readonly defaultRegion = DEFAULT_REGION,
  ) {
    this.byKey = new Map(credentials.map((c) => [c.accessKeyId, c]));
  }

  get enforcing(): boolean {
    return this.byKey.size > 0;
  }

  /** The caller of an action that needs no signature (see ServiceModule.anonymousActions). */
  anonymous(): Caller {
    return { accountId: accountFromAccessKey(undefined), region: this.defaultRegion };
  }

  authenticate(req: ProtocolRequest, scope: CredentialScope | undefined): Caller {
    const region = scope?.region ?? this.defaultRegion;
    if (!this.enforcing) return { accountId: accountFromAccessKey(scope?.accessKeyId), region, accessKeyId: scope?.accessKeyId };
    if (!scope) throw new ServiceError("MissingAuthenticationToken", "Request is missing Authentication Token", { status: 403, queryCode: "MissingAuthenticationToken" });
    const credential = this.byKey.get(scope.accessKeyId);
    if (!credential) throw new ServiceError("InvalidClientTokenId", "The security token included in the request is invalid.", { status: 403 });
    verifySignature(req, scope, credential.secretAccessKey, this.clock.now());
    return { accountId: credential.accountId, region, accessKeyId: credential.accessKeyId };
  }
}
