import type { INodeExecutionData, INodeParameters } from 'n8n-workflow';

import { RongCloudApi } from '../../credentials/RongCloudApi.credentials';
import { RongCloudBroadcast } from '../../nodes/RongCloudBroadcast/RongCloudBroadcast.node';
import { DEFAULT_APP_KEY, DEFAULT_APP_SECRET, type RongCloudEmulator } from './emulator';
import { runNode, type RunNodeResult } from './runNode';

export interface BroadcastRun {
	parameters: INodeParameters;
	items?: INodeExecutionData[];
	continueOnFail?: boolean;
	/** The node's Settings → Retry On Fail, as n8n's engine runs it. */
	retryOnFail?: { maxTries?: number };
	/** Overrides of the credential (region, baseUrl, backupBaseUrl, appSecret...). */
	credentials?: Record<string, string>;
	/** n8n's Retry of this failed run (runNode's `retryOf`): mode `retry`, its saved data, its items. */
	retryOf?: RunNodeResult;
	executionId?: string;
	/** Stopping the execution (n8n's Stop). */
	abortSignal?: AbortSignal;
}

/** The RongCloud Broadcast node's real execute(), signed by the real credential, against an emulator. */
export async function runBroadcast(emulator: RongCloudEmulator, run: BroadcastRun): Promise<RunNodeResult> {
	return await runNode({
		nodeType: new RongCloudBroadcast(),
		credentialTypes: [new RongCloudApi()],
		parameters: run.parameters,
		items: run.items,
		continueOnFail: run.continueOnFail,
		retryOnFail: run.retryOnFail,
		retryOf: run.retryOf,
		executionId: run.executionId,
		abortSignal: run.abortSignal,
		credentials: {
			appKey: DEFAULT_APP_KEY,
			appSecret: DEFAULT_APP_SECRET,
			region: 'custom',
			baseUrl: emulator.baseUrl,
			...run.credentials,
		},
	});
}

/** The output items' json of a run that must have succeeded. */
export function outputJson(result: RunNodeResult): Array<Record<string, unknown>> {
	if (result.error) throw result.error;
	return (result.output?.[0] ?? []).map((item) => item.json);
}
