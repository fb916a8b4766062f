/* eslint-disable
	@n8n/community-nodes/no-restricted-globals,
	@n8n/community-nodes/no-restricted-imports,
	@n8n/community-nodes/require-node-api-error
	-- Test tooling, not part of the published package: n8n Cloud's rules for node code do not apply. */
/**
 * Run a node's real `execute()` inside n8n's own execution context.
 *
 * `this.getNodeParameter`, expressions, `this.getCredentials`, `this.continueOnFail()` and
 * `this.helpers.httpRequestWithAuthentication` are n8n-core's `ExecuteContext` on a real
 * n8n-workflow `Workflow`, built the way `WorkflowExecute.executeNode` builds it. Only
 * `additionalData` is ours, and its `credentialsHelper` mirrors what n8n's CLI
 * CredentialsHelper does (defaults, expressions in credential data, `authenticate` as a
 * function or a `generic` description, `preAuthentication` with an expirable property).
 *
 * The workflow is `Input → <node under test>`: the given items are the output of a run of the
 * `Input` node, so `$json`, `$input`, `$('Input').item` and paired items resolve as they would
 * after a trigger.
 */
import { AsyncLocalStorage } from 'node:async_hooks';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import { Logger } from '@n8n/backend-common';
import type { InstanceSettingsConfig } from '@n8n/config';
import { Container } from '@n8n/di';
import { ExecuteContext, InstanceSettings } from 'n8n-core';
import {
	createRunExecutionData,
	LoggerProxy,
	Node,
	NodeConnectionTypes,
	NodeHelpers,
	Workflow,
	type CloseFunction,
	type ICredentialDataDecryptedObject,
	type ICredentialsExpressionResolveValues,
	type ICredentialsHelper,
	type ICredentialType,
	type IDataObject,
	type IExecuteData,
	type IHttpRequestHelper,
	type IHttpRequestOptions,
	type INode,
	type INodeCredentialsDetails,
	type INodeExecutionData,
	type INodeParameters,
	type INodeProperties,
	type INodeType,
	type INodeTypes,
	type IRequestOptionsSimplified,
	type IRunExecutionData,
	type IVersionedNodeType,
	type IWorkflowExecuteAdditionalData,
	type Logger as WorkflowLogger,
	type NodeExecutionHint,
	type WorkflowExecuteMode,
} from 'n8n-workflow';

export interface CapturedLog {
	level: 'error' | 'warn' | 'info' | 'debug';
	message: string;
	meta?: unknown;
}

export interface RunNodeOptions {
	nodeType: INodeType | IVersionedNodeType;
	/** Every credential type the node may use; looked up by `name` (parents via `extends` too). */
	credentialTypes: ICredentialType[];
	parameters: INodeParameters;
	/** Data of the node's credential (its first `description.credentials` entry). Omit to run without one. */
	credentials?: ICredentialDataDecryptedObject;
	/** Input items; default `[{ json: {} }]`. */
	items?: INodeExecutionData[];
	/** Sets `onError: 'continueRegularOutput'`, which is what `continueOnFail()` reads. */
	continueOnFail?: boolean;
	/** Default: the highest version the node type declares. */
	typeVersion?: number;
	/** Default: `description.defaults.name`. */
	nodeName?: string;
	/** Default `manual` (a "Test step" click in the editor). */
	mode?: WorkflowExecuteMode;
	/** Aborting it cancels in-flight `httpRequest` calls, as stopping an execution does. */
	abortSignal?: AbortSignal;
	/** The node's Settings → Retry On Fail, run the way n8n's engine runs it (see `runWithRetries`). */
	retryOnFail?: { maxTries?: number };
	/** Default `harness-execution`. */
	executionId?: string;
	/** From this try of Retry On Fail on (1 is the first), the credential cannot be read (deleted, or its key changed). */
	credentialsUnreadableFromAttempt?: number;
	/**
	 * n8n's Retry of a failed execution (execution.service.js `retry()`, 1.x and 2.x): a new
	 * execution in mode `retry`, started from what n8n saved of the failed one (here: its
	 * `savedExecution`, a JSON copy as the database holds it), with the failed node's input items
	 * taken from that saved data. The failed run's output and error are dropped, as n8n drops them.
	 */
	retryOf?: RunNodeResult;
	/**
	 * Default true: `savedExecution` is filled. False where the copy would not fit in one string
	 * (the memory benchmark's 1,000 items of 128 KB, held as input, body and encoded body).
	 */
	saveExecution?: boolean;
}

