/**
 * Entry of dist/copyEngine.js: the copy engine and node-redis, bundled apart from the extension so that activation
 * never loads them; "Copy Data" requires this file the first time it copies.
 */

export { copyData } from '../../core/copy/copyEngine';
