/**
 * AWS Step Functions over awsJson1_0 (`X-Amz-Target: AWSStepFunctions.*`), driven by the
 * model in @aws-sdk/client-sfn. https://docs.aws.amazon.com/step-functions/latest/apireference/
 * State machines and Standard executions so far (see LIMITATIONS.md).
 */
import type { ServiceModule } from "../../core/service.js";
import { modelFromSdkExports } from "../../protocols/smithy/shapes.js";
import { StatesErrors } from "./errors.js";
import { createActivity, deleteActivity, describeActivity, getActivityTask, listActivities } from "./operations/activities.js";
import { createStateMachineAlias, deleteStateMachineAlias, describeStateMachineAlias, listStateMachineAliases, updateStateMachineAlias } from "./operations/aliases.js";
import { createStateMachine } from "./operations/create-state-machine.js";
import { deleteStateMachineVersion, listStateMachineVersions, publishStateMachineVersion } from "./operations/versions.js";
import { deleteStateMachine } from "./operations/delete-state-machine.js";
import { describeStateMachine } from "./operations/describe-state-machine.js";
import { listStateMachines } from "./operations/list-state-machines.js";
import { listTagsForResource, tagResource, untagResource } from "./operations/tags.js";
import { updateStateMachine } from "./operations/update-state-machine.js";
import { validateStateMachineDefinition } from "./operations/validate-state-machine-definition.js";
import { describeExecution } from "./operations/describe-execution.js";
import { describeStateMachineForExecution } from "./operations/describe-state-machine-for-execution.js";
import { getExecutionHistory } from "./operations/get-execution-history.js";
import { listExecutions } from "./operations/list-executions.js";
import { startExecution } from "./operations/start-execution.js";
import { startSyncExecution } from "./operations/start-sync-execution.js";
import { stopExecution } from "./operations/stop-execution.js";
import { redriveExecution } from "./operations/redrive-execution.js";
import { testState } from "./operations/test-state.js";
import { describeMapRun, listMapRuns, updateMapRun } from "./operations/map-runs.js";
import { sendTaskFailure, sendTaskHeartbeat, sendTaskSuccess } from "./operations/task-callbacks.js";
import { StatesService } from "./states-service.js";

export const statesService: ServiceModule<StatesService> = {
  id: "states",
  signingName: "states",
  targetPrefix: "AWSStepFunctions",
  protocols: ["awsJson1_0"],
  loadModel: async () => modelFromSdkExports("com.amazonaws.sfn", (await import("@aws-sdk/client-sfn")) as unknown as Record<string, unknown>),
  validationErrors: {
    missing: (member) => StatesErrors.validation(`1 validation error detected: Value null at '${member}' failed to satisfy constraint: Member must not be null`),
    invalid: (member, why) => StatesErrors.validation(`1 validation error detected: Value at '${member}' failed to satisfy constraint: ${why}`),
  },
  create: (deps) => new StatesService(deps),
  operations: {
    CreateStateMachine: createStateMachine,
    DescribeStateMachine: describeStateMachine,
    UpdateStateMachine: updateStateMachine,
    DeleteStateMachine: deleteStateMachine,
    ListStateMachines: listStateMachines,
    TagResource: tagResource,
    UntagResource: untagResource,
    ListTagsForResource: listTagsForResource,
    ValidateStateMachineDefinition: validateStateMachineDefinition,
    StartExecution: startExecution,
    StartSyncExecution: startSyncExecution,
    DescribeExecution: describeExecution,
    DescribeStateMachineForExecution: describeStateMachineForExecution,
    ListExecutions: listExecutions,
    GetExecutionHistory: getExecutionHistory,
    StopExecution: stopExecution,
    RedriveExecution: redriveExecution,
    TestState: testState,
    PublishStateMachineVersion: publishStateMachineVersion,
    ListStateMachineVersions: listStateMachineVersions,
    DeleteStateMachineVersion: deleteStateMachineVersion,
    CreateStateMachineAlias: createStateMachineAlias,
    DescribeStateMachineAlias: describeStateMachineAlias,
    UpdateStateMachineAlias: updateStateMachineAlias,
    DeleteStateMachineAlias: deleteStateMachineAlias,
    ListStateMachineAliases: listStateMachineAliases,
    CreateActivity: createActivity,
    DescribeActivity: describeActivity,
    DeleteActivity: deleteActivity,
    ListActivities: listActivities,
    GetActivityTask: getActivityTask,
    SendTaskSuccess: sendTaskSuccess,
    SendTaskFailure: sendTaskFailure,
    SendTaskHeartbeat: sendTaskHeartbeat,
    DescribeMapRun: describeMapRun,
    ListMapRuns: listMapRuns,
    UpdateMapRun: updateMapRun,
  },
};