export interface RunNodeResult {
	output?: INodeExecutionData[][];
	error?: Error;
	/** Everything logged through n8n's logger (LoggerProxy and the DI `Logger`) during this run. */
	logs: CapturedLog[];
	/** Hints the node added with `this.addExecutionHints()`. */
	hints: NodeExecutionHint[];
	/** The node exactly as it was placed in the workflow (parameters with n8n's defaults applied). */
	node: INode;
	/** Credential writes (`updateCredentials`) the node or its credential made. */
	credentialUpdates: Array<{ type: string; data: ICredentialDataDecryptedObject }>;
	/** How many times `execute()` ran: more than 1 only with `retryOnFail`. */
	attempts: number;
	/** The execution data as n8n saves it when the execution ends (a JSON copy): what a Retry starts from. */
	savedExecution?: IRunExecutionData;
}

/** What n8n's additional data always carries and expressions read (`$execution.resumeUrl`...). */
export const INSTANCE_URLS = {
	restApiUrl: 'http://localhost:5678/rest',
	instanceBaseUrl: 'http://localhost:5678/',
	formWaitingBaseUrl: 'http://localhost:5678/form-waiting',
	webhookBaseUrl: 'http://localhost:5678/webhook',
	webhookWaitingBaseUrl: 'http://localhost:5678/webhook-waiting',
	webhookTestBaseUrl: 'http://localhost:5678/webhook-test',
	variables: {},
};

/** Name of the upstream node whose output the input items are. */
export const INPUT_NODE_NAME = 'Input';
/** Package prefix of the node type, as n8n names community nodes (`<package>.<name>`). */
export const NODE_TYPE_PREFIX = 'n8n-nodes-rongcloud';
const INPUT_NODE_TYPE = 'n8n-nodes-rongcloud-harness.input';
const CREDENTIAL_ID = 'harness-credential-id';

// ---------------------------------------------------------------------------------------
// Process-wide n8n setup (once per module registry, i.e. once per jest test file)
// ---------------------------------------------------------------------------------------

/** Routes each log line to the run it belongs to; concurrent runs do not mix their logs. */
const logScope = new AsyncLocalStorage<CapturedLog[]>();

const captureLogger = {
	error: (message: string, meta?: unknown) => logScope.getStore()?.push({ level: 'error', message, meta }),
	warn: (message: string, meta?: unknown) => logScope.getStore()?.push({ level: 'warn', message, meta }),
	info: (message: string, meta?: unknown) => logScope.getStore()?.push({ level: 'info', message, meta }),
	debug: (message: string, meta?: unknown) => logScope.getStore()?.push({ level: 'debug', message, meta }),
	/** n8n services ask the DI logger for scoped children; one sink is enough here. */
	scoped: () => captureLogger,
};

let initialized = false;

/**
 * Jest hands each test file its own copy of `process`, whose 'exit' never fires, so under jest
 * the folders go when the test file's tests are done (outside jest, at process exit).
 */
const harnessFolders: string[] = [];
if (typeof afterAll === 'function') {
	afterAll(() => {
		for (const folder of harnessFolders.splice(0)) rmSync(folder, { recursive: true, force: true });
	});
}

export function initializeN8n(): void {
	// Re-pointed on every run: another test may have initialised LoggerProxy in between.
	LoggerProxy.init(captureLogger as WorkflowLogger);
	if (initialized) return;
	initialized = true;
	// `this.logger` in nodes and n8n-core's request helpers log through the DI Logger, not
	// LoggerProxy. Registering ours first also keeps the real (winston) one from being built.
	Container.set(Logger, captureLogger as unknown as Logger);
	{
		// Every execution context reads InstanceSettings from the container; the real one would
		// create ~/.n8n/config. Same class, but pointed at a throw-away folder. (`Container.has`
		// cannot tell: it is true for every @Service class, instantiated or not.)
		const folder = mkdtempSync(join(tmpdir(), 'n8n-harness-'));
		harnessFolders.push(folder);
		process.once('exit', () => rmSync(folder, { recursive: true, force: true }));
		const config = {
			n8nFolder: folder,
			userHome: folder,
			encryptionKey: 'harness-encryption-key',
			enforceSettingsFilePermissions: true,
		} as InstanceSettingsConfig;
		Container.set(InstanceSettings, new InstanceSettings(config, captureLogger as unknown as Logger));
	}
}

// ---------------------------------------------------------------------------------------
// Node types and credentials
// ---------------------------------------------------------------------------------------

