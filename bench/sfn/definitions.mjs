// The two workloads of bench:sfn (issue 5): a chain of 100 Pass states, and a Map over 1,000
// items whose iterations are one Pass state each. Plain JavaScript so that the in-process peer
// (run by bench/sfn/peer.mjs) and the Stratus runs (bench/sfn/run.ts) share them.
export function definitions() {
  const states = {};
  for (let i = 0; i < 100; i++) states[`S${i}`] = i < 99 ? { Type: "Pass", Next: `S${i + 1}` } : { Type: "Pass", End: true };
  const items = Array.from({ length: 1000 }, (_, i) => ({ id: i }));
  return [
    { name: "pass-chain-100", definition: { StartAt: "S0", States: states }, input: { value: 1 }, transitions: 100 },
    {
      name: "map-1000",
      definition: { StartAt: "M", States: { M: { Type: "Map", ItemsPath: "$.items", ItemProcessor: { ProcessorConfig: { Mode: "INLINE" }, StartAt: "P", States: { P: { Type: "Pass", End: true } } }, End: true } } },
      input: { items },
      // The Map state and one Pass state per item.
      transitions: 1001,
    },
  ];
}
