import type { INodeProperties, INodePropertyCollection } from 'n8n-workflow';

/**
 * A parameter's path ("options.os", "pushExt.pushConfigs.HW.image") as the editor labels it
 * ("Options → Push Notification OS"), so that an error names the field a user sees; undefined
 * when the path is no parameter of these properties.
 */
export function labelOf(properties: INodeProperties[], path: string): string | undefined {
	const labels: string[] = [];
	let current: INodeProperties[] = properties;
	const segments = path.split('.');
	for (let index = 0; index < segments.length; index++) {
		const property = current.find((candidate) => candidate.name === segments[index] && candidate.type !== 'notice');
		if (!property) return labels.length ? labels.join(' → ') : undefined;
		labels.push(property.displayName);
		if (property.type === 'collection') {
			current = (property.options ?? []) as INodeProperties[];
		} else if (property.type === 'fixedCollection') {
			const group = ((property.options ?? []) as INodePropertyCollection[]).find((candidate) => candidate.name === segments[index + 1]);
			if (!group) break;
			labels.push(group.displayName);
			index++;
			current = group.values;
		} else {
			break;
		}
	}
	return labels.join(' → ');
}