/** Stands in for the trigger the items came from; never executed. */
const inputNodeType: INodeType = {
	description: {
		displayName: 'Input',
		name: 'input',
		group: ['input'],
		version: 1,
		description: 'Source of the harness input items',
		defaults: { name: INPUT_NODE_NAME },
		inputs: [],
		outputs: [NodeConnectionTypes.Main],
		properties: [],
	},
};

export class HarnessNodeTypes implements INodeTypes {
	constructor(private readonly types: Record<string, INodeType | IVersionedNodeType>) {}

	getByName(nodeType: string): INodeType | IVersionedNodeType {
		const type = this.types[nodeType];
		if (!type) throw new Error(`Unknown node type: ${nodeType}`);
		return type;
	}

	getByNameAndVersion(nodeType: string, version?: number): INodeType {
		return NodeHelpers.getVersionedNodeType(this.getByName(nodeType), version);
	}

	getKnownTypes(): IDataObject {
		return {};
	}
}

export class HarnessCredentialsHelper implements ICredentialsHelper {
	readonly updates: Array<{ type: string; data: ICredentialDataDecryptedObject }> = [];

	constructor(
		private readonly types: Map<string, ICredentialType>,
		private readonly data: ICredentialDataDecryptedObject | undefined,
		private readonly unreadable: () => boolean = () => false,
	) {}

	private type(name: string): ICredentialType {
		const type = this.types.get(name);
		if (!type) throw new Error(`Unknown credential type: ${name} (pass it in credentialTypes)`);
		return type;
	}

	/**
	 * n8n's runtime guard: a credential type may restrict itself to the nodes it lists. n8n names
	 * a package's supported nodes with the package prefix, as it names the node types, and adds
	 * the AI tool variant (`<name>Tool`) of each when it generates the tools (copyCredentialSupport).
	 */
	isCredentialUsableByNode(credentialType: string, nodeType: string): boolean {
		const type = this.types.get(credentialType);
		if (type?.restrictToSupportedNodes !== true) return true;
		const supported = (type.supportedNodes ?? []).flatMap((name) => [`${NODE_TYPE_PREFIX}.${name}`, `${NODE_TYPE_PREFIX}.${name}Tool`]);
		return supported.includes(nodeType);
	}

	getParentTypes(name: string): string[] {
		const parents = this.type(name).extends ?? [];
		return parents.flatMap((parent) => [parent, ...(this.types.has(parent) ? this.getParentTypes(parent) : [])]);
	}

	/** Own properties override inherited ones of the same name, as in n8n. */
	getCredentialsProperties(type: string): INodeProperties[] {
		const own = this.type(type).properties;
		const inherited = (this.type(type).extends ?? [])
			.filter((parent) => this.types.has(parent))
			.flatMap((parent) => this.getCredentialsProperties(parent));
		return [...inherited.filter((p) => !own.some((o) => o.name === p.name)), ...own];
	}

	async getDecrypted(
		_additionalData: IWorkflowExecuteAdditionalData,
		_nodeCredentials: INodeCredentialsDetails,
		type: string,
		mode: WorkflowExecuteMode,
		executeData?: IExecuteData,
		raw?: boolean,
		expressionResolveValues?: ICredentialsExpressionResolveValues,
	): Promise<ICredentialDataDecryptedObject> {
		if (this.data === undefined) throw new Error('runNode: no credential data was given');
		// n8n's own words when a credential cannot be decrypted.
		if (this.unreadable()) throw new Error('Credentials could not be decrypted. The likely reason is that a different "encryptionKey" was used to encrypt the data.');
		// A copy per call: a node that mutates what it gets must not change the next call's data.
		const original = structuredClone(this.data);
		if (raw === true) return original;
		// Like n8n: fill in the credential type's defaults, then resolve `=` expressions.
		let decrypted = NodeHelpers.getNodeParameters(
			this.getCredentialsProperties(type),
			original as INodeParameters,
			true,
			false,
			null,
			null,
		) as ICredentialDataDecryptedObject;
		if (expressionResolveValues) {
			const { workflow, runExecutionData, runIndex, itemIndex, node, connectionInputData } = expressionResolveValues;
			decrypted = workflow.expression.getParameterValue(
				decrypted as INodeParameters,
				runExecutionData,
				runIndex,
				itemIndex,
				node.name,
				connectionInputData,
				mode,
				{},
				executeData,
				false,
				decrypted,
			) as ICredentialDataDecryptedObject;
		}
		return decrypted;
	}

