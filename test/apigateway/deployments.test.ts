/**
 * Deployments and stages through the APIGatewayClient: a deployment snapshots the API (its
 * apiSummary), CreateDeployment with a stageName creates or moves that stage, stages carry
 * variables, and the rules AWS enforces on deleting.
 */
import { after, before, test } from "node:test";
import assert from "node:assert/strict";
import {
  APIGatewayClient,
  CreateDeploymentCommand,
  CreateResourceCommand,
  CreateRestApiCommand,
  CreateStageCommand,
  DeleteDeploymentCommand,
  DeleteStageCommand,
  GetDeploymentsCommand,
  GetStageCommand,
  GetStagesCommand,
  PutIntegrationCommand,
  PutMethodCommand,
} from "@aws-sdk/client-api-gateway";
import { fails, startStratus } from "../helpers/stratus.js";
import { gatewayClient } from "./support.js";

type Server = Awaited<ReturnType<typeof startStratus>>;
let server: Server;
let gw: APIGatewayClient;
before(async () => {
  server = await startStratus();
  gw = gatewayClient(server);
});
after(() => server.stop());

test("deploy to a stage, add a stage, move a stage, delete in AWS's order", async () => {
  const api = await gw.send(new CreateRestApiCommand({ name: "deployed" }));
  await fails(gw.send(new CreateDeploymentCommand({ restApiId: api.id, stageName: "dev" })), "BadRequestException", "The REST API doesn't contain any methods");
  const r = await gw.send(new CreateResourceCommand({ restApiId: api.id, parentId: api.rootResourceId, pathPart: "hello" }));
  await gw.send(new PutMethodCommand({ restApiId: api.id, resourceId: r.id, httpMethod: "GET", authorizationType: "NONE", apiKeyRequired: true }));
  await fails(gw.send(new CreateDeploymentCommand({ restApiId: api.id, stageName: "dev" })), "BadRequestException", "No integration defined for method");
  await gw.send(new PutIntegrationCommand({ restApiId: api.id, resourceId: r.id, httpMethod: "GET", type: "MOCK", requestTemplates: { "application/json": '{"statusCode": 200}' } }));

  const d1 = await gw.send(new CreateDeploymentCommand({ restApiId: api.id, stageName: "dev", variables: { backend: "one" }, description: "first" }));
  assert.match(d1.id!, /^[a-z0-9]{10}$/);
  assert.deepEqual(d1.apiSummary, { "/hello": { GET: { authorizationType: "NONE", apiKeyRequired: true } } });
  const dev = await gw.send(new GetStageCommand({ restApiId: api.id, stageName: "dev" }));
  assert.deepEqual([dev.deploymentId, dev.variables, dev.cacheClusterEnabled, dev.cacheClusterStatus], [d1.id, { backend: "one" }, false, "NOT_AVAILABLE"]);

  const prod = await gw.send(new CreateStageCommand({ restApiId: api.id, stageName: "prod", deploymentId: d1.id, variables: { backend: "two" } }));
  assert.equal(prod.deploymentId, d1.id);
  await fails(gw.send(new CreateStageCommand({ restApiId: api.id, stageName: "prod", deploymentId: d1.id })), "ConflictException", "Stage already exists", 409);

  const d2 = await gw.send(new CreateDeploymentCommand({ restApiId: api.id, stageName: "dev" }));
  assert.equal((await gw.send(new GetStageCommand({ restApiId: api.id, stageName: "dev" }))).deploymentId, d2.id, "the stage moved to the new deployment");
  assert.deepEqual((await gw.send(new GetStagesCommand({ restApiId: api.id }))).item!.map((s) => s.stageName).sort(), ["dev", "prod"]);
  assert.equal((await gw.send(new GetDeploymentsCommand({ restApiId: api.id }))).items!.length, 2);

  await fails(gw.send(new DeleteDeploymentCommand({ restApiId: api.id, deploymentId: d1.id })), "BadRequestException", "Active stages pointing to this deployment must be moved or deleted");
  await gw.send(new DeleteStageCommand({ restApiId: api.id, stageName: "prod" }));
  await gw.send(new DeleteDeploymentCommand({ restApiId: api.id, deploymentId: d1.id }));
  assert.deepEqual((await gw.send(new GetDeploymentsCommand({ restApiId: api.id }))).items!.map((d) => d.id), [d2.id]);
  await fails(gw.send(new GetStageCommand({ restApiId: api.id, stageName: "prod" })), "NotFoundException", "Invalid stage identifier specified", 404);
});
