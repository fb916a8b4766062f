/**
 * Content of every built-in type a client renders from typed fields, complete and displayable, as
 * the suites about reading and checking message content give it: in fields mode, and as it must
 * arrive (numbers as numbers, nothing the user did not give).
 */
import { NodeOperationError, type INodeExecutionData, type INodeParameters } from 'n8n-workflow';

import { PATHS, type RongCloudEmulator } from './emulator';
import { outputJson, runBroadcast } from './runBroadcast';

export const THUMBNAIL = '/9j/4AAQSkZJRgABAQ==';

/** Complete, displayable content for each media and notification type, in fields mode. */
export const VALID_FIELDS: Record<string, INodeParameters> = {
	'RC:ImgMsg': { imageUri: 'https://cdn.example.com/a.jpg', thumbnail: THUMBNAIL },
	'RC:GIFMsg': { remoteUrl: 'https://cdn.example.com/a.gif', gifDataSize: 20480, width: 120, height: 80 },
	'RC:HQVCMsg': { remoteUrl: 'https://cdn.example.com/a.aac', duration: 7 },
	'RC:FileMsg': { name: 'report.pdf', size: 0, type: 'pdf', fileUrl: 'https://cdn.example.com/report.pdf' },
	'RC:SightMsg': { thumbnail: THUMBNAIL, sightUrl: 'https://cdn.example.com/a.mp4', duration: 12, size: 1048576, name: 'clip.mp4' },
	'RC:LBSMsg': { latitude: -33.86, longitude: 151.2, poi: 'Sydney Opera House' },
	'RC:CmdNtf': { name: 'refresh' },
	'RC:CmdMsg': { name: 'refresh', data: '{"id":7}' },
	'RC:ContactNtf': { contentOperation: 'Request', sourceUserId: 'u1', targetUserId: 'u2', message: 'Hi, I am Ann' },
	'RC:ProfileNtf': { contentOperation: 'update' },
};

/** The same content as it must arrive: numbers as numbers, nothing the user did not give. */
export const VALID_CONTENT: Record<string, Record<string, unknown>> = {
	'RC:ImgMsg': { imageUri: 'https://cdn.example.com/a.jpg', content: THUMBNAIL },
	'RC:GIFMsg': { remoteUrl: 'https://cdn.example.com/a.gif', gifDataSize: 20480, width: 120, height: 80 },
	'RC:HQVCMsg': { remoteUrl: 'https://cdn.example.com/a.aac', duration: 7 },
	'RC:FileMsg': { name: 'report.pdf', size: 0, type: 'pdf', fileUrl: 'https://cdn.example.com/report.pdf' },
	'RC:SightMsg': { content: THUMBNAIL, sightUrl: 'https://cdn.example.com/a.mp4', duration: 12, size: 1048576, name: 'clip.mp4' },
	'RC:LBSMsg': { latitude: -33.86, longitude: 151.2, poi: 'Sydney Opera House' },
	'RC:CmdNtf': { name: 'refresh' },
	'RC:CmdMsg': { name: 'refresh', data: '{"id":7}' },
	'RC:ContactNtf': { operation: 'Request', sourceUserId: 'u1', targetUserId: 'u2', message: 'Hi, I am Ann' },
	'RC:ProfileNtf': { operation: 'update' },
};

export const fieldsSend = (objectName: string, patch: INodeParameters = {}): INodeParameters => ({
	operation: 'send',
	fromUserId: 'system',
	objectName,
	contentMode: 'fields',
	...VALID_FIELDS[objectName],
	...patch,
});

export const jsonSend = (objectName: string, content: unknown): INodeParameters => ({
	operation: 'send',
	fromUserId: 'system',
	objectName,
	contentMode: 'json',
	content: typeof content === 'string' ? content : JSON.stringify(content),
});

/** A send that must be accepted (its content as the emulator received it) or refused before anything leaves (its message). */
export function contentRuns(emulator: RongCloudEmulator): {
	sentContent: (parameters: INodeParameters, items?: INodeExecutionData[]) => Promise<Record<string, unknown>>;
	refusal: (parameters: INodeParameters, items?: INodeExecutionData[]) => Promise<string>;
} {
	return {
		async sentContent(parameters, items) {
			const result = await runBroadcast(emulator, { parameters, items });
			outputJson(result);
			const [request] = emulator.requestsTo(PATHS.broadcast);
			expect(request.response?.status).toBe(200);
			return JSON.parse(request.form!.content) as Record<string, unknown>;
		},
		async refusal(parameters, items) {
			const result = await runBroadcast(emulator, { parameters, items });
			expect(result.error).toBeInstanceOf(NodeOperationError);
			expect(emulator.requests).toHaveLength(0);
			return result.error!.message;
		},
	};
}