	async authenticate(
		credentials: ICredentialDataDecryptedObject,
		typeName: string,
		requestOptions: IHttpRequestOptions | IRequestOptionsSimplified,
		workflow: Workflow,
		node: INode,
	): Promise<IHttpRequestOptions> {
		const { authenticate } = this.type(typeName);
		if (typeof authenticate === 'function') {
			return await authenticate(credentials, requestOptions as IHttpRequestOptions);
		}
		if (authenticate?.type === 'generic') {
			requestOptions.headers ??= {};
			const target = requestOptions as unknown as Record<string, Record<string, unknown>>;
			for (const [outerKey, entries] of Object.entries(authenticate.properties)) {
				for (const [key, value] of Object.entries(entries as Record<string, unknown>)) {
					const resolvedKey = this.resolve(key, credentials, workflow, node);
					target[outerKey] ??= {};
					target[outerKey][resolvedKey] = this.resolve(value, credentials, workflow, node);
				}
			}
		}
		return requestOptions as IHttpRequestOptions;
	}

	/** n8n resolves `={{$credentials.x}}` in generic auth with only `$credentials` available. */
	private resolve(value: unknown, credentials: ICredentialDataDecryptedObject, workflow: Workflow, node: INode): string {
		if (typeof value !== 'string' || !value.startsWith('=')) return value as string;
		const resolved = workflow.expression.getSimpleParameterValue(
			node,
			value,
			'internal',
			{ $credentials: credentials } as IDataObject,
			undefined,
			'',
		);
		return resolved ? String(resolved) : '';
	}

	async preAuthentication(
		helpers: IHttpRequestHelper,
		credentials: ICredentialDataDecryptedObject,
		typeName: string,
		_node: INode,
		credentialsExpired: boolean,
	): Promise<ICredentialDataDecryptedObject | undefined> {
		const type = this.type(typeName);
		const expirable = type.properties.find((p) => p.type === 'hidden' && p.typeOptions?.expirable === true);
		if (expirable === undefined || typeof type.preAuthentication !== 'function') return undefined;
		if (credentials[expirable.name] !== '' && !credentialsExpired) return undefined;
		const output = await type.preAuthentication.call(helpers, credentials);
		if (output[expirable.name] === undefined) {
			throw new Error(`preAuthentication of ${typeName} did not return ${expirable.name}`);
		}
		await this.updateCredentials({ id: CREDENTIAL_ID, name: typeName }, typeName, {
			...credentials,
			...output,
		} as ICredentialDataDecryptedObject);
		return Object.assign(credentials, output);
	}

	/** What n8n's OAuth helpers call to refresh a token; no questions asked about expiry. */
	async runPreAuthentication(
		helpers: IHttpRequestHelper,
		credentials: ICredentialDataDecryptedObject,
		typeName: string,
	): Promise<ICredentialDataDecryptedObject | undefined> {
		const type = this.type(typeName);
		if (typeof type.preAuthentication !== 'function') return undefined;
		return ((await type.preAuthentication.call(helpers, credentials)) ?? undefined) as
			| ICredentialDataDecryptedObject
			| undefined;
	}

	async getCredentials(): Promise<never> {
		throw new Error('runNode: getCredentials (encrypted credential objects) is not supported by the harness');
	}

	async updateCredentials(
		_nodeCredentials: INodeCredentialsDetails,
		type: string,
		data: ICredentialDataDecryptedObject,
	): Promise<void> {
		this.updates.push({ type, data: structuredClone(data) });
	}

	async updateCredentialsOauthTokenData(
		nodeCredentials: INodeCredentialsDetails,
		type: string,
		data: ICredentialDataDecryptedObject,
	): Promise<void> {
		await this.updateCredentials(nodeCredentials, type, data);
	}
}

// ---------------------------------------------------------------------------------------
// runNode
// ---------------------------------------------------------------------------------------

function defaultVersion(nodeType: INodeType | IVersionedNodeType): number {
	if ('nodeVersions' in nodeType) return nodeType.currentVersion;
	const { version } = nodeType.description;
	return Array.isArray(version) ? Math.max(...version) : version;
}

function toError(error: unknown): Error {
	return error instanceof Error ? error : new Error(String(error));
}

/** Never throws: whatever `execute()` (or the setup) throws comes back as `error`. */
export async function runNode(options: RunNodeOptions): Promise<RunNodeResult> {
	const logs: CapturedLog[] = [];
	const result: RunNodeResult = {
		logs,
		hints: [],
		node: undefined as unknown as INode,
		credentialUpdates: [],
		attempts: 0,
	};
	await logScope.run(logs, async () => {
		try {
			await execute(options, result);
		} catch (error) {
			result.error = toError(error);
		}
	});
	return result;
}

