/**
 * The part of JSON Schema the node's output schemas use (and n8n's built-in nodes use in theirs):
 * `type` (one name or a list), `properties`, `required` and `items`. A keyword outside this subset
 * is an error here, so a schema cannot quietly rely on something this check ignores.
 */
export interface JsonSchema {
	type: string | string[];
	description?: string;
	properties?: Record<string, JsonSchema>;
	required?: string[];
	items?: JsonSchema;
}

const KNOWN_KEYWORDS = new Set(['type', 'description', 'properties', 'required', 'items']);
const KNOWN_TYPES = new Set(['object', 'array', 'string', 'integer', 'number', 'boolean', 'null']);

function typeOf(value: unknown): string[] {
	if (value === null) return ['null'];
	if (Array.isArray(value)) return ['array'];
	if (typeof value === 'number') return Number.isInteger(value) ? ['integer', 'number'] : ['number'];
	return [typeof value];
}

/** Where `value` breaks `schema`, one line per problem; empty when it conforms. */
export function schemaViolations(schema: JsonSchema, value: unknown, path = '$'): string[] {
	const unknownKeywords = Object.keys(schema).filter((key) => !KNOWN_KEYWORDS.has(key));
	if (unknownKeywords.length) return [`${path}: the schema uses ${unknownKeywords.join(', ')}, which this check does not know`];
	const allowed = Array.isArray(schema.type) ? schema.type : [schema.type];
	const unknownTypes = allowed.filter((type) => !KNOWN_TYPES.has(type));
	if (unknownTypes.length) return [`${path}: the schema names the type ${unknownTypes.join(', ')}, which JSON Schema does not have`];
	const actual = typeOf(value);
	if (!actual.some((type) => allowed.includes(type))) {
		return [`${path}: ${JSON.stringify(value)} is ${actual[0]}, the schema says ${allowed.join(' or ')}`];
	}
	const problems: string[] = [];
	if (actual[0] === 'object' && typeof value === 'object' && value !== null) {
		const object = value as Record<string, unknown>;
		for (const key of schema.required ?? []) {
			if (!(key in object)) problems.push(`${path}: "${key}" is required and missing`);
		}
		for (const [key, propertySchema] of Object.entries(schema.properties ?? {})) {
			if (key in object) problems.push(...schemaViolations(propertySchema, object[key], `${path}.${key}`));
		}
	}
	if (actual[0] === 'array' && schema.items) {
		(value as unknown[]).forEach((entry, index) => problems.push(...schemaViolations(schema.items as JsonSchema, entry, `${path}[${index}]`)));
	}
	return problems;
}

/** Keys of an output item the schema does not describe: the editor would not offer them before a run. */
export function undescribedKeys(schema: JsonSchema, item: Record<string, unknown>): string[] {
	return Object.keys(item).filter((key) => !(key in (schema.properties ?? {})));
}
