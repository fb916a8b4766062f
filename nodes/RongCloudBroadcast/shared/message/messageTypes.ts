import { CHAT_MESSAGE_TYPES } from './chatTypes';
import { NOTIFICATION_TYPES } from './notificationTypes';
import type { MessageType } from './types';

/**
 * Built-in types a client renders from typed fields, in the order users meet them: chat
 * messages (chatTypes.ts), then notifications and commands (notificationTypes.ts).
 */
export const MESSAGE_TYPES: Record<string, MessageType> = { ...CHAT_MESSAGE_TYPES, ...NOTIFICATION_TYPES };

export const CUSTOM_OBJECT_NAME = 'custom';
/** Message Type choice for a built-in type the list does not have; its name goes in builtInObjectName. */
export const OTHER_BUILT_IN_OBJECT_NAME = 'otherBuiltIn';
export const BUILT_IN_PREFIX = 'RC:';

export const USER_KEYS = ['id', 'name', 'portrait', 'extra'] as const;
/** The listed built-in type of that name; a lookup that never reaches Object.prototype (toString, __proto__). */
export function builtInType(objectName: string): MessageType | undefined {
	return Object.hasOwn(MESSAGE_TYPES, objectName) ? MESSAGE_TYPES[objectName] : undefined;
}

