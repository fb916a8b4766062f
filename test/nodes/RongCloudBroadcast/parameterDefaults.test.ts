import type { INodeProperties, INodePropertyOptions } from 'n8n-workflow';

import { RongCloudApi } from '../../../credentials/RongCloudApi.credentials';
import { RongCloudBroadcast } from '../../../nodes/RongCloudBroadcast/RongCloudBroadcast.node';
import { walkProperties as walk } from '../../support/walkProperties';

// n8n's node lint checks defaults only where it can read the option list in the source; most lists
// here are generated from tables, so this walks what n8n really receives.

const sources: Array<[string, INodeProperties[]]> = [
	['node', new RongCloudBroadcast().description.properties],
	['credential', new RongCloudApi().properties],
];

it('the node has option lists to check, nested ones included', () => {
	const lists = walk(sources[0][1]).filter(({ property }) => property.type === 'options');
	expect(lists.length).toBeGreaterThan(10);
	expect(lists.some(({ path }) => path.includes(' > '))).toBe(true);
});

describe.each(sources)('every %s parameter has a default n8n can use', (_source, properties) => {
	const all = walk(properties);

	it.each(all.map(({ path, property }) => [path, property] as const))('%s declares a default', (_path, property) => {
		expect(property).toHaveProperty('default');
		expect(property.default).not.toBeUndefined();
	});

	const optionLists = all.filter(({ property }) => property.type === 'options' || property.type === 'multiOptions');
	if (optionLists.length === 0) return;
	it.each(optionLists.map(({ path, property }) => [path, property] as const))(
		'%s: the default is one of its options',
		(_path, property) => {
			const values = ((property.options ?? []) as INodePropertyOptions[]).map((option) => option.value);
			const defaults = property.type === 'multiOptions' ? (property.default as unknown[]) : [property.default];
			for (const value of defaults) expect(values).toContainEqual(value);
		},
	);
});
