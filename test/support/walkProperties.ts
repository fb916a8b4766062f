import type { INodeProperties, INodePropertyCollection } from 'n8n-workflow';

/** A parameter and where it sits: `pushExt > pushConfigs > HW > importance`. */
export interface LocatedProperty {
	path: string;
	property: INodeProperties;
}

/**
 * Every parameter of a node or credential as n8n receives it, nested ones included (a collection's
 * options, each fixedCollection group's values): most lists here are generated from tables, so
 * tests walk what n8n really gets rather than what a lint can read in the source.
 */
export function walkProperties(properties: INodeProperties[], parent = ''): LocatedProperty[] {
	return properties.flatMap((property) => {
		const path = parent ? `${parent} > ${property.name}` : property.name;
		const here: LocatedProperty = { path, property };
		if (property.type === 'collection') {
			return [here, ...walkProperties((property.options ?? []) as INodeProperties[], path)];
		}
		if (property.type === 'fixedCollection') {
			const groups = (property.options ?? []) as INodePropertyCollection[];
			return [here, ...groups.flatMap((group) => walkProperties(group.values, `${path} > ${group.name}`))];
		}
		return [here];
	});
}
