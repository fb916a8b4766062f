/**
 * URLs as the apps and push vendors load them. An http(s) URL needs a host right after "//", with
 * no user info: `https:///x` and `https://@` are typos, not URLs.
 */
const HTTP_URL = /^https?:\/\/[^\s/?#@]+(?:[/?#]\S*)?$/i;
const ABSOLUTE_URL = /^[a-z][a-z0-9+.-]*:\S+$/i;

function isParsableUrl(text: string): boolean {
	try {
		new URL(text);
		return true;
	} catch {
		return false;
	}
}

/** A well-formed absolute URL; `httpsOnly` for HW, HONOR and OHOS images, which must be HTTPS. */
export function isValidUrl(text: string, httpsOnly = false): boolean {
	if (!isParsableUrl(text)) return false;
	if (httpsOnly) return /^https:/i.test(text) && HTTP_URL.test(text);
	if (/^https?:/i.test(text)) return HTTP_URL.test(text);
	return ABSOLUTE_URL.test(text);
}
