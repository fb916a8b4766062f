const path = require('path');
const { task, src, dest, parallel } = require('gulp');

// Each copy returns its stream, so gulp waits for the files to be written before the task ends
// (a pack right after the build must find every icon and codex file).
function copyNodeAssets() {
	return src(path.resolve('nodes', '**', '*.{png,svg,node.json}'), { encoding: false }).pipe(
		dest(path.resolve('dist', 'nodes')),
	);
}

// n8n serves these as /schemas/<node type>/<version>/<resource>/<operation>.json: the editor's output panel
// shows the fields of an operation's output before the node has run.
function copyOutputSchemas() {
	return src(path.resolve('nodes', '**', '__schema__', '**', '*.json'), { encoding: false }).pipe(
		dest(path.resolve('dist', 'nodes')),
	);
}

function copyCredentialIcons() {
	return src(path.resolve('credentials', '**', '*.{png,svg}'), { encoding: false }).pipe(
		dest(path.resolve('dist', 'credentials')),
	);
}

task('build:assets', parallel(copyNodeAssets, copyOutputSchemas, copyCredentialIcons));
