/* eslint-disable
	@n8n/community-nodes/no-restricted-imports
	-- Test tooling, not part of the published package: n8n Cloud's rules for node code do not apply. */
/**
 * Loopback servers that fail in the ways a primary RongCloud domain can fail before a request
 * reaches it: a port nobody listens on, a TLS server whose certificate the client rejects, and a
 * plain-TCP server that answers garbage to the TLS ClientHello. Each one counts what it received,
 * so a test can prove that not a single byte of an HTTP request (let alone a body) got through.
 *
 * No dependencies and no `openssl`: the self-signed certificate is assembled in DER by hand and
 * signed with `node:crypto`.
 */
import { generateKeyPairSync, sign, type KeyObject } from 'node:crypto';
import { createServer as createTcpServer, type AddressInfo, type Server, type Socket } from 'node:net';
import {
	createSecureContext,
	createServer as createTlsServer,
	TLSSocket,
	type ConnectionOptions,
	type SecureVersion,
} from 'node:tls';
// The default import is the module object itself (not a namespace copy): trustCertificate() patches its `connect`.
import tls from 'node:tls';

/** A loopback port with nothing listening: connections to it are refused. */
export async function refusedPort(): Promise<number> {
	const server = createTcpServer();
	await listen(server);
	const { port } = server.address() as AddressInfo;
	await new Promise<void>((resolve) => server.close(() => resolve()));
	return port;
}

export interface FaultServer {
	/** `https://127.0.0.1:<port>` */
	readonly baseUrl: string;
	/** TCP connections accepted: proves the client did try this server. */
	readonly connections: number;
	/** Application bytes received after a completed TLS handshake (TLS server) or raw bytes (garbage server). */
	readonly bytes: Buffer;
	/** Handshakes that failed on the server side (TLS server only). */
	readonly tlsErrors: string[];
	close(): Promise<void>;
}

// ---------------------------------------------------------------------------------------
// A self-signed certificate in DER, by hand
// ---------------------------------------------------------------------------------------

function derLength(length: number): Buffer {
	if (length < 0x80) return Buffer.from([length]);
	const bytes: number[] = [];
	for (let rest = length; rest > 0; rest >>= 8) bytes.unshift(rest & 0xff);
	return Buffer.from([0x80 | bytes.length, ...bytes]);
}

const der = (tag: number, ...content: Buffer[]): Buffer => {
	const body = Buffer.concat(content);
	return Buffer.concat([Buffer.from([tag]), derLength(body.length), body]);
};
const sequence = (...content: Buffer[]) => der(0x30, ...content);
const set = (...content: Buffer[]) => der(0x31, ...content);

function oid(dotted: string): Buffer {
	const [first, second, ...rest] = dotted.split('.').map(Number);
	const bytes = [first * 40 + second];
	for (const value of rest) {
		const chunk = [value & 0x7f];
		for (let v = value >> 7; v > 0; v >>= 7) chunk.unshift((v & 0x7f) | 0x80);
		bytes.push(...chunk);
	}
	return der(0x06, Buffer.from(bytes));
}

function utcTime(date: Date): Buffer {
	const text = date.toISOString().replace(/[-:T]/g, '').slice(2, 14) + 'Z';
	return der(0x17, Buffer.from(text, 'ascii'));
}

/**
 * A PEM certificate for CN=`commonName` and the loopback names (localhost, 127.0.0.1), valid from an
 * hour ago for a day, signed by its own EC key: trusted by nobody unless a test says so.
 */
export function selfSignedCertificate(commonName = 'rongcloud-primary.test'): { cert: string; key: string } {
	const { publicKey, privateKey } = generateKeyPairSync('ec', { namedCurve: 'prime256v1' });
	const ecdsaWithSha256 = sequence(oid('1.2.840.10045.4.3.2'));
	const name = sequence(set(sequence(oid('2.5.4.3'), der(0x0c, Buffer.from(commonName, 'utf8')))));
	const now = Date.now();
	const tbs = sequence(
		der(0xa0, der(0x02, Buffer.from([0x02]))), // version v3
		der(0x02, Buffer.from([0x01, ...Array.from({ length: 8 }, () => Math.floor(Math.random() * 256))])),
		ecdsaWithSha256,
		name,
		sequence(utcTime(new Date(now - 3600_000)), utcTime(new Date(now + 86400_000))),
		name,
		publicKey.export({ type: 'spki', format: 'der' }),
		// subjectAltName: DNS localhost and IP 127.0.0.1, so the certificate fits a loopback URL.
		der(
			0xa3,
			sequence(
				sequence(
					oid('2.5.29.17'),
					der(0x04, sequence(der(0x82, Buffer.from('localhost', 'ascii')), der(0x87, Buffer.from([127, 0, 0, 1])))),
				),
			),
		),
	);
	const signature = sign('sha256', tbs, privateKey as KeyObject);
	const certificate = sequence(tbs, ecdsaWithSha256, der(0x03, Buffer.from([0x00]), signature));
	const base64 = certificate.toString('base64').replace(/.{1,64}/g, '$&\n');
	return {
		cert: `-----BEGIN CERTIFICATE-----\n${base64}-----END CERTIFICATE-----\n`,
		key: privateKey.export({ type: 'pkcs8', format: 'pem' }) as string,
	};
}

