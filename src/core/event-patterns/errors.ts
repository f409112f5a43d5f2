/**
 * The error a pattern that AWS would refuse raises, carrying AWS's exact words.
 *
 * AWS's services compile patterns with event-ruler and wrap its sentence:
 * - SNS (SetSubscriptionAttributes): `Invalid parameter: FilterPolicy: <reason><location>`;
 *   Subscribe, where the policy came in the Attributes map, puts `Attributes Reason: ` after
 *   `Invalid parameter: `. The scope check has no `FilterPolicy: `:
 *   `Invalid parameter: Filter policy scope MessageAttributes does not support nested filter policy`.
 * - EventBridge: `Event pattern is not valid. Reason: <reason><location>`.
 * `<location>` is Jackson's `\n at [Source: (String)"…"; line: 1, column: 28]` for errors found
 * while reading the JSON, and absent for the checks made afterwards (complexity, CIDR).
 * Messages as recorded against AWS in LocalStack's snapshot tests (tests/aws/services/sns/
 * test_sns_filter_policy.snapshot.json, tests/aws/services/events/test_events_patterns.snapshot.json).
 */
import type { PatternMode } from "./modes.js";

const SNS_PREFIX = "Invalid parameter: ";
const SNS_SUBSCRIBE_PREFIX = "Invalid parameter: Attributes Reason: ";
const EVENTBRIDGE_PREFIX = "Event pattern is not valid. Reason: ";

export class EventPatternError extends Error {
  /** The error code the service answers with. */
  readonly code: "InvalidParameter" | "InvalidEventPatternException";
  /**
   * SNS: everything after "Invalid parameter: " (`FilterPolicy: Filter policy is too complex`);
   * EventBridge: everything after "Event pattern is not valid. Reason: ".
   */
  readonly detail: string;

  constructor(
    readonly mode: PatternMode,
    /** event-ruler's sentence, e.g. `Unrecognized match type prefox`. */
    readonly reason: string,
    /** Jackson's location suffix (`\n at [Source: …]`), or "". */
    readonly location = "",
    /** SNS only: the sentence is not about the FilterPolicy attribute's content (scope check). */
    bare = false,
  ) {
    const detail = mode === "sns" && !bare ? `FilterPolicy: ${reason}${location}` : `${reason}${location}`;
    super(mode === "sns" ? SNS_PREFIX + detail : EVENTBRIDGE_PREFIX + detail);
    this.name = "EventPatternError";
    this.code = mode === "sns" ? "InvalidParameter" : "InvalidEventPatternException";
    this.detail = detail;
  }

  /** SNS Subscribe's message, for a policy given in Subscribe's Attributes. */
  get subscribeMessage(): string {
    return SNS_SUBSCRIBE_PREFIX + this.detail;
  }
}

export function isEventPatternError(err: unknown): err is EventPatternError {
  return err instanceof EventPatternError;
}
