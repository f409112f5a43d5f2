/**
 * The machine's ceiling for the SQS benchmark: a bare node:http server, in its own process,
 * that does the least an SQS endpoint must do. It reads and parses each JSON request and answers
 * with a fixed-shape result the SDK accepts, with the right MD5 of the body actually sent, so the
 * SDK's MD5 check stays on and the load generator does exactly the same work as against Stratus.
 *
 * Answers (awsJson1_0, X-Amz-Target AmazonSQS.<Operation>):
 * - SendMessage → {MD5OfMessageBody, MessageId}
 * - SendMessageBatch → {Successful: [{Id, MessageId, MD5OfMessageBody}], Failed: []}
 * - ReceiveMessage → MaxNumberOfMessages fixed messages (the "queue" never runs dry)
 * - DeleteMessageBatch → every entry successful
 * - CreateQueue / GetQueueUrl → a queue URL on this server
 *
 * Prints `Bare ready on http://127.0.0.1:<port>` and exits on SIGTERM/SIGINT.
 */
import { createHash, randomUUID } from "node:crypto";
import { createServer } from "node:http";
import type { AddressInfo } from "node:net";

const md5 = (text: string) => createHash("md5").update(text, "utf8").digest("hex");
const FIXED_BODY = "x".repeat(100);
const FIXED_MD5 = md5(FIXED_BODY);
let endpoint = "";

type Input = Record<string, any>;

function answer(operation: string, input: Input): unknown {
  switch (operation) {
    case "SendMessage":
      return { MD5OfMessageBody: md5(String(input.MessageBody)), MessageId: randomUUID() };
    case "SendMessageBatch":
      return {
        Successful: (input.Entries as Input[]).map((e) => ({ Id: e.Id, MessageId: randomUUID(), MD5OfMessageBody: md5(String(e.MessageBody)) })),
        Failed: [],
      };
    case "ReceiveMessage": {
      const n = Math.min(10, Number(input.MaxNumberOfMessages ?? 1));
      return {
        Messages: Array.from({ length: n }, () => ({ MessageId: randomUUID(), ReceiptHandle: randomUUID(), MD5OfBody: FIXED_MD5, Body: FIXED_BODY })),
      };
    }
    case "DeleteMessageBatch":
      return { Successful: (input.Entries as Input[]).map((e) => ({ Id: e.Id })), Failed: [] };
    case "CreateQueue":
    case "GetQueueUrl":
      return { QueueUrl: `${endpoint}/000000000000/${String(input.QueueName)}` };
    default:
      return {};
  }
}

const server = createServer({ keepAliveTimeout: 65_000 }, (req, res) => {
  const chunks: Buffer[] = [];
  req.on("data", (c: Buffer) => chunks.push(c));
  req.on("end", () => {
    const target = String(req.headers["x-amz-target"] ?? "");
    const operation = target.slice(target.indexOf(".") + 1);
    let body: Buffer;
    try {
      const input = JSON.parse(Buffer.concat(chunks).toString("utf8") || "{}") as Input;
      body = Buffer.from(JSON.stringify(answer(operation, input)));
    } catch {
      res.writeHead(400, { "content-type": "application/x-amz-json-1.0" });
      res.end(JSON.stringify({ __type: "com.amazonaws.sqs#InvalidParameterValue", message: "bad request" }));
      return;
    }
    res.writeHead(200, { "content-type": "application/x-amz-json-1.0", "content-length": body.length, "x-amzn-requestid": randomUUID() });
    res.end(body);
  });
});

server.listen(0, "127.0.0.1", () => {
  endpoint = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  process.stdout.write(`Bare ready on ${endpoint}\n`);
});

const stop = () => {
  server.close(() => process.exit(0));
  server.closeAllConnections();
};
process.on("SIGTERM", stop);
process.on("SIGINT", stop);