async function execute(options: RunNodeOptions, result: RunNodeResult): Promise<void> {
	initializeN8n();
	const { nodeType } = options;
	const typeVersion = options.typeVersion ?? defaultVersion(nodeType);
	const description = NodeHelpers.getVersionedNodeType(nodeType, typeVersion).description;
	const typeName = `${NODE_TYPE_PREFIX}.${description.name}`;
	const nodeName = options.nodeName ?? description.defaults.name ?? description.displayName;
	if (nodeName === INPUT_NODE_NAME) throw new Error(`runNode: the node cannot be named "${INPUT_NODE_NAME}"`);

	const credentialName = description.credentials?.[0]?.name;
	const saved = options.retryOf?.savedExecution;
	if (options.retryOf && !saved) throw new Error('runNode: retryOf needs a run that saved its execution data');
	const savedItems = saved?.executionData?.nodeExecutionStack[0]?.data.main[0] ?? undefined;
	const items: INodeExecutionData[] = (savedItems ?? options.items ?? ([{ json: {} }] as INodeExecutionData[])).map((item, index) => ({
		...item,
		pairedItem: item.pairedItem ?? { item: index },
	}));

	const inputNode: INode = {
		id: 'harness-input',
		name: INPUT_NODE_NAME,
		type: INPUT_NODE_TYPE,
		typeVersion: 1,
		position: [0, 0],
		parameters: {},
	};
	const node: INode = {
		id: 'harness-node',
		name: nodeName,
		type: typeName,
		typeVersion,
		position: [200, 0],
		parameters: structuredClone(options.parameters),
		...(options.continueOnFail ? { onError: 'continueRegularOutput' as const } : {}),
		...(options.retryOnFail ? { retryOnFail: true, maxTries: options.retryOnFail.maxTries, waitBetweenTries: 0 } : {}),
		...(credentialName && options.credentials
			? { credentials: { [credentialName]: { id: CREDENTIAL_ID, name: `${credentialName} (harness)` } } }
			: {}),
	};

	const workflow = new Workflow({
		id: 'harness-workflow',
		name: 'runNode harness',
		nodes: [inputNode, node],
		connections: {
			[INPUT_NODE_NAME]: { main: [[{ node: nodeName, type: NodeConnectionTypes.Main, index: 0 }]] },
		},
		active: false,
		nodeTypes: new HarnessNodeTypes({ [typeName]: nodeType, [INPUT_NODE_TYPE]: inputNodeType }),
		staticData: {},
		settings: {},
	});
	// The Workflow constructor filled in the parameter defaults; report what n8n really used.
	const placedNode = workflow.getNode(nodeName) as INode;
	result.node = placedNode;

	const inputData = { main: [items] };
	const executeData: IExecuteData = {
		node: placedNode,
		data: inputData,
		source: { main: [{ previousNode: INPUT_NODE_NAME, previousNodeOutput: 0, previousNodeRun: 0 }] },
	};
	const runExecutionData = createRunExecutionData({
		resultData: {
			runData: {
				[INPUT_NODE_NAME]: [
					{
						startTime: Date.now(),
						executionIndex: 0,
						executionTime: 0,
						executionStatus: 'success',
						source: [],
						data: { main: [items] },
					},
				],
			},
			lastNodeExecuted: INPUT_NODE_NAME,
		},
		executionData: { nodeExecutionStack: [executeData], contextData: structuredClone(saved?.executionData?.contextData ?? {}) },
	});
	const mode: WorkflowExecuteMode = options.retryOf ? 'retry' : (options.mode ?? 'manual');
	// The node's earlier runs, as n8n's Retry hands them over: the failed last run dropped.
	const savedRuns = saved?.resultData.runData[nodeName];
	if (savedRuns) {
		const kept = savedRuns.at(-1)?.error !== undefined ? savedRuns.slice(0, -1) : savedRuns;
		runExecutionData.resultData.runData[nodeName] = kept;
	}
	// As WorkflowExecute counts it: the node's runs so far.
	const runIndex = runExecutionData.resultData.runData[nodeName]?.length ?? 0;

	const credentialTypes = new Map(options.credentialTypes.map((type) => [type.name, type]));
	const unreadableFrom = options.credentialsUnreadableFromAttempt;
	const credentialsHelper = new HarnessCredentialsHelper(
		credentialTypes,
		options.credentials,
		() => unreadableFrom !== undefined && result.attempts >= unreadableFrom,
	);
	const unsupported = (what: string) => () => {
		throw new Error(`runNode: ${what} is not supported by the harness`);
	};
	const additionalData = {
		credentialsHelper,
		executeWorkflow: unsupported('executeWorkflow'),
		getRunExecutionData: unsupported('getRunExecutionData'),
		executionId: options.executionId ?? 'harness-execution',
		currentNodeExecutionIndex: 0,
		...INSTANCE_URLS,
		logAiEvent: () => {},
		startRunnerTask: unsupported('startRunnerTask'),
	} as unknown as IWorkflowExecuteAdditionalData;

	// What WorkflowExecute.executeNode does, minus the engine around it: a fresh context per
	// attempt, always on the same executeData and input, as n8n's retry loop hands them over.
	const executable = workflow.nodeTypes.getByNameAndVersion(typeName, typeVersion);
	const attempt = async (): Promise<INodeExecutionData[][]> => {
		result.attempts++;
		const closeFunctions: CloseFunction[] = [];
		const context = new ExecuteContext(
			workflow,
			placedNode,
			additionalData,
			mode,
			runExecutionData,
			runIndex,
			items,
			inputData,
			executeData,
			closeFunctions,
			options.abortSignal,
		);
		let output: INodeExecutionData[][] | undefined;
		let failedClose: PromiseRejectedResult | undefined;
		try {
			if (executable instanceof Node && executable.execute) {
				output = (await executable.execute(context)) as INodeExecutionData[][];
			} else if (executable.execute) {
				output = (await executable.execute.call(context)) as INodeExecutionData[][];
			} else {
				throw new Error(`runNode: node type ${typeName} has no execute()`);
			}
		} finally {
			result.hints = context.hints;
			result.credentialUpdates = credentialsHelper.updates;
			const closing = await Promise.allSettled(closeFunctions.map(async (close) => await close()));
			failedClose = closing.find((c): c is PromiseRejectedResult => c.status === 'rejected');
		}
		// Reached only when execute() returned: its own error wins over a failing close function.
		if (failedClose) throw toError(failedClose.reason);
		return output;
	};
	const startTime = Date.now();
	let failure: Error | undefined;
	try {
		result.output = placedNode.retryOnFail === true ? await runWithRetries(placedNode, attempt) : await attempt();
	} catch (error) {
		failure = toError(error);
		throw error;
	} finally {
		// The node's run, as WorkflowExecute records it after the node (a failed one with its error).
		const runs = (runExecutionData.resultData.runData[nodeName] ??= []);
		runs.push({
			startTime,
			executionIndex: 1,
			executionTime: Date.now() - startTime,
			executionStatus: failure ? 'error' : 'success',
			source: [{ previousNode: INPUT_NODE_NAME }],
			...(failure ? { error: { message: failure.message } as never } : { data: { main: result.output ?? [] } }),
		});
		runExecutionData.resultData.lastNodeExecuted = nodeName;
		// Saved whether the run failed or not, as n8n saves a failed execution for its Retry button
		// (not when a test hands the node input that refers to itself, which n8n could never store).
		if (options.saveExecution !== false) {
			try {
				result.savedExecution = JSON.parse(JSON.stringify(runExecutionData)) as IRunExecutionData;
			} catch {
				result.savedExecution = undefined;
			}
		}
	}
}

/**
 * n8n's engine (WorkflowExecute, the same in 1.x and 2.x) for a node with Retry On Fail: between
 * 2 and 5 tries (default 3); a try that throws is followed by the next, and so is a try whose
 * first output item carries `json.error` (what Continue On Fail produces). The wait between tries
 * is left out: only the order of the tries matters here.
 */
async function runWithRetries(
	node: INode,
	attempt: () => Promise<INodeExecutionData[][]>,
): Promise<INodeExecutionData[][]> {
	const maxTries = Math.min(5, Math.max(2, node.maxTries || 3));
	const firstItemFailed = (output: INodeExecutionData[][]) => output?.[0]?.[0]?.json?.error !== undefined;
	let lastError: unknown;
	for (let tryIndex = 0; tryIndex < maxTries; tryIndex++) {
		try {
			let output = await attempt();
			while (firstItemFailed(output) && tryIndex !== maxTries - 1) {
				output = await attempt();
				tryIndex++;
			}
			return output;
		} catch (error) {
			lastError = error;
		}
	}
	throw lastError;
}
