/**
 * Ready time: from just before spawn() to the first successful HTTP answer. The child listens on
 * port 0 and prints its endpoint; we then GET the health path (retrying briefly if the answer is
 * not yet a 200).
 */
import { get } from "node:http";
import { setTimeout as sleep } from "node:timers/promises";
import { spawnServer, type SpawnOptions } from "./spawn-server.js";

export interface ReadyTiming {
  /** Spawn → ready line on stdout. */
  readyLineMs: number;
  /** Spawn → first 200 from the health path. */
  answerMs: number;
}

function getOk(url: string): Promise<boolean> {
  return new Promise((resolve) => {
    const req = get(url, { agent: false }, (res) => {
      res.resume();
      res.on("end", () => resolve(res.statusCode === 200));
    });
    req.on("error", () => resolve(false));
    req.setTimeout(2000, () => req.destroy());
  });
}

export async function measureReady(options: SpawnOptions, healthPath: string): Promise<ReadyTiming> {
  const server = await spawnServer(options);
  try {
    for (let attempt = 0; attempt < 200; attempt++) {
      if (await getOk(server.endpoint + healthPath)) {
        return { readyLineMs: server.readyAt - server.spawnedAt, answerMs: performance.now() - server.spawnedAt };
      }
      await sleep(5);
    }
    throw new Error(`${server.endpoint}${healthPath} never answered 200`);
  } finally {
    await server.stop();
  }
}
