/*
 * Preloaded into every n8n process of the e2e suite (NODE_OPTIONS=--require ...).
 *
 * The machine has no internet, and the suite must prove n8n is configured not to try: any DNS
 * lookup of a name that is not loopback, and any TCP connection to an address that is not
 * loopback, fails at once with ECONNREFUSED and is appended as one JSON line to the file named
 * by E2E_NET_GUARD_LOG (when set). The runner reads that file to report what tried to go out.
 */
'use strict';

const dns = require('node:dns');
const net = require('node:net');
const fs = require('node:fs');

const logFile = process.env.E2E_NET_GUARD_LOG;

function isLoopbackHost(host) {
	if (host === undefined || host === null || host === '') return true;
	const h = String(host).toLowerCase().replace(/^\[|\]$/g, '');
	return (
		h === 'localhost' ||
		h.endsWith('.localhost') ||
		h === '::1' ||
		h === '0:0:0:0:0:0:0:1' ||
		/^127\./.test(h) ||
		/^::ffff:127\./.test(h) ||
		h === '0.0.0.0' ||
		h === '::'
	);
}

function record(kind, host, port) {
	if (!logFile) return;
	const stack = (new Error().stack || '')
		.split('\n')
		.slice(3, 9)
		.map((l) => l.trim())
		.join(' | ');
	try {
		fs.appendFileSync(
			logFile,
			JSON.stringify({ at: new Date().toISOString(), pid: process.pid, kind, host, port, stack }) + '\n',
		);
	} catch {
		// Never let the guard break the process it guards.
	}
}

function refused(host) {
	const error = new Error(`e2e net-guard: no network here (${host})`);
	error.code = 'ECONNREFUSED';
	error.errno = -111;
	error.syscall = 'connect';
	error.hostname = host;
	return error;
}

const originalLookup = dns.lookup;
dns.lookup = function guardedLookup(hostname, options, callback) {
	if (typeof options === 'function') {
		callback = options;
		options = {};
	}
	if (!isLoopbackHost(hostname) && net.isIP(String(hostname)) === 0) {
		record('dns', hostname);
		const error = refused(hostname);
		process.nextTick(() => callback(error));
		return {};
	}
	return originalLookup.call(this, hostname, options, callback);
};

const originalPromisesLookup = dns.promises.lookup;
dns.promises.lookup = async function guardedPromisesLookup(hostname, options) {
	if (!isLoopbackHost(hostname) && net.isIP(String(hostname)) === 0) {
		record('dns', hostname);
		throw refused(hostname);
	}
	return originalPromisesLookup.call(this, hostname, options);
};

const originalConnect = net.Socket.prototype.connect;
net.Socket.prototype.connect = function guardedConnect(...args) {
	let options = args[0];
	if (Array.isArray(options)) options = options[0];
	let host;
	let port;
	if (options !== null && typeof options === 'object') {
		host = options.host;
		port = options.port;
		if (options.path) return originalConnect.apply(this, args);
	} else if (typeof options === 'number' || (typeof options === 'string' && /^\d+$/.test(options))) {
		port = options;
		host = typeof args[1] === 'string' ? args[1] : undefined;
	} else if (typeof options === 'string') {
		// A Unix socket path.
		return originalConnect.apply(this, args);
	}
	if (host && net.isIP(String(host).replace(/^\[|\]$/g, '')) !== 0 && !isLoopbackHost(host)) {
		record('connect', host, port);
		const error = refused(host);
		process.nextTick(() => this.destroy(error));
		return this;
	}
	return originalConnect.apply(this, args);
};
