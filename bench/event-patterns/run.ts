/**
 * On-demand benchmark of the event-pattern engine (src/core/event-patterns), in process, no
 * server: `node --import tsx bench/event-patterns/run.ts`.
 *
 * The question it answers: can a topic with 1,000 filtered subscriptions publish thousands of
 * messages a second? It compiles 1,000 SNS filter policies of mixed shapes (exact strings,
 * prefix, numeric ranges, anything-but, equals-ignore-case, exists, $or), for both scopes, and
 * matches a stream of messages against all of them three ways:
 * - naive: every compiled pattern's `matches(event)` (each flattens the event itself);
 * - flat once: the event flattened once, then every pattern's `matchesFlat`;
 * - PatternSet: flattened once, patterns indexed by the exact strings they require.
 * Figures: messages per second and pattern evaluations per second (messages × policies).
 * All three must agree on every message, which the run checks. Settings: BENCH_POLICIES
 * (1000), BENCH_MESSAGES (2000), BENCH_SECONDS per measurement (2).
 */
import { describeMachine } from "../lib/machine.js";
import { compilePattern, flattenEvent, PatternSet, snsAttributesEvent, snsBodyEvent, type CompiledPattern, type FilterPolicyScope, type MessageAttributeInput } from "../../src/core/event-patterns/index.js";

const POLICIES = Number(process.env.BENCH_POLICIES ?? 1000);
const MESSAGES = Number(process.env.BENCH_MESSAGES ?? 2000);
const SECONDS = Number(process.env.BENCH_SECONDS ?? 2);
const STORES = 200;
type Shape = "mixed" | "fan-out";
const EVENTS = ["order_placed", "order_cancelled", "order_shipped", "refund_issued"];
const SPORTS = ["rugby", "soccer", "hockey", "tennis", "golf"];

/** A deterministic generator, so runs compare. */
function rng(seed: number): () => number {
  let s = seed >>> 0;
  return () => ((s = (Math.imul(s, 1664525) + 1013904223) >>> 0) / 2 ** 32);
}

/**
 * Policy i, in MessageAttributes form; the body form nests the same under "order".
 * "mixed": six shapes, most of them matching often (about 1 message in 6 reaches each policy).
 * "fan-out": each subscription takes its own store (plus a price floor), as when one topic
 * serves many tenants; about one policy matches each message.
 */
function policy(i: number, shape: Shape): Record<string, unknown> {
  if (shape === "fan-out") return { store: [`store-${i}`], price_usd: [{ numeric: [">=", 0] }] };
  const store = `store-${i % STORES}`;
  switch (i % 6) {
    case 0:
      return { store: [store], event: [EVENTS[i % 4], EVENTS[(i + 1) % 4]] };
    case 1:
      return { store: [{ prefix: `store-${i % 20}` }], price_usd: [{ numeric: [">=", i % 500, "<", (i % 500) + 100] }] };
    case 2:
      return { customer_interests: [SPORTS[i % 5], SPORTS[(i + 2) % 5]], store: [{ "anything-but": [store, `store-${(i + 1) % STORES}`] }] };
    case 3:
      return { $or: [{ store: [store] }, { event: [{ "equals-ignore-case": EVENTS[i % 4].toUpperCase() }] }] };
    case 4:
      return { event: [EVENTS[i % 4]], coupon: [{ exists: false }], price_usd: [{ numeric: [">", 100] }] };
    default:
      return { store: [store, `store-${(i + 7) % STORES}`], customer_interests: [{ suffix: "y" }], event: [{ "anything-but": { prefix: "refund" } }] };
  }
}

function nested(p: Record<string, unknown>): Record<string, unknown> {
  if (Array.isArray(p.$or)) return { $or: (p.$or as Record<string, unknown>[]).map((alt) => ({ order: alt })) };
  return { order: p };
}

interface Message {
  attributes: Record<string, MessageAttributeInput>;
  body: string;
}

