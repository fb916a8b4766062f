#!/usr/bin/env bash
# n8n's newer rule set for community nodes (@n8n/eslint-plugin-community-nodes, recommended).
# It needs ESLint 9.29 and n8n-workflow 2, which do not fit this project's ESLint 8 and the
# n8n-workflow 1 its tests run on, so it lives in a cache folder of its own, outside the repo.
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
cache=${N8N_COMMUNITY_LINT_CACHE:-$HOME/.cache/n8n-nodes-rongcloud-community-lint}
mkdir -p "$cache"
if [ ! -f "$cache/.installed-v1" ]; then
	echo "installing the community-nodes lint rules into $cache"
	(cd "$cache" && [ -f package.json ] || echo '{"private":true}' > "$cache/package.json")
	(cd "$cache" && npm install --ignore-scripts --no-audit --no-fund --save-exact \
		eslint@9.29.0 @n8n/eslint-plugin-community-nodes@0.32.0 n8n-workflow@2.41.0 \
		typescript@5.9.3 typescript-eslint@8.74.0 jsonc-eslint-parser@2.4.1 >/dev/null)
	touch "$cache/.installed-v1"
fi
cat > "$cache/eslint.config.mjs" <<CONFIG
import tseslint from 'typescript-eslint';
import * as jsonc from 'jsonc-eslint-parser';
import { configs } from '@n8n/eslint-plugin-community-nodes';
// The project's own rule set, loaded only so that its disable comments name known rules.
import n8nNodesBase from '$root/node_modules/eslint-plugin-n8n-nodes-base/dist/index.js';
export default [
	// Its disable comments are for the project's own rule set, which is not run here.
	{ linterOptions: { reportUnusedDisableDirectives: 'off' } },
	{ files: ['**/*.ts'], languageOptions: { parser: tseslint.parser } },
	{ files: ['package.json'], languageOptions: { parser: jsonc } },
	{ files: ['**/*.ts'], plugins: { 'n8n-nodes-base': n8nNodesBase } },
	{ ...configs.recommended, files: ['nodes/**/*.ts', 'credentials/**/*.ts', 'package.json'] },
];
CONFIG
cd "$root"
node "$cache/node_modules/eslint/bin/eslint.js" --config "$cache/eslint.config.mjs" --max-warnings 0 nodes credentials package.json
echo "community-nodes rules: clean"