// ---------------------------------------------------------------------------------------
// Servers
// ---------------------------------------------------------------------------------------

async function listen(server: Server): Promise<void> {
	await new Promise<void>((resolve, reject) => {
		server.once('error', reject);
		server.listen(0, '127.0.0.1', () => {
			server.off('error', reject);
			resolve();
		});
	});
}

/** Listens on loopback and counts connections; `chunks` is where the server puts what it received. */
async function serve(server: Server, chunks: Buffer[], tlsErrors: string[] = []): Promise<FaultServer> {
	let connections = 0;
	const sockets = new Set<Socket>();
	server.on('connection', (socket: Socket) => {
		connections++;
		sockets.add(socket);
		socket.on('close', () => sockets.delete(socket));
		socket.on('error', () => undefined);
	});
	await listen(server);
	const { port } = server.address() as AddressInfo;
	return {
		baseUrl: `https://127.0.0.1:${port}`,
		get connections() {
			return connections;
		},
		get bytes() {
			return Buffer.concat(chunks);
		},
		tlsErrors,
		async close() {
			for (const socket of sockets) socket.destroy();
			await new Promise<void>((resolve) => server.close(() => resolve()));
		},
	};
}

/**
 * A real TLS server with a self-signed certificate: the client (which checks certificates, as it
 * must) aborts the handshake, so the HTTP request is never written.
 */
export async function startSelfSignedTlsServer(version: SecureVersion = 'TLSv1.3'): Promise<FaultServer> {
	const chunks: Buffer[] = [];
	const tlsErrors: string[] = [];
	const options = { ...selfSignedCertificate(), minVersion: version, maxVersion: version };
	const server = createTlsServer(options, (socket) => {
		socket.on('data', (chunk: Buffer) => chunks.push(chunk));
		socket.on('error', () => undefined);
	});
	server.on('tlsClientError', (error: Error) => tlsErrors.push((error as { code?: string }).code ?? error.message));
	return await serve(server, chunks, tlsErrors);
}

/** Plain TCP on an https:// URL: answers the ClientHello with an HTTP error page, and closes. */
export async function startGarbageTlsServer(): Promise<FaultServer> {
	const chunks: Buffer[] = [];
	const server = createTcpServer((socket) => {
		socket.once('data', () => socket.end('HTTP/1.1 400 Bad Request\r\nContent-Length: 0\r\n\r\n'));
		socket.on('data', (chunk: Buffer) => chunks.push(chunk));
	});
	return await serve(server, chunks);
}

export interface BreakingTlsServer extends FaultServer {
	/** Each complete HTTP request (head and body) the server decrypted before breaking the stream. */
	readonly requests: string[];
	/** The certificate to trust (see `trustCertificate`). */
	readonly cert: string;
}

/**
 * A TLS server with a proper handshake that reads a whole HTTP request (so it could have acted on
 * it) and then writes plain text into the encrypted stream, as a broken gateway would. The client
 * sees a TLS record error although the request was delivered: never a reason to re-send.
 */
export async function startTlsServerBreakingAfterRequest(): Promise<BreakingTlsServer> {
	const credentials = selfSignedCertificate();
	const chunks: Buffer[] = [];
	const requests: string[] = [];
	const server = createTcpServer((raw) => {
		const secure = new TLSSocket(raw, { isServer: true, secureContext: createSecureContext(credentials) });
		secure.on('error', () => undefined);
		let pending = Buffer.alloc(0);
		secure.on('data', (chunk: Buffer) => {
			chunks.push(chunk);
			pending = Buffer.concat([pending, chunk]);
			const headEnd = pending.indexOf('\r\n\r\n');
			if (headEnd < 0) return;
			const length = Number(/\r\ncontent-length:\s*(\d+)/i.exec(pending.subarray(0, headEnd).toString('latin1'))?.[1] ?? 0);
			if (pending.length < headEnd + 4 + length) return;
			requests.push(pending.toString('utf8'));
			raw.write('HTTP/1.1 502 Bad Gateway\r\nContent-Length: 0\r\n\r\n');
			secure.pause();
		});
	});
	// Object.assign keeps the getters of the served object (a spread would freeze them).
	return Object.assign(await serve(server, chunks), { requests, cert: credentials.cert });
}

/**
 * Makes this process's TLS clients (n8n's https agent included) trust `cert` as well as the
 * usual roots, until the returned function is called. Certificates are still checked.
 */
export function trustCertificate(cert: string): () => void {
	const original = tls.connect;
	const patched = (...args: unknown[]) => {
		const options = args.find((arg) => typeof arg === 'object' && arg !== null) as ConnectionOptions | undefined;
		if (options && options.ca === undefined) options.ca = [...tls.rootCertificates, cert];
		return (original as (...a: unknown[]) => TLSSocket)(...args);
	};
	tls.connect = patched as typeof tls.connect;
	return () => {
		tls.connect = original;
	};
}