function messages(n: number, shape: Shape): Message[] {
  const r = rng(42);
  const out: Message[] = [];
  const stores = shape === "fan-out" ? POLICIES : STORES;
  for (let i = 0; i < n; i++) {
    const store = `store-${Math.floor(r() * stores)}`;
    const event = EVENTS[Math.floor(r() * 4)];
    const price = Math.round(r() * 100_000) / 100;
    const interests = SPORTS.filter(() => r() < 0.4);
    const coupon = r() < 0.3 ? `C${i}` : undefined;
    const attributes: Record<string, MessageAttributeInput> = {
      store: { DataType: "String", StringValue: store },
      event: { DataType: "String", StringValue: event },
      price_usd: { DataType: "Number", StringValue: String(price) },
      customer_interests: { DataType: "String.Array", StringValue: JSON.stringify(interests) },
    };
    if (coupon) attributes.coupon = { DataType: "String", StringValue: coupon };
    const order = { store, event, price_usd: price, customer_interests: interests, ...(coupon ? { coupon } : {}), lines: [{ sku: "a", qty: 1 }] };
    out.push({ attributes, body: JSON.stringify({ order, note: "x".repeat(200) }) });
  }
  return out;
}

/** Runs `fn` over the messages for about SECONDS; messages per second. */
function measure(msgs: Message[], fn: (m: Message) => number): { perSecond: number; matched: number } {
  for (let i = 0; i < Math.min(200, msgs.length); i++) fn(msgs[i]); // warm-up
  let done = 0;
  let matched = 0;
  const start = process.hrtime.bigint();
  const budget = BigInt(Math.round(SECONDS * 1e9));
  while (process.hrtime.bigint() - start < budget) {
    for (let i = 0; i < 100; i++) matched += fn(msgs[done++ % msgs.length]);
  }
  const seconds = Number(process.hrtime.bigint() - start) / 1e9;
  return { perSecond: done / seconds, matched: matched / done };
}

function run(shape: Shape, scope: FilterPolicyScope): void {
  const msgs = messages(MESSAGES, shape);
  const t0 = process.hrtime.bigint();
  const compiled: CompiledPattern[] = [];
  for (let i = 0; i < POLICIES; i++) {
    const p = scope === "MessageBody" ? nested(policy(i, shape)) : policy(i, shape);
    compiled.push(compilePattern(JSON.stringify(p), { mode: "sns", scope }));
  }
  const compileMs = Number(process.hrtime.bigint() - t0) / 1e6;
  const set = new PatternSet<number>();
  compiled.forEach((c, i) => set.add(i, c));
  const eventOf = (m: Message) => (scope === "MessageBody" ? snsBodyEvent(m.body) : snsAttributesEvent(m.attributes));

  // The three ways must agree before their speed means anything.
  for (const m of msgs.slice(0, 300)) {
    const event = eventOf(m);
    const naive = compiled.flatMap((c, i) => (c.matches(event) ? [i] : []));
    const viaSet = set.matching(event);
    if (naive.join() !== viaSet.join()) throw new Error(`PatternSet disagrees on ${m.body}: ${naive} vs ${viaSet}`);
  }

  const naive = measure(msgs, (m) => {
    const event = eventOf(m);
    let n = 0;
    for (const c of compiled) if (c.matches(event)) n++;
    return n;
  });
  const flatOnce = measure(msgs, (m) => {
    const event = eventOf(m);
    if (!event) return 0;
    const flat = flattenEvent(event);
    let n = 0;
    for (const c of compiled) if (c.matchesFlat(flat)) n++;
    return n;
  });
  const indexed = measure(msgs, (m) => set.matching(eventOf(m)).length);

  console.log(`\n${shape} policies, ${scope}: ${POLICIES} policies compiled in ${compileMs.toFixed(1)} ms (${((compileMs * 1000) / POLICIES).toFixed(1)} µs each); ${indexed.matched.toFixed(1)} match per message on average`);
  console.log("| way | messages/s | evaluations/s (messages × policies) |");
  console.log("|---|---:|---:|");
  for (const [name, r] of [["naive (each pattern flattens)", naive], ["flattened once", flatOnce], ["PatternSet (indexed)", indexed]] as const) {
    console.log(`| ${name} | ${Math.round(r.perSecond).toLocaleString("en-US")} | ${Math.round(r.perSecond * POLICIES).toLocaleString("en-US")} |`);
  }
}

const machine = describeMachine(process.cwd());
console.log(`event-patterns benchmark — ${machine.cpuModel}, ${machine.cores} cores, Node ${machine.node}, ${machine.date}, ${machine.commit}`);
console.log(`${POLICIES} SNS filter policies, ${MESSAGES} distinct messages, ${SECONDS} s per figure, one thread`);
for (const shape of ["mixed", "fan-out"] as const) {
  run(shape, "MessageAttributes");
  run(shape, "MessageBody");
}
