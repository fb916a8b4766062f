import type { IExecuteFunctions, INodeExecutionData, NodeOperationError } from 'n8n-workflow';

import type { Operation, PreparedCall } from '../shared/operation';
import type { Connection, RongCloudRequest } from '../transport/types';
import type { DeliveryRecord } from './deliveryRecord';
import type { DeliveredItem } from './runProgress';

/** One item, checked and ready: its request as the credential's API generation takes it. */
export interface ItemCall {
	/** The operation's call in v1's shape, which a listed-user send writes again per request. */
	prepared: PreparedCall;
	request: RongCloudRequest;
	dryRun: boolean;
	sendAgainOnRetry: boolean;
	summary: PreparedCall['summary'];
	expectedResults: string[];
	warnings: string[];
}

/** What this attempt of the node has done so far, for the words of a run that stops. */
export interface RunState {
	inSubWorkflow: boolean;
	delivered: DeliveredItem[];
	/** Items not sent again, with the error that says why, held until the other items are done. */
	notResent: Array<{ itemIndex: number; error: NodeOperationError }>;
}

/** Everything a run of the node works with, once every item is checked. */
export interface Run {
	ctx: IExecuteFunctions;
	operation: Operation;
	items: INodeExecutionData[];
	calls: Array<ItemCall | Error>;
	connection: Connection;
	record: DeliveryRecord;
	state: RunState;
	stopSignal?: AbortSignal;
}
