/** The services a Stratus server runs by default. */
import type { ServiceModule } from "../core/service.js";
import { apiGatewayService } from "./apigateway/index.js";
import { lambdaService } from "./lambda/index.js";
import { snsService } from "./sns/index.js";
import { sqsService } from "./sqs/index.js";
import { statesService } from "./states/index.js";

export function builtInServices(): ServiceModule[] {
  return [sqsService as unknown as ServiceModule, lambdaService as unknown as ServiceModule, snsService as unknown as ServiceModule, statesService as unknown as ServiceModule, apiGatewayService as unknown as ServiceModule];
}
