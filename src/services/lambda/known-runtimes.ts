/**
 * The runtime identifiers AWS's Lambda API accepts (the SDK's Runtime enum), for layers'
 * CompatibleRuntimes. Filled in when the service's model loads (index.ts), which happens
 * before any request is handled; the SDK package is not imported at start-up for it.
 */
let runtimes: readonly string[] = [];

export function setKnownRuntimes(values: readonly string[]): void {
  runtimes = values;
}

export function knownRuntimes(): readonly string[] {
  return runtimes;
}
