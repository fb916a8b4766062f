'use strict';
// Loaded only if something asks for n8n's vm expression engine, which this development setup does not use.
throw new Error('isolated-vm is not installed in this development setup (n8n\'s vm expression engine needs Node 24; see scripts/isolated-vm-stub).');
